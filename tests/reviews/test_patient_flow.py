"""Patients write a review, confirm it through a signed link, and it waits for a moderator."""

import re

import pytest
from django.core import mail, signing
from django.utils import timezone

from directory.models import AppointmentRequest
from reviews import submission
from reviews.models import Review
from tests.factories import make_clinic, make_practitioner
from tests.reviews.builders import make_review, post_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic():
    return make_clinic("Larimer Physio", website="https://larimerphysio.example.com")


@pytest.fixture
def practitioner(clinic):
    return make_practitioner(clinic, "Dr Ana Ruiz")


def confirmation_link(message):
    return re.search(r"http://testserver(/reviews/confirm/[^/\s]+/)", message.body).group(1)


class TestWriting:
    def test_the_form_opens_for_a_practitioner_and_for_a_clinic(self, client, practitioner, clinic):
        for page in (practitioner, clinic):
            response = client.get(f"/reviews/write/{page.pk}/")
            assert response.status_code == 200
            assert f"Review {page.title}" in response.content.decode()

    def test_a_page_that_is_not_a_practitioner_or_clinic_cannot_be_reviewed(self, client, clinic):
        index = clinic.get_parent()
        assert client.get(f"/reviews/write/{index.pk}/").status_code == 404
        assert client.get("/reviews/write/999999/").status_code == 404

    def test_submitting_stores_an_unconfirmed_review_and_sends_a_link(self, client, practitioner):
        response = post_review(client, practitioner)
        assert response.status_code == 302
        review = Review.objects.get()
        assert review.status == Review.Status.UNCONFIRMED
        assert review.page_id == practitioner.pk
        assert review.explanation_rating == 5 and review.listening_rating is None
        assert review.visit_month.isoformat() == "2026-09-01"
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sam@example.net"]
        assert "/reviews/confirm/" in mail.outbox[0].body

    def test_bad_input_gets_a_400_with_messages_and_keeps_the_text(self, client, practitioner):
        response = post_review(client, practitioner, rating="9", visit_month="2030-01", body="short")
        assert response.status_code == 400
        body = response.content.decode()
        assert "Select a valid choice" in body
        assert "cannot be in the future" in body
        assert "at least a sentence" in body
        assert "Clear advice" in body  # the title they typed is still there
        assert not Review.objects.exists()

    def test_a_filled_honeypot_is_refused(self, client, practitioner):
        response = post_review(client, practitioner, website="http://spam.example")
        assert response.status_code == 400
        assert not Review.objects.exists()

    def test_submissions_are_rate_limited_per_address(self, client, practitioner):
        for n in range(5):
            assert post_review(client, practitioner, email=f"p{n}@example.net").status_code == 302
        response = post_review(client, practitioner, email="p9@example.net")
        assert response.status_code == 429
        assert "try again later" in response.content.decode()
        assert Review.objects.count() == 5

    def test_submissions_are_rate_limited_per_email(self, client, practitioner, clinic):
        for n in range(3):
            assert post_review(client, practitioner, address=f"198.51.100.{n}").status_code == 302
        assert post_review(client, clinic, address="198.51.100.9", email="SAM@example.net").status_code == 429

    def test_html_is_stored_as_written_and_escaped_on_output(self, client, practitioner):
        post_review(client, practitioner, title="<script>alert(1)</script>")
        review = Review.objects.get()
        assert review.title == "<script>alert(1)</script>"
        page = client.get(confirmation_link(mail.outbox[0])).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;" in page


class TestConfirmation:
    def test_the_link_shows_a_button_and_confirming_puts_the_review_in_the_queue(self, client, practitioner):
        post_review(client, practitioner)
        link = confirmation_link(mail.outbox[0])
        assert client.get(link).status_code == 200
        assert Review.objects.get().status == Review.Status.UNCONFIRMED  # a GET (a mail scanner) confirms nothing
        response = client.post(link)
        assert response.status_code == 200
        review = Review.objects.get()
        assert review.status == Review.Status.PENDING and review.confirmed_at is not None

    def test_the_link_works_once(self, client, practitioner):
        post_review(client, practitioner)
        link = confirmation_link(mail.outbox[0])
        client.post(link)
        again = client.post(link)
        assert again.status_code == 410
        assert "already been used" in again.content.decode()

    def test_a_forged_link_is_refused(self, client, practitioner):
        post_review(client, practitioner)
        review = Review.objects.get()
        forged = signing.dumps({"r": review.pk, "n": review.confirmation_nonce}, salt="another-salt")
        assert client.post(f"/reviews/confirm/{forged}/").status_code == 400
        assert client.get("/reviews/confirm/nonsense/").status_code == 400
        assert Review.objects.get().status == Review.Status.UNCONFIRMED

    def test_a_link_with_another_reviews_nonce_is_refused(self, client, practitioner):
        post_review(client, practitioner)
        review = Review.objects.get()
        wrong = signing.dumps({"r": review.pk, "n": "0" * 32}, salt=submission.CONFIRMATION_SALT)
        assert client.post(f"/reviews/confirm/{wrong}/").status_code == 410

    def test_an_expired_link_is_refused(self, client, practitioner, monkeypatch):
        post_review(client, practitioner)
        link = confirmation_link(mail.outbox[0])
        monkeypatch.setattr(submission, "CONFIRMATION_MAX_AGE", -1)
        response = client.post(link)
        assert response.status_code == 410
        assert "expired" in response.content.decode()
        assert Review.objects.get().status == Review.Status.UNCONFIRMED

    def test_one_review_per_person_per_practitioner_in_twelve_months(self, client, practitioner):
        make_review(practitioner, email="Sam+physio@Example.net")
        post_review(client, practitioner, email="sam@example.net")
        response = client.post(confirmation_link(mail.outbox[0]))
        assert response.status_code == 409
        assert Review.objects.filter(status=Review.Status.UNCONFIRMED).count() == 1
        assert client.post(confirmation_link(mail.outbox[0])).status_code == 410  # spent either way

    def test_an_older_review_does_not_block_a_new_one(self, client, practitioner):
        make_review(practitioner, email="sam@example.net", confirmed_at=timezone.now() - timezone.timedelta(days=400))
        post_review(client, practitioner)
        assert client.post(confirmation_link(mail.outbox[0])).status_code == 200

    def test_findings_are_stored_when_the_review_enters_moderation(self, client, practitioner):
        post_review(client, practitioner, body="Call me on 303-555-0143 or see www.example.org for my story.")
        client.post(confirmation_link(mail.outbox[0]))
        codes = {f["code"] for f in Review.objects.get().findings}
        assert {"contact_phone", "contact_link"} <= codes


class TestVerifiedVisit:
    def booked(self, practitioner, email, status=AppointmentRequest.Status.BOOKED):
        return AppointmentRequest.objects.create(
            clinic=practitioner.clinic,
            practitioner=practitioner,
            name="Sam",
            email=email,
            reason="Back pain",
            status=status,
            created_at=timezone.now() - timezone.timedelta(days=30),
        )

    def test_a_booked_request_from_the_confirmed_address_marks_a_verified_visit(self, client, practitioner):
        self.booked(practitioner, "SAM@example.net")
        post_review(client, practitioner)
        client.post(confirmation_link(mail.outbox[0]))
        assert Review.objects.get().verified_visit

    def test_a_request_not_booked_or_for_someone_else_does_not(self, client, practitioner, clinic):
        self.booked(practitioner, "sam@example.net", status=AppointmentRequest.Status.CONTACTED)
        self.booked(practitioner, "other@example.net")
        other = make_practitioner(clinic, "Dr Other")
        self.booked(other, "sam@example.net")
        post_review(client, practitioner)
        client.post(confirmation_link(mail.outbox[0]))
        assert not Review.objects.get().verified_visit
