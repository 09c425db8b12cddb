"""Each clinic's appointment inbox in the admin: its managers only, status moving forwards."""

import pytest

from directory.models import AppointmentRequest
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_manager, make_moderator, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def request_for(clinic, name="Pat Patient", **fields):
    return AppointmentRequest.objects.create(
        clinic=clinic, name=name, email="pat@example.org", reason="Back pain", consent_to_contact=True, **fields
    )


@pytest.fixture
def clinics():
    return make_clinic("Ours"), make_clinic("Theirs")


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_a_manager_sees_only_their_own_clinics_requests(client, clinics):
    ours, theirs = clinics
    request_for(ours, "Olivia Ours")
    request_for(theirs, "Theo Theirs")
    login(client, make_manager(ours))
    html = client.get("/admin/appointments/").content.decode()
    assert "Olivia Ours" in html and "Theo Theirs" not in html


def test_a_manager_moves_a_request_along_and_the_time_is_recorded(client, clinics):
    ours, _ = clinics
    appointment = request_for(ours)
    before = appointment.status_changed_at
    login(client, make_manager(ours))
    page = client.get(f"/admin/appointments/edit/{appointment.pk}/")
    assert page.status_code == 200 and "Back pain" in page.content.decode()
    response = client.post(f"/admin/appointments/edit/{appointment.pk}/", {"status": "contacted"})
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == "contacted" and appointment.status_changed_at > before
    assert appointment.reason == "Back pain"  # read-only fields are not changed by the form


def test_a_request_cannot_move_backwards(client, clinics):
    ours, _ = clinics
    appointment = request_for(ours, status=AppointmentRequest.Status.BOOKED)
    login(client, make_manager(ours))
    response = client.post(f"/admin/appointments/edit/{appointment.pk}/", {"status": "new"})
    assert response.status_code == 200
    assert "moves forward only" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == "booked"


def test_a_manager_cannot_open_edit_or_delete_another_clinics_request(client, clinics):
    ours, theirs = clinics
    other = request_for(theirs)
    login(client, make_manager(ours))
    assert client.get(f"/admin/appointments/edit/{other.pk}/").status_code == 404
    assert client.post(f"/admin/appointments/edit/{other.pk}/", {"status": "closed"}).status_code == 404
    assert client.post(f"/admin/appointments/delete/{other.pk}/").status_code == 404
    other.refresh_from_db()
    assert other.status == "new"


def test_moderators_see_no_requests(client, clinics):
    request_for(clinics[0], "Private Person")
    moderator = make_moderator()
    login(client, moderator)
    assert_refused(client.get("/admin/appointments/"))
    assert_refused(client.get(f"/admin/appointments/edit/{AppointmentRequest.objects.get().pk}/"))


def test_a_user_without_a_clinic_is_refused(client, clinics):
    request_for(clinics[0])
    login(client, make_user())
    assert_refused(client.get("/admin/appointments/"))


def test_nobody_adds_a_request_in_the_admin(client, clinics):
    login(client, make_manager(clinics[0]))
    assert_refused(client.get("/admin/appointments/new/"))


def test_a_superuser_sees_every_clinics_requests(client, clinics):
    ours, theirs = clinics
    request_for(ours, "Olivia Ours")
    request_for(theirs, "Theo Theirs")
    login(client, make_user(superuser=True))
    html = client.get("/admin/appointments/").content.decode()
    assert "Olivia Ours" in html and "Theo Theirs" in html
