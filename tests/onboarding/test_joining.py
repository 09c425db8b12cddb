"""The public "List your clinic" form: what it records, what it refuses, and who sees the result."""

import pytest
from django.urls import reverse

from onboarding.models import ClinicApplication
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_manager, make_moderator, make_user
from tests.onboarding.helpers import application_form, apply_url, make_application

pytestmark = pytest.mark.django_db


class TestApplying:
    def test_the_form_is_public(self, client):
        response = client.get(apply_url())
        assert response.status_code == 200
        assert "List your clinic" in response.content.decode()

    def test_an_application_records_the_clinic_its_offer_and_the_licences_claimed(self, client):
        response = client.post(apply_url(), application_form())
        assert response.status_code == 302 and response["Location"] == reverse("onboarding:applied")
        application = ClinicApplication.objects.get()
        assert application.kind == ClinicApplication.Kind.NEW
        assert application.status == ClinicApplication.Status.PENDING
        assert application.contact_email == "jane@milehighphysio.example"
        assert application.website_domain == "milehighphysio.example"
        assert [p.name for p in application.professions.all()] == ["Physiotherapist"]
        assert [t.name for t in application.techniques.all()] == ["Dry needling"]
        licence = application.licences.get()
        assert (licence.holder_name, licence.number, licence.jurisdiction.code) == ("Dr Jane Doe", "PT-12345", "US-CO")

    def test_without_a_map_position_the_city_centre_is_used_and_marked_approximate(self, client):
        client.post(apply_url(), application_form())
        application = ClinicApplication.objects.get()
        assert application.position_is_approximate
        assert abs(float(application.latitude) - 39.739) < 0.01
        assert abs(float(application.longitude) + 104.985) < 0.01

    def test_a_given_map_position_is_kept(self, client):
        client.post(apply_url(), application_form(latitude="39.752100", longitude="-104.999800"))
        application = ClinicApplication.objects.get()
        assert not application.position_is_approximate
        assert str(application.latitude) == "39.752100"

    def test_at_least_one_licence_is_required(self, client):
        response = client.post(apply_url(), application_form(licences=[]) | {"licences-0-holder_name": ""})
        assert response.status_code == 400
        assert not ClinicApplication.objects.exists()

    def test_a_malformed_licence_number_is_refused_with_the_boards_format(self, client):
        data = application_form(licences=[("Dr Jane Doe", "Physiotherapist", "GB-ENG", "123456")])
        response = client.post(apply_url(), data)
        assert response.status_code == 400
        assert "HCPC physiotherapist registration numbers" in response.content.decode()
        assert not ClinicApplication.objects.exists()

    def test_missing_fields_are_named_and_the_answers_kept(self, client):
        response = client.post(apply_url(), application_form(contact_email="", city=""))
        assert response.status_code == 400
        body = response.content.decode()
        assert "This field is required" in body
        assert "Mile High Physio" in body  # nothing typed is lost

    def test_half_a_map_position_is_refused(self, client):
        response = client.post(apply_url(), application_form(latitude="39.75"))
        assert response.status_code == 400
        assert "Give both latitude and longitude" in response.content.decode()

    def test_an_impossible_latitude_is_refused(self, client):
        response = client.post(apply_url(), application_form(latitude="123", longitude="10"))
        assert response.status_code == 400
        assert not ClinicApplication.objects.exists()


class TestDuplicates:
    def test_a_second_application_for_the_same_website_is_refused_politely(self, client):
        client.post(apply_url(), application_form())
        response = client.post(
            apply_url(),
            application_form(clinic_name="Mile-High Physiotherapy", website="http://milehighphysio.example/team"),
        )
        assert response.status_code == 400
        assert "already waiting for a moderator" in response.content.decode()
        assert ClinicApplication.objects.count() == 1

    def test_the_same_name_in_the_same_city_is_a_duplicate_whatever_the_punctuation(self, client):
        client.post(apply_url(), application_form(website=""))
        response = client.post(apply_url(), application_form(clinic_name="mile-high  PHYSIO", website=""))
        assert response.status_code == 400
        assert ClinicApplication.objects.count() == 1

    def test_the_same_name_in_another_city_is_not_a_duplicate(self, client):
        client.post(apply_url(), application_form(website=""))
        response = client.post(apply_url(), application_form(website="", city="Boulder"))
        assert response.status_code == 302
        assert ClinicApplication.objects.count() == 2

    def test_a_declined_application_does_not_block_a_new_one(self, client):
        make_application(
            clinic_name="Mile High Physio",
            website="https://milehighphysio.example",
            status=ClinicApplication.Status.DECLINED,
        )
        assert client.post(apply_url(), application_form()).status_code == 302

    def test_a_clinic_already_listed_is_pointed_to_the_claim_instead(self, client):
        make_clinic("Mile High Physio", website="https://milehighphysio.example")
        response = client.post(apply_url(), application_form(website=""))
        assert response.status_code == 400
        assert "already appears to be listed" in response.content.decode()
        assert "This is our clinic" in response.content.decode()

    def test_the_database_refuses_two_pending_applications_for_one_website(self):
        from django.db import IntegrityError, transaction

        make_application(website="https://same.example")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_application(website="https://www.same.example/")


class TestClaims:
    def test_a_claim_names_the_listing_by_its_address(self, client):
        clinic = make_clinic("Old Town Chiropractic")
        data = application_form(
            clinic_name="Old Town Chiropractic",
            website="",
            claim="on",
            listing=f"https://inscope.example{clinic.url_path.removeprefix('/home')}",
        )
        response = client.post(apply_url(), data)
        assert response.status_code == 302, response.content.decode()
        application = ClinicApplication.objects.get()
        assert application.kind == ClinicApplication.Kind.CLAIM
        assert application.clinic == clinic

    def test_a_claim_without_a_findable_listing_is_refused(self, client):
        data = application_form(claim="on", listing="https://inscope.example/clinics/no-such-clinic/")
        response = client.post(apply_url(), data)
        assert response.status_code == 400
        assert "could not find a listed clinic" in response.content.decode()

    def test_a_draft_listing_cannot_be_found_by_guessing_its_address(self, client):
        clinic = make_clinic("Hidden Draft Clinic", publish=False)
        response = client.post(apply_url(), application_form(claim="on", listing=f"/clinics/{clinic.slug}/"))
        assert response.status_code == 400

    def test_a_second_claim_of_the_same_listing_is_refused(self, client):
        clinic = make_clinic("Old Town Chiropractic")
        make_application(kind=ClinicApplication.Kind.CLAIM, clinic=clinic)
        response = client.post(apply_url(), application_form(claim="on", listing=f"/clinics/{clinic.slug}/"))
        assert response.status_code == 400
        assert "A claim for this listing is already waiting" in response.content.decode()

    def test_a_listing_that_has_managers_cannot_be_claimed_from_outside(self, client):
        clinic = make_clinic("Managed Clinic")
        make_manager(clinic)
        response = client.post(apply_url(), application_form(claim="on", listing=f"/clinics/{clinic.slug}/"))
        assert response.status_code == 400
        assert "already has managers" in response.content.decode()


class TestBots:
    def test_the_honeypot_refuses_the_submission_and_keeps_the_answers(self, client):
        response = client.post(apply_url(), application_form(homepage="http://spam.example"))
        assert response.status_code == 400
        assert "hidden field filled in" in response.content.decode()
        assert "Mile High Physio" in response.content.decode()
        assert not ClinicApplication.objects.exists()

    def test_submissions_from_one_address_are_rate_limited(self, client, settings):
        settings.CLINIC_APPLICATIONS_PER_HOUR = 3
        for number in range(3):
            data = application_form(clinic_name=f"Clinic {number}", website=f"https://c{number}.example")
            assert client.post(apply_url(), data).status_code == 302
        response = client.post(apply_url(), application_form(clinic_name="Clinic 4", website="https://c4.example"))
        assert response.status_code == 429
        assert "wait an hour" in response.content.decode()
        assert "Clinic 4" in response.content.decode()  # the answers are kept
        assert ClinicApplication.objects.count() == 3

    def test_the_rate_limit_is_per_address(self, client, settings):
        settings.CLINIC_APPLICATIONS_PER_HOUR = 1
        assert client.post(apply_url(), application_form()).status_code == 302
        other = application_form(clinic_name="Elsewhere", website="https://elsewhere.example")
        assert client.post(apply_url(), other, REMOTE_ADDR="203.0.113.9").status_code == 302

    def test_invalid_submissions_count_towards_the_limit(self, client, settings):
        settings.CLINIC_APPLICATIONS_PER_HOUR = 2
        client.post(apply_url(), application_form(city=""))
        client.post(apply_url(), application_form(city=""))
        assert client.post(apply_url(), application_form()).status_code == 429


class TestWhoSeesApplications:
    def test_moderators_see_the_queue_and_the_application(self, client):
        application = make_application(clinic_name="Queue Clinic")
        client.force_login(make_moderator())
        assert "Queue Clinic" in client.get(reverse("onboarding_admin:applications")).content.decode()
        response = client.get(reverse("onboarding_admin:application", args=[application.pk]))
        assert response.status_code == 200
        assert application.contact_email in response.content.decode()

    @pytest.mark.parametrize("role", ["anonymous", "plain user", "manager"])
    def test_nobody_else_sees_them(self, client, role):
        application = make_application()
        if role == "plain user":
            client.force_login(make_user())
        elif role == "manager":
            client.force_login(make_manager(make_clinic()))
        assert_refused(client.get(reverse("onboarding_admin:applications")))
        assert_refused(client.get(reverse("onboarding_admin:application", args=[application.pk])))


class TestClaimLinks:
    def test_a_claim_link_prefills_the_listing(self, client):
        response = client.get(apply_url(), {"listing": "https://inscope.example/clinics/old-town/"})
        form = response.context["form"]
        assert form.initial["claim"] is True and form.initial["listing"].endswith("/old-town/")
