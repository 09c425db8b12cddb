"""Two moderators, two browser tabs, one review: one decision wins, logged once (issue #7).

Each "tab" is a logged-in test client with CSRF checks on. It loads the moderation queue,
and later posts the decision form it was shown, the way a browser posts a stale tab.
test_concurrency.py races the same decision in threads on PostgreSQL; this file goes
through the real admin views, forms and CSRF tokens.
"""

import re

import pytest
from django.core import mail
from django.test import Client

from reviews.models import AuditEntry, RatingSummary, Review, ReviewReport
from tests.factories import make_clinic, make_moderator, make_practitioner
from tests.reviews.builders import make_review

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"


class Tab:
    """One browser tab of a logged-in moderator: the queue as it was when loaded."""

    def __init__(self, client):
        self.client = client
        self.page = client.get(QUEUE).content.decode()

    def form(self, action):
        """The fields of the form posting to `action`, as rendered in this tab."""
        match = re.search(rf'<form method="post" action="{re.escape(action)}">(.*?)</form>', self.page, re.S)
        assert match, f"no form for {action} in this tab"
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', match.group(1)))
        assert fields.get("csrfmiddlewaretoken"), "the form carries its CSRF token"
        return fields

    def decide(self, kind, pk, **choice):
        action = f"/admin/moderation/decide/{kind}/{pk}/"
        return self.post(action, {**self.form(action), "note": "", **choice})

    def bulk(self, items, **choice):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.page).group(1)
        data = {"csrfmiddlewaretoken": token, "items": items, "note": "", **choice}
        return self.post("/admin/moderation/decide/bulk/", data)

    def post(self, action, data):
        response = self.client.post(action, data, follow=True)
        assert response.status_code == 200
        return response.content.decode()


def browser(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


@pytest.fixture
def practitioner():
    return make_practitioner(make_clinic("Larimer Physio"), "Dr Ana Ruiz")


@pytest.fixture
def review(practitioner):
    return make_review(practitioner, status=Review.Status.PENDING, rating=2, email="patient@example.net")


@pytest.fixture
def ana():
    return make_moderator("ana")


@pytest.fixture
def ben():
    return make_moderator("ben")


def outcome_mails():
    return [message for message in mail.outbox if message.to == ["patient@example.net"]]


def test_the_second_moderators_stale_tab_is_told_and_nothing_is_logged_twice(
    ana, ben, review, practitioner, django_capture_on_commit_callbacks
):
    tab_ana, tab_ben = Tab(browser(ana)), Tab(browser(ben))  # both see the review pending
    assert f'value="review-{review.pk}"' in tab_ana.page and f'value="review-{review.pk}"' in tab_ben.page

    with django_capture_on_commit_callbacks(execute=True):  # e-mails go after commit
        assert "Review approved." in tab_ana.decide("review", review.pk, decision="approve", reason="")
        page = tab_ben.decide("review", review.pk, decision="reject", reason="not_genuine")

    assert "This review was already decided by ana: it is now published." in page
    review.refresh_from_db()
    assert (review.status, review.decided_by, review.rejection_reason) == (Review.Status.APPROVED, ana, "")
    entries = AuditEntry.objects.filter(target_id=str(review.pk))
    assert [(e.actor, e.action) for e in entries] == [(ana, AuditEntry.Action.REVIEW_APPROVED)]
    assert RatingSummary.objects.get(page=practitioner).count == 1
    assert len(outcome_mails()) == 1  # the patient hears once, about the decision that stood


def test_one_moderator_in_two_tabs_cannot_undo_a_decision_by_posting_the_old_tab(ana, review, practitioner):
    client = browser(ana)
    first_tab, second_tab = Tab(client), Tab(client)
    first_tab.decide("review", review.pk, decision="reject", reason="off_topic")
    page = second_tab.decide("review", review.pk, decision="approve", reason="")

    assert "This review was already decided by ana: it is now rejected." in page
    review.refresh_from_db()
    assert review.status == Review.Status.REJECTED
    assert AuditEntry.objects.filter(target_id=str(review.pk)).count() == 1
    assert not RatingSummary.objects.filter(page=practitioner, count__gt=0).exists()


def test_a_stale_bulk_decision_applies_only_to_what_is_still_pending(ana, ben, review, practitioner):
    other = make_review(practitioner, status=Review.Status.PENDING, rating=5, email="other@example.net")
    tab_ana, tab_ben = Tab(browser(ana)), Tab(browser(ben))
    tab_ana.decide("review", review.pk, decision="reject", reason="not_genuine")
    page = tab_ben.bulk([f"review-{review.pk}", f"review-{other.pk}"], decision="approve", reason="")

    assert "1 item approved." in page
    assert "This review was already decided by ana: it is now rejected." in page
    statuses = dict(Review.objects.filter(pk__in=[review.pk, other.pk]).values_list("pk", "status"))
    assert statuses == {review.pk: Review.Status.REJECTED, other.pk: Review.Status.APPROVED}
    actions = AuditEntry.objects.order_by("pk").values_list("target_id", "action")
    assert list(actions) == [
        (str(review.pk), AuditEntry.Action.REVIEW_REJECTED),
        (str(other.pk), AuditEntry.Action.REVIEW_APPROVED),
    ]
    assert RatingSummary.objects.get(page=practitioner).count == 1


def test_two_moderators_deciding_one_report_from_stale_tabs(ana, ben, practitioner):
    reported = make_review(practitioner, rating=1, email="patient@example.net")
    ReviewReport.objects.create(review=reported, reason="not_genuine", details="Never went there")
    tab_ana, tab_ben = Tab(browser(ana)), Tab(browser(ben))
    action = f"/admin/moderation/reports/{reported.pk}/"
    tab_ana.post(action, {**tab_ana.form(action), "decision": "dismiss", "reason": "", "note": ""})
    page = tab_ben.post(action, {**tab_ben.form(action), "decision": "uphold", "reason": "", "note": ""})

    assert "The reports on this review were already decided by another moderator." in page
    reported.refresh_from_db()
    assert reported.status == Review.Status.APPROVED
    assert AuditEntry.objects.filter(target_id=str(reported.pk)).count() == 1
    assert RatingSummary.objects.get(page=practitioner).count == 1
