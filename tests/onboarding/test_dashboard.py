"""The managers' dashboard panel: completeness with next steps, new requests, reviews, expiring licences."""

import datetime

import pytest
from django.urls import reverse
from wagtail import hooks

from directory.models import AppointmentRequest, ClinicPage, ClinicPhoto, InsurancePlan, PractitionerPage
from onboarding import applications, teams
from onboarding.completeness import listing_checks
from onboarding.models import Invitation
from onboarding.panels import REVIEWS_HOOK
from reviews.models import Review, ReviewResponse
from tests.factories import (
    make_clinic,
    make_licence,
    make_location,
    make_manager,
    make_moderator,
    make_practitioner,
    make_user,
)
from tests.onboarding.helpers import make_application
from tests.reviews.builders import make_response, make_review

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def checks_by_label(clinic):
    """As the dashboard reads them: from the clinic as it is in the database now."""
    return {check.label: check for check in listing_checks(ClinicPage.objects.get(pk=clinic.pk))}


class TestCompleteness:
    def test_an_empty_listing_says_what_to_do_next(self):
        clinic = make_clinic(location=make_location(hours=False))
        checks = checks_by_label(clinic)
        assert {label for label, check in checks.items() if not check.done} == {
            "Photo",
            "Opening hours",
            "Insurance",
            "Practitioners",
        }
        assert checks["Practitioners"].url == reverse(
            "wagtailadmin_pages:add", args=["directory", "practitionerpage", clinic.pk]
        )
        assert checks["Opening hours"].url == reverse("wagtailadmin_pages:edit", args=[clinic.pk])

    def test_a_complete_listing_is_all_ticks(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        clinic = make_clinic()
        clinic.insurance_plans.add(InsurancePlan.objects.first())
        clinic.photos.add(ClinicPhoto(image=_image()))
        clinic.save_revision().publish()
        make_licence(make_practitioner(clinic))
        assert all(check.done for check in checks_by_label(clinic).values())

    def test_each_practitioner_needs_fees_techniques_and_a_verified_current_licence(self):
        clinic = make_clinic()
        done = make_practitioner(clinic, "Dr Done")
        make_licence(done)
        make_practitioner(clinic, "Dr Missing", fees=(), techniques=())
        checks = checks_by_label(clinic)
        assert not checks["Fees"].done and "Dr Missing" in checks["Fees"].todo
        assert not checks["Techniques"].done and "Dr Missing" in checks["Techniques"].todo
        assert not checks["Verified licences"].done and checks["Verified licences"].url == reverse(
            "wagtailsnippets_onboarding_licencechange:add"
        )

    def test_an_unverified_or_expired_licence_does_not_count(self):
        clinic = make_clinic()
        practitioner = make_practitioner(clinic)
        make_licence(practitioner, verified=False)
        make_licence(practitioner, expires_on=TODAY - datetime.timedelta(days=1))
        assert not checks_by_label(clinic)["Verified licences"].done

    def test_the_manager_sees_the_draft_they_are_working_on(self):
        clinic = make_clinic(location=make_location(hours=False))
        draft = clinic.get_latest_revision_as_object()
        draft.insurance_plans = [InsurancePlan.objects.first()]
        draft.save_revision()
        assert checks_by_label(clinic)["Insurance"].done

    def test_a_city_centre_position_is_flagged_until_moved(self):
        moderator = make_moderator()
        application = make_application(position_is_approximate=True)
        clinic = applications.approve(application, by=moderator).clinic
        assert not checks_by_label(clinic)["Map position"].done
        draft = clinic.get_latest_revision_as_object()
        location = draft.locations.all()[0]
        location.latitude = location.latitude + 1
        draft.locations = [location]
        draft.save_revision()
        assert "Map position" not in checks_by_label(clinic)


def _image():
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return Image.objects.create(title="Front door", file=ImageFile(buffer, name="door.png"))


class TestPanel:
    @pytest.fixture
    def clinic(self):
        return make_clinic("Panel Clinic")

    @pytest.fixture
    def manager(self, clinic):
        return make_manager(clinic)

    def test_managers_see_their_listing_and_its_next_steps(self, client, clinic, manager):
        body = dashboard(client, manager)
        assert "Your listing" in body and "Panel Clinic" in body
        assert "Add your first practitioner." in body

    def test_new_appointment_requests_are_counted_and_listed(self, client, clinic, manager):
        other = make_clinic("Other Clinic")
        AppointmentRequest.objects.create(clinic=clinic, name="Sam Patient", email="sam@example.org", reason="Back")
        AppointmentRequest.objects.create(
            clinic=clinic, name="Old Request", email="o@example.org", reason="x", status="booked"
        )
        AppointmentRequest.objects.create(clinic=other, name="Not Yours", email="n@example.org", reason="x")
        body = dashboard(client, manager)
        assert "New appointment requests (1)" in body
        assert "Sam Patient" in body and "Old Request" not in body and "Not Yours" not in body

    def test_licences_expiring_within_60_days_are_listed(self, client, clinic, manager):
        practitioner = make_practitioner(clinic, "Dr Expiring")
        make_licence(practitioner, number="PT-SOON", expires_on=TODAY + datetime.timedelta(days=30))
        make_licence(practitioner, number="PT-LATER", expires_on=TODAY + datetime.timedelta(days=90))
        elsewhere = make_practitioner(make_clinic(), "Dr Elsewhere")
        make_licence(elsewhere, number="PT-THEIRS", expires_on=TODAY + datetime.timedelta(days=10))
        body = dashboard(client, manager)
        assert "PT-SOON" in body and "PT-LATER" not in body and "PT-THEIRS" not in body

    def test_with_nothing_waiting_it_says_so(self, client, clinic, manager):
        body = dashboard(client, manager)
        assert "Reviews awaiting your response" in body
        assert "No reviews are waiting for a response." in body

    def test_approved_reviews_without_a_response_are_listed_from_the_reviews_app(self, client, clinic, manager):
        practitioner = make_practitioner(clinic, "Dr Panel")
        answered = make_review(practitioner, title="Answered already")
        make_response(answered, status=ReviewResponse.Status.APPROVED)
        make_review(practitioner, title="Still waiting", rating=2)
        make_review(practitioner, title="Not yet approved", status=Review.Status.PENDING)
        make_review(make_practitioner(make_clinic("Other Clinic")), title="Someone else's")
        body = dashboard(client, manager)
        assert "Still waiting" in body
        for title in ("Answered already", "Not yet approved", "Someone else"):
            assert title not in body

    def test_reviews_waiting_are_listed_for_the_managers_clinics_only(self, client, clinic, manager):
        other = make_clinic("Other Clinic")

        def provider(clinics):
            return [(f"Review of {c.title}", f"/admin/reviews/{c.pk}/") for c in clinics]

        with hooks.register_temporarily(REVIEWS_HOOK, provider):
            body = dashboard(client, manager)
        assert "Review of Panel Clinic" in body and f"/admin/reviews/{clinic.pk}/" in body
        assert "Review of Other Clinic" not in body and other.title not in body

    def test_a_new_clinic_is_told_how_first_publication_works(self, client):
        application = applications.approve(make_application(clinic_name="Brand New"), by=make_moderator())
        manager = teams.accept(Invitation.objects.get(user=application.manager), password="long pass phrase 99")
        assert "Submit to Clinic listing review" in dashboard(client, manager)

    def test_affiliation_requests_waiting_are_shown(self, client, clinic, manager):
        from onboarding import affiliations

        practitioner = make_practitioner(clinic)
        host = make_clinic("Host")
        affiliations.request(practitioner, host.locations.get(), by=make_manager(host))
        assert "Affiliation requests for you to answer" in dashboard(client, manager)

    @pytest.mark.parametrize(
        "make", [make_moderator, lambda: make_user(superuser=True)], ids=["moderator", "superuser"]
    )
    def test_moderators_and_administrators_do_not_get_the_panel(self, client, clinic, make):
        assert "Your listing" not in dashboard(client, make())


def test_the_panels_queries_do_not_grow_with_the_number_of_practitioners(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clinic = make_clinic()
    manager = make_manager(clinic)
    client.force_login(manager)

    def queries_with(practitioners):
        while PractitionerPage.objects.child_of(clinic).count() < practitioners:
            make_licence(make_practitioner(clinic))
        client.get(reverse("wagtailadmin_home"))  # warm per-request caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("wagtailadmin_home")).status_code == 200
        return len(captured.captured_queries)

    few = queries_with(2)
    many = queries_with(12)
    assert many == few
