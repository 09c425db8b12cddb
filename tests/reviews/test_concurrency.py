"""Two moderators deciding the same review at once: one wins, the other is told, nothing is half-applied.

Runs on PostgreSQL with two real connections (threads); SQLite serialises writers
anyway, and the stale-decision case is covered on both in test_moderation.
"""

import threading
import time

import pytest
from django.db import connection, connections

from reviews.models import AuditEntry, RatingSummary, Review
from reviews.moderation import AlreadyDecided, decide_review
from reviews.ratings import refresh_rating
from tests.factories import make_clinic, make_moderator, make_practitioner
from tests.reviews.builders import make_review

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: the race uses two connections"),
    pytest.mark.usefixtures("full_database"),
]


def race(*calls):
    """Run the calls in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_moderators_deciding_one_review_at_once():
    practitioner = make_practitioner(make_clinic())
    review = make_review(practitioner, status=Review.Status.PENDING, rating=1)
    approver, rejecter = make_moderator("approver"), make_moderator("rejecter")
    for round_number in range(5):  # several rounds, so the interleaving varies
        results = race(
            lambda pk=review.pk: decide_review(pk, by=approver, approve=True),
            lambda pk=review.pk: decide_review(pk, by=rejecter, approve=False, reason="not_genuine"),
        )
        winners = [r for r in results if isinstance(r, Review)]
        losers = [r for r in results if isinstance(r, AlreadyDecided)]
        assert len(winners) == 1 and len(losers) == 1, results
        assert "already decided by" in str(losers[0])
        review.refresh_from_db()
        assert review.status == winners[0].status
        assert AuditEntry.objects.filter(target_id=str(review.pk)).count() == 1
        summary = RatingSummary.objects.filter(page=practitioner).first()
        assert (summary.count if summary else 0) == (1 if review.status == Review.Status.APPROVED else 0)
        if review.status == Review.Status.APPROVED:  # start the next round from an empty rating
            Review.objects.filter(pk=review.pk).update(status=Review.Status.REJECTED)
            refresh_rating(practitioner.pk)
        review = make_review(practitioner, status=Review.Status.PENDING, rating=1, email=f"r{round_number}@example.net")


def test_approving_two_reviews_of_one_page_at_once_counts_both(monkeypatch):
    from reviews import ratings

    count = ratings.counted_reviews

    def slow_count(page_id):  # widen the window between reading the summary and counting
        time.sleep(0.5)
        return count(page_id)

    monkeypatch.setattr(ratings, "counted_reviews", slow_count)
    practitioner = make_practitioner(make_clinic())
    first = make_review(practitioner, status=Review.Status.PENDING, rating=5, email="a@example.net")
    second = make_review(practitioner, status=Review.Status.PENDING, rating=1, email="b@example.net")
    moderator = make_moderator()
    refresh_rating(practitioner.pk)  # the summary exists already, as it does for most pages
    results = race(
        lambda: decide_review(first.pk, by=moderator, approve=True),
        lambda: decide_review(second.pk, by=moderator, approve=True),
    )
    assert all(isinstance(r, Review) for r in results), results
    summary = RatingSummary.objects.get(page=practitioner)
    assert (summary.count, summary.stars_1, summary.stars_5) == (2, 1, 1)
