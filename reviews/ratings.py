"""Keeping RatingSummary current: recomputed from approved reviews, never adjusted by increments.

A practitioner's summary counts reviews of the practitioner; a clinic's counts reviews
of the clinic itself, not of its practitioners (see README "Reviews": a practitioner
may practise at several clinics, and one review must not weigh in two averages).
The summary row is locked while it is recomputed, so two decisions about the same
page at once cannot each count without the other. Saving it is what reindexes search.
"""

from django.db import transaction
from django.db.models import Count

from reviews.models import RatingSummary, Review


def counted_reviews(page_id):
    """Reviews that count: approved ones (a review hidden while a report is checked still counts)."""
    return Review.objects.filter(page_id=page_id, status=Review.Status.APPROVED)


def lock_summary(page_id):
    """The page's summary, created on demand, locked until the transaction ends."""
    RatingSummary.objects.get_or_create(page_id=page_id)
    return RatingSummary.objects.select_for_update().get(page_id=page_id)


@transaction.atomic
def refresh_rating(page_id):
    summary = lock_summary(page_id)
    rows = counted_reviews(page_id).order_by().values_list("rating").annotate(n=Count("pk"))
    summary.set_counts(dict(rows))
    summary.save()
    return summary
