"""Clinic managers answer and report reviews of their own clinic, and curate its testimonials; nothing else."""

import datetime

import pytest

from directory.models import Jurisdiction
from reviews.findings import response_disclosures
from reviews.models import Review, ReviewReport, ReviewResponse
from reviews.models import Testimonial as SavedTestimonial
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_location, make_manager, make_moderator, make_practitioner
from tests.reviews.builders import make_response, make_review

pytestmark = pytest.mark.django_db

GOOD_REPLY = "Thank you for taking the time to write. We would welcome a call to the clinic manager to talk it over."


@pytest.fixture
def clinic_a():
    return make_clinic("Clinic A")


@pytest.fixture
def clinic_b():
    return make_clinic("Clinic B")


@pytest.fixture
def review_a(clinic_a):
    return make_review(make_practitioner(clinic_a, "Dr A"), rating=2, display_name="Jordan Mills")


@pytest.fixture
def review_b(clinic_b):
    return make_review(make_practitioner(clinic_b, "Dr B"), rating=2)


@pytest.fixture
def manager_a(client, clinic_a):
    user = make_manager(clinic_a)
    client.force_login(user)
    return user


class TestReviewsOfTheirClinic:
    def test_the_list_shows_their_reviews_only(self, client, manager_a, review_a, review_b, clinic_a):
        clinic_review = make_review(clinic_a, title="About the front desk")
        body = client.get("/admin/clinic-reviews/").content.decode()
        assert review_a.title in body and clinic_review.title in body
        assert f"/admin/clinic-reviews/inspect/{review_b.pk}/" not in body

    def test_another_clinics_review_is_not_found(self, client, manager_a, review_b):
        for path in ("inspect", "respond", "report"):
            assert client.get(f"/admin/clinic-reviews/{path}/{review_b.pk}/").status_code == 404
        client.post(f"/admin/clinic-reviews/respond/{review_b.pk}/", {"body": GOOD_REPLY})
        client.post(f"/admin/clinic-reviews/report/{review_b.pk}/", {"reason": "personal_information"})
        assert not ReviewResponse.objects.exists() and not ReviewReport.objects.exists()
        review_b.refresh_from_db()
        assert review_b.is_public

    def test_a_manager_responds_once_and_the_response_waits_for_moderation(self, client, manager_a, review_a):
        assert client.get(f"/admin/clinic-reviews/inspect/{review_a.pk}/").status_code == 200
        response = client.post(f"/admin/clinic-reviews/respond/{review_a.pk}/", {"body": GOOD_REPLY})
        assert response.status_code == 302
        reply = ReviewResponse.objects.get()
        assert (reply.review, reply.author, reply.status) == (review_a, manager_a, "pending")
        client.post(f"/admin/clinic-reviews/respond/{review_a.pk}/", {"body": "A second go."})
        assert ReviewResponse.objects.get().body == GOOD_REPLY

    def test_a_rejected_response_may_be_revised_and_sent_again(self, client, manager_a, review_a):
        make_response(review_a, author=manager_a, status=ReviewResponse.Status.REJECTED)
        client.post(f"/admin/clinic-reviews/respond/{review_a.pk}/", {"body": GOOD_REPLY})
        reply = ReviewResponse.objects.get()
        assert reply.status == "pending" and reply.body == GOOD_REPLY

    @pytest.mark.parametrize(
        "text, problem",
        [
            ("Jordan, we are sorry you felt rushed; please call us.", "names the reviewer"),
            ("We are sorry about the wait on 12/09 and hope to improve.", "date"),
            ("Sorry the wait was long last Tuesday; we are improving scheduling.", "date"),
            ("We are glad the dry needling helped your sciatica in the end.", "treatment or health"),
            ("We reviewed your treatment notes and disagree with this account.", "confirms the reviewer"),
            ("When you came in we were short-staffed, and we apologise.", "confirms the reviewer"),
        ],
    )
    def test_a_response_that_identifies_the_patient_or_their_care_is_refused(
        self, client, manager_a, review_a, text, problem
    ):
        response = client.post(f"/admin/clinic-reviews/respond/{review_a.pk}/", {"body": text})
        assert response.status_code == 400
        assert problem in response.content.decode()
        assert not ReviewResponse.objects.exists()

    def test_a_general_reply_passes_the_disclosure_check(self, review_a):
        assert response_disclosures(GOOD_REPLY, review_a) == []
        assert response_disclosures("You may call us any weekday; we want to hear from you.", review_a) == []

    def test_a_manager_may_report_but_a_report_is_all_they_can_do(self, client, manager_a, review_a):
        response = client.post(
            f"/admin/clinic-reviews/report/{review_a.pk}/", {"reason": "personal_information", "details": "Names staff"}
        )
        assert response.status_code == 302
        report = ReviewReport.objects.get()
        assert report.reporter == manager_a
        review_a.refresh_from_db()
        assert review_a.status == Review.Status.APPROVED and review_a.hidden_at is not None

    def test_anonymous_visitors_and_moderators_cannot_use_clinic_side_screens(self, client, review_a):
        client.logout()
        assert_refused(client.get("/admin/clinic-reviews/"))
        client.force_login(make_moderator())
        assert_refused(client.get("/admin/clinic-reviews/"))
        assert_refused(client.post(f"/admin/clinic-reviews/respond/{review_a.pk}/", {"body": GOOD_REPLY}))
        assert_refused(client.get("/admin/testimonials/"))
        assert not ReviewResponse.objects.exists()


def form_data(practitioner=None, clinic=None, **overrides):
    data = {
        "clinic": clinic.pk if clinic else "",
        "practitioner": practitioner.pk if practitioner else "",
        "quote": "The team were welcoming and the booking was easy.",
        "display_name": "Sam, Denver",
        "consent_obtained_on": "2026-10-02",
        "consent_method": "signed_form",
        "consent_reference": "Signed form in the patient file",
    }
    data.update(overrides)
    return data


class TestTestimonials:
    def test_a_manager_adds_a_testimonial_with_consent(self, client, manager_a, clinic_a):
        response = client.post("/admin/testimonials/new/", form_data(clinic=clinic_a))
        assert response.status_code == 302, response.content.decode()[:2000]
        testimonial = SavedTestimonial.objects.get()
        assert testimonial.created_by == manager_a and testimonial.consent_method == "signed_form"

    def test_consent_cannot_be_dated_in_the_future(self, client, manager_a, clinic_a):
        future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
        response = client.post("/admin/testimonials/new/", form_data(clinic=clinic_a, consent_obtained_on=future))
        assert response.status_code == 200 and not SavedTestimonial.objects.exists()

    def test_a_manager_cannot_add_one_for_another_clinic_or_its_practitioner(self, client, manager_a, clinic_b):
        other = make_practitioner(clinic_b, "Dr B")
        client.post("/admin/testimonials/new/", form_data(clinic=clinic_b))
        client.post("/admin/testimonials/new/", form_data(clinic=clinic_b, practitioner=other))
        assert not SavedTestimonial.objects.exists()

    def test_another_clinics_testimonial_is_not_found(self, client, manager_a, clinic_b):
        theirs = SavedTestimonial.objects.create(
            clinic=clinic_b, quote="Lovely", display_name="Al", consent_obtained_on="2026-01-01", consent_method="email"
        )
        assert f"/admin/testimonials/edit/{theirs.pk}/" not in client.get("/admin/testimonials/").content.decode()
        for view in ("edit", "delete", "inspect"):
            assert client.get(f"/admin/testimonials/{view}/{theirs.pk}/").status_code == 404
        client.post(f"/admin/testimonials/delete/{theirs.pk}/")
        client.post(f"/admin/testimonials/edit/{theirs.pk}/", form_data(clinic=clinic_b, quote="Hijacked"))
        assert SavedTestimonial.objects.get(pk=theirs.pk).quote == "Lovely"

    def test_a_clinical_testimonial_is_refused_in_australia_with_the_reason(self, client):
        sydney = make_clinic(
            "Harbour Physio",
            location=make_location(jurisdiction="AU-NSW", city="Sydney", coords=("-33.8688", "151.2093")),
        )
        client.force_login(make_manager(sydney))
        data = form_data(clinic=sydney, quote="My shoulder pain went away.", about_clinical_outcome="on")
        response = client.post("/admin/testimonials/new/", data)
        assert response.status_code == 200
        assert "section 133" in response.content.decode()
        assert not SavedTestimonial.objects.exists()
        data.pop("about_clinical_outcome")
        data["quote"] = "Friendly reception and easy parking."
        assert client.post("/admin/testimonials/new/", data).status_code == 302

    def test_the_same_clinical_testimonial_is_allowed_in_colorado(self, client, manager_a, clinic_a):
        assert Jurisdiction.objects.get(code="US-CO")
        data = form_data(clinic=clinic_a, quote="My knee is stronger.", about_clinical_outcome="on")
        assert client.post("/admin/testimonials/new/", data).status_code == 302
