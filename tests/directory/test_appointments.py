"""A patient's appointment request: validated, rate limited, routed to the right inbox, e-mailed."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from directory.models import AppointmentRequest
from tests.factories import make_clinic, make_location, make_manager, make_practitioner

pytestmark = pytest.mark.django_db

BOULDER = (Decimal("40.014986"), Decimal("-105.270546"))


def valid(**overrides):
    data = {
        "name": "Sam Patient",
        "email": "sam@example.org",
        "phone": "",
        "preferred_times": "Weekday mornings",
        "reason": "Pain down my left leg for three weeks.",
        "consent_to_contact": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def url(page):
    return f"/appointments/{page.pk}/"


@pytest.fixture
def practitioner():
    return make_practitioner(make_clinic("Mile High Physio", email="front-desk@milehigh.example"), "Maya Ortiz")


def test_the_profile_carries_a_labelled_request_form_that_posts_to_the_request_view(client, practitioner):
    html = client.get(practitioner.url).content.decode()
    assert f'action="/appointments/{practitioner.pk}/"' in html
    for field in ("name", "email", "phone", "preferred_times", "reason", "consent_to_contact"):
        assert f'<label for="appt-{field}">' in html


def test_a_valid_request_lands_in_the_clinic_inbox_emails_the_clinic_and_confirms(
    client, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(practitioner), valid())
    assert response.status_code == 302 and response["Location"] == f"/appointments/{practitioner.pk}/sent/"

    request = AppointmentRequest.objects.get()
    assert request.clinic_id == practitioner.get_parent().pk
    assert request.practitioner_id == practitioner.pk
    assert request.status == AppointmentRequest.Status.NEW
    assert request.location == practitioner.practice_locations.get().location

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["front-desk@milehigh.example"]
    assert "Maya Ortiz" in message.subject
    assert "leg" not in message.subject.lower() and "leg" not in message.body.lower()  # no health details
    assert f"/admin/appointments/edit/{request.pk}/" in message.body

    confirmation = client.get(response["Location"]).content.decode()
    assert "Your request has been sent" in confirmation
    assert "Mile High Physio" in confirmation and "sam@example.org" in confirmation


def test_the_confirmation_shows_no_details_to_another_browser(client, practitioner):
    client.post(url(practitioner), valid())
    from django.test import Client

    html = Client().get(f"/appointments/{practitioner.pk}/sent/").content.decode()
    assert "Your request has been sent" in html and "sam@example.org" not in html


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"name": ""}, "Please tell us your name."),
        ({"email": "", "phone": ""}, "Give an e-mail address or a phone number"),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"phone": "call me", "email": ""}, "Enter a phone number of 6 to 15 digits"),
        ({"reason": ""}, "Please say briefly what you would like help with."),
        ({"consent_to_contact": None}, "Please agree to be contacted"),
        ({"reason": "x" * 2001}, "Ensure this value has at most 2000 characters"),
    ],
)
def test_invalid_requests_are_refused_with_a_clear_message_and_400(client, practitioner, overrides, message):
    response = client.post(url(practitioner), valid(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AppointmentRequest.objects.exists()
    assert not mail.outbox


def test_a_phone_number_alone_is_enough(client, practitioner):
    response = client.post(url(practitioner), valid(email="", phone="+1 (303) 555-0142"))
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().phone == "+1 (303) 555-0142"


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(client, practitioner):
    response = client.post(url(practitioner), valid(website="http://spam.example"))
    assert response.status_code == 400
    assert not AppointmentRequest.objects.exists()


def test_one_address_is_rate_limited_per_hour(client, practitioner, settings):
    settings.APPOINTMENT_REQUESTS_PER_IP_PER_HOUR = 2
    for n in range(2):
        assert client.post(url(practitioner), valid(email=f"p{n}@example.org")).status_code == 302
    response = client.post(url(practitioner), valid(email="p3@example.org"))
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert AppointmentRequest.objects.count() == 2
    other = client.post(url(practitioner), valid(email="p4@example.org"), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_one_email_address_is_rate_limited_per_day_from_any_address(client, practitioner, settings):
    settings.APPOINTMENT_REQUESTS_PER_EMAIL_PER_DAY = 1
    assert client.post(url(practitioner), valid(), REMOTE_ADDR="198.51.100.1").status_code == 302
    response = client.post(url(practitioner), valid(email="SAM@example.org"), REMOTE_ADDR="198.51.100.2")
    assert response.status_code == 429
    assert AppointmentRequest.objects.count() == 1


def test_a_request_about_another_clinics_location_goes_to_that_clinics_inbox(client):
    home = make_clinic("Home Base")
    host = make_clinic("Host Clinic", location=make_location(city="Boulder", coords=BOULDER))
    visitor = make_practitioner(home, locations=[home.locations.first(), host.locations.first()])
    response = client.post(url(visitor), valid(location=str(host.locations.first().pk)))
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().clinic_id == host.pk


def test_a_location_of_an_unrelated_clinic_cannot_be_chosen(client, practitioner):
    elsewhere = make_clinic("Elsewhere").locations.first()
    second = make_location(practitioner.get_parent().specific, street_address="2 Second St")
    practitioner.practice_locations.create(location=second)
    response = client.post(url(practitioner), valid(location=str(elsewhere.pk)))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_a_clinic_page_takes_requests_too_and_without_an_address_emails_its_managers(
    client, django_capture_on_commit_callbacks
):
    clinic = make_clinic("No Email Clinic")
    manager = make_manager(clinic)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(clinic), valid()).status_code == 302
    request = AppointmentRequest.objects.get()
    assert request.clinic_id == clinic.pk and request.practitioner is None
    assert mail.outbox[0].to == [manager.email]


def test_a_failing_mail_server_does_not_lose_the_request(client, practitioner, django_capture_on_commit_callbacks):
    with (
        mock.patch("directory.appointments.send_mail", side_effect=OSError("SMTP down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url(practitioner), valid())
    assert response.status_code == 302
    assert AppointmentRequest.objects.count() == 1


def test_requests_to_unknown_or_unpublished_pages_are_404(client):
    draft = make_clinic("Draft Clinic", publish=False)
    assert client.get("/appointments/999999/").status_code == 404
    assert client.post(f"/appointments/{draft.pk}/", valid()).status_code == 404
    assert client.put(f"/appointments/{draft.pk}/").status_code == 405


def test_the_standalone_form_page_works_without_javascript(client, practitioner):
    response = client.get(url(practitioner))
    assert response.status_code == 200
    assert "Request an appointment with Maya Ortiz" in response.content.decode()


def test_purge_deletes_requests_older_than_the_retention_period_and_says_how_many(practitioner, settings, capsys):
    settings.APPOINTMENT_RETENTION_DAYS = 30
    clinic = practitioner.get_parent().specific
    now = timezone.now()
    for days in (5, 29, 31, 400):
        AppointmentRequest.objects.create(
            clinic=clinic, name="P", email="p@example.org", reason="r", created_at=now - datetime.timedelta(days=days)
        )
    call_command("purge_appointment_requests")
    assert "Deleted 2 appointment requests older than 30 days." in capsys.readouterr().out
    assert AppointmentRequest.objects.count() == 2
    call_command("purge_appointment_requests", "--days", "1")
    assert AppointmentRequest.objects.count() == 0


def test_purge_refuses_a_retention_period_under_a_day():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("purge_appointment_requests", "--days", "0")
