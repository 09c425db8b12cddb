"""Builders for reviews, responses and reports, going through the same code paths as the site."""

import datetime

from django.utils import timezone

from reviews.findings import review_findings
from reviews.models import Review, ReviewResponse
from reviews.ratings import refresh_rating

BODY = "The assessment was thorough and the exercises were explained clearly. My back feels better."


def make_review(
    page, *, rating=4, status=Review.Status.APPROVED, email=None, title="Helpful visit", body=BODY, **fields
):
    """A review in the given state; approved ones are counted in the page's RatingSummary."""
    now = timezone.now()
    review = Review(
        page=page,
        rating=rating,
        title=title,
        body=body,
        visit_month=fields.pop("visit_month", datetime.date(2026, 9, 1)),
        display_name=fields.pop("display_name", "Priya S."),
        email=email or f"patient{Review.objects.count() + 1}@example.net",
        status=status,
        confirmed_at=None if status == Review.Status.UNCONFIRMED else fields.pop("confirmed_at", now),
        **fields,
    )
    review.save()
    if status != Review.Status.UNCONFIRMED:
        review.set_findings(review_findings(review))
        review.save()
    if status == Review.Status.APPROVED:
        refresh_rating(page.pk)
    return review


def make_response(review, *, author=None, status=ReviewResponse.Status.PENDING, body="Thank you for your feedback."):
    return ReviewResponse.objects.create(review=review, author=author, status=status, body=body)


def post_review(client, page, *, address="203.0.113.5", **overrides):
    data = {
        "rating": "4",
        "explanation_rating": "5",
        "title": "Clear advice",
        "body": "She explained what was going on and gave me exercises that I could actually do at home.",
        "visit_month": "2026-09",
        "display_name": "Sam K.",
        "email": "sam@example.net",
        "own_experience": "on",
        "website": "",
    }
    data.update(overrides)
    return client.post(f"/reviews/write/{page.pk}/", data, REMOTE_ADDR=address)
