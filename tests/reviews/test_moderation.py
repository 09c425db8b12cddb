"""Moderators decide reviews, responses and reports; each decision is logged and the author told."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from reviews.models import AuditEntry, RatingSummary, Review, ReviewReport, ReviewResponse
from reviews.moderation import AlreadyDecided, decide_reports, decide_review, rejection_counts_by_rating
from reviews.policy import RejectionReason
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_manager, make_moderator, make_practitioner, make_user
from tests.reviews.builders import make_response, make_review

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"


@pytest.fixture
def clinic():
    return make_clinic("Larimer Physio")


@pytest.fixture
def practitioner(clinic):
    return make_practitioner(clinic, "Dr Ana Ruiz")


@pytest.fixture
def moderator(client):
    user = make_moderator("mod1")
    client.force_login(user)
    return user


def pending(page, **fields):
    return make_review(page, status=Review.Status.PENDING, **fields)


class TestQueue:
    def test_the_queue_lists_pending_reviews_and_responses_oldest_first_with_findings(
        self, client, moderator, practitioner
    ):
        from django.utils import timezone

        old = pending(practitioner, title="Older one", confirmed_at=timezone.now() - timezone.timedelta(days=3))
        pending(practitioner, title="Newer one", body="Ring 303 555 0143 for a discount, great physio.")
        approved = make_review(practitioner, title="Answered")
        make_response(approved, body="We welcome all feedback and invite you to call the clinic.")
        body = client.get(QUEUE).content.decode()
        assert body.index("Older one") < body.index("Newer one") < body.index("Answered")
        assert "Phone number in the text" in body and "303 555 0143" in body
        assert "The oldest has waited <strong>3" in body
        assert f'value="review-{old.pk}"' in body

    def test_filters_narrow_the_queue(self, client, moderator, practitioner):
        pending(practitioner, title="Five stars", rating=5)
        pending(practitioner, title="One star", rating=1, body="Email me at someone@example.org about it please.")
        body = client.get(QUEUE, {"rating": "1"}).content.decode()
        assert "One star" in body and "Five stars" not in body
        body = client.get(QUEUE, {"finding": "contact_email"}).content.decode()
        assert "One star" in body and "Five stars" not in body
        body = client.get(QUEUE, {"kind": "response"}).content.decode()
        assert "One star" not in body

    def test_approving_publishes_counts_logs_and_tells_the_author(
        self, client, moderator, practitioner, django_capture_on_commit_callbacks
    ):
        review = pending(practitioner, rating=2, email="author@example.net")
        url = reverse("reviews_moderation:decide", args=["review", review.pk])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"decision": "approve"})
        assert response.status_code == 302
        review.refresh_from_db()
        assert review.status == Review.Status.APPROVED and review.decided_by == moderator
        summary = RatingSummary.objects.get(page=practitioner)
        assert summary.count == 1 and summary.stars_2 == 1
        entry = AuditEntry.objects.get(action=AuditEntry.Action.REVIEW_APPROVED)
        assert (entry.actor, entry.previous_state, entry.new_state) == (moderator, "pending", "approved")
        assert mail.outbox[-1].to == ["author@example.net"] and "published" in mail.outbox[-1].subject

    def test_rejecting_needs_a_published_reason_and_records_the_note(
        self, client, moderator, practitioner, django_capture_on_commit_callbacks
    ):
        review = pending(practitioner)
        url = reverse("reviews_moderation:decide", args=["review", review.pk])
        client.post(url, {"decision": "reject"})
        review.refresh_from_db()
        assert review.status == Review.Status.PENDING
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"decision": "reject", "reason": "advertising", "note": "Links to a shop."})
        review.refresh_from_db()
        assert review.status == Review.Status.REJECTED and review.rejection_reason == "advertising"
        entry = AuditEntry.objects.get(action=AuditEntry.Action.REVIEW_REJECTED)
        assert entry.reason_code == "advertising" and entry.note == "Links to a shop."
        assert "Advertising" in mail.outbox[-1].body
        assert not RatingSummary.objects.filter(page=practitioner, count__gt=0).exists()

    def test_a_reason_outside_the_policy_is_refused(self, practitioner, moderator):
        review = pending(practitioner)
        with pytest.raises(ValidationError):
            decide_review(review.pk, by=moderator, approve=False, reason="too_negative")

    def test_bulk_decisions(self, client, moderator, practitioner):
        reviews = [pending(practitioner, email=f"p{n}@example.net") for n in range(3)]
        answered = make_review(practitioner)
        reply = make_response(answered, body="We welcome every comment; please call the clinic.")
        items = [f"review-{r.pk}" for r in reviews[:2]] + [f"response-{reply.pk}"]
        client.post(reverse("reviews_moderation:decide_bulk"), {"decision": "approve", "items": items})
        statuses = [Review.objects.get(pk=r.pk).status for r in reviews]
        assert statuses == ["approved", "approved", "pending"]
        assert ReviewResponse.objects.get(pk=reply.pk).status == "approved"
        assert RatingSummary.objects.get(page=practitioner).count == 3

    def test_a_decision_already_taken_is_reported_to_the_second_moderator(self, client, moderator, practitioner):
        review = pending(practitioner)
        other = make_moderator("mod2")
        decide_review(review.pk, by=other, approve=False, reason="off_topic")
        response = client.post(
            reverse("reviews_moderation:decide", args=["review", review.pk]), {"decision": "approve"}, follow=True
        )
        assert "already decided by mod2" in response.content.decode()
        review.refresh_from_db()
        assert review.status == Review.Status.REJECTED
        assert AuditEntry.objects.count() == 1

    def test_rejection_counts_by_rating_are_shown(self, client, moderator, practitioner):
        for rating in (1, 1, 5):
            r = pending(practitioner, rating=rating, email=f"r{rating}{Review.objects.count()}@example.net")
            decide_review(r.pk, by=moderator, approve=rating == 5, reason="" if rating == 5 else "not_genuine")
        table = rejection_counts_by_rating()
        assert table[0] == (5, 1, 0, 0) and table[4] == (1, 0, 2, 100)
        assert "Decisions by star rating" in client.get(QUEUE).content.decode()


class TestReports:
    def test_a_patient_reports_a_review_and_it_stays_visible(self, client, practitioner):
        review = make_review(practitioner)
        response = client.post(f"/reviews/{review.pk}/report/", {"reason": "not_genuine", "details": "Never went"})
        assert response.status_code == 200
        review.refresh_from_db()
        assert review.is_public and review.reports.get().reason == "not_genuine"

    def test_personal_information_or_unlawful_hides_it_at_once_but_keeps_the_rating(self, client, practitioner):
        for reason in ("personal_information", "unlawful"):
            review = make_review(practitioner, email=f"{reason}@example.net")
            client.post(f"/reviews/{review.pk}/report/", {"reason": reason})
            review.refresh_from_db()
            assert review.hidden_at is not None and not review.is_public
            assert AuditEntry.objects.filter(action="review_hidden", target_id=str(review.pk)).exists()
        assert RatingSummary.objects.get(page=practitioner).count == 2

    def test_only_published_reviews_can_be_reported(self, client, practitioner):
        review = pending(practitioner)
        assert client.get(f"/reviews/{review.pk}/report/").status_code == 404

    def test_a_report_without_a_listed_reason_is_refused(self, client, practitioner):
        review = make_review(practitioner)
        assert client.post(f"/reviews/{review.pk}/report/", {"reason": "i_dislike_it"}).status_code == 400
        assert not ReviewReport.objects.exists()

    def test_upholding_removes_the_review_and_updates_the_rating(
        self, client, moderator, practitioner, django_capture_on_commit_callbacks
    ):
        review = make_review(practitioner, rating=1)
        make_review(practitioner, rating=5, email="x@example.net")
        client.post(f"/reviews/{review.pk}/report/", {"reason": "personal_information"})
        body = client.get(QUEUE).content.decode()
        assert "Reported review" in body and "Hidden since" in body
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("reviews_moderation:decide_report", args=[review.pk]), {"decision": "uphold"})
        review.refresh_from_db()
        assert review.status == Review.Status.REJECTED and review.rejection_reason == "personal_information"
        assert review.reports.get().status == ReviewReport.Status.UPHELD
        summary = RatingSummary.objects.get(page=practitioner)
        assert (summary.count, summary.stars_1, summary.stars_5) == (1, 0, 1)
        assert "has been removed" in mail.outbox[-1].subject

    def test_dismissing_shows_the_review_again(self, practitioner, moderator):
        review = make_review(practitioner)
        from reviews.submission import file_report

        file_report(review, reason="unlawful")
        decide_reports(review.pk, by=moderator, uphold=False)
        review.refresh_from_db()
        assert review.is_public and review.reports.get().status == ReviewReport.Status.DISMISSED
        with pytest.raises(AlreadyDecided):
            decide_reports(review.pk, by=moderator, uphold=True)


class TestWhoMayModerate:
    def test_anonymous_visitors_and_plain_users_are_refused(self, client, practitioner):
        review = pending(practitioner)
        assert_refused(client.get(QUEUE))
        client.force_login(make_user())
        assert_refused(client.get(QUEUE))
        assert_refused(
            client.post(reverse("reviews_moderation:decide", args=["review", review.pk]), {"decision": "approve"})
        )
        assert Review.objects.get(pk=review.pk).status == Review.Status.PENDING

    def test_a_manager_cannot_moderate_or_hide_or_delete_a_review_of_their_clinic(self, client, clinic, practitioner):
        review = make_review(practitioner, rating=1)
        waiting = pending(practitioner)
        client.force_login(make_manager(clinic))
        assert_refused(client.get(QUEUE))
        for url, data in [
            (reverse("reviews_moderation:decide", args=["review", waiting.pk]), {"decision": "approve"}),
            (
                reverse("reviews_moderation:decide_bulk"),
                {"decision": "reject", "reason": "off_topic", "items": [f"review-{review.pk}"]},
            ),
            (
                reverse("reviews_moderation:decide_report", args=[review.pk]),
                {"decision": "uphold", "reason": "off_topic"},
            ),
        ]:
            assert_refused(client.post(url, data))
        for path in (f"/admin/clinic-reviews/edit/{review.pk}/", f"/admin/clinic-reviews/delete/{review.pk}/"):
            assert client.post(path, {"title": "Changed"}).status_code == 404
        review.refresh_from_db()
        assert review.is_public and review.title == "Helpful visit"
        assert Review.objects.get(pk=waiting.pk).status == Review.Status.PENDING

    def test_rejection_reasons_are_the_published_ones(self, client):
        body = client.get("/reviews/policy/").content.decode()
        for label in RejectionReason.labels:
            assert label in body
