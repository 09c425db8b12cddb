"""What patients do: submit a review, confirm it by e-mail, report one, mark one helpful.

Key ideas:
- A review waits, unconfirmed, until its author opens a signed link sent to the
  address given. The link carries the review's id and a one-time nonce, signed with
  a timestamp: it expires (CONFIRMATION_MAX_AGE) and works once (the nonce is
  cleared when used). Only then do the one-review rule, the findings and the
  verified-visit check run, because only then do we know whose review it is.
- The one-review rule (one per confirmed e-mail per page in 365 days) is checked
  at confirmation and not at submission, so that a stranger typing someone's
  address learns nothing about what they have reviewed.
- "Verified visit": the confirmed address matches an appointment request made
  through InScope to the same practitioner (or to the clinic, for a clinic review)
  before the review was written, which the clinic has marked booked.
"""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from directory.models import AppointmentRequest, ClinicPage
from reviews.findings import review_findings
from reviews.models import AuditEntry, HelpfulVote, Review, ReviewReport
from reviews.policy import HIDE_AT_ONCE, REVIEW_WINDOW_DAYS
from reviews.ratings import lock_summary

CONFIRMATION_SALT = "reviews.confirm-email"
CONFIRMATION_MAX_AGE = getattr(settings, "REVIEWS_CONFIRMATION_MAX_AGE", 3 * 24 * 3600)
VISIT_LOOKBACK = datetime.timedelta(days=548)  # a booked request up to 18 months before the review


class ConfirmationError(Exception):
    """The link cannot confirm a review; `message` says why in words a patient understands."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def new_review(form, page, ip_hash):
    review = form.save(commit=False)
    review.page = page
    review.ip_hash = ip_hash
    review.status = Review.Status.UNCONFIRMED
    review.confirmation_nonce = secrets.token_hex(16)
    review.save()
    return review


def confirmation_token(review):
    return signing.dumps({"r": review.pk, "n": review.confirmation_nonce}, salt=CONFIRMATION_SALT)


def review_for_token(token):
    """The unconfirmed review a link is for; ConfirmationError when it is expired, forged or used."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ConfirmationError(
            "This confirmation link has expired. Links work for three days; please write your review again.", 410
        ) from None
    except signing.BadSignature:
        raise ConfirmationError(
            "This confirmation link is not valid. Please copy the whole link from the e-mail."
        ) from None
    review = Review.objects.select_related("page").filter(pk=data.get("r")).first()
    if review is None:
        raise ConfirmationError("This review no longer exists.", 404)
    if review.status != Review.Status.UNCONFIRMED or not data.get("n") or review.confirmation_nonce != data["n"]:
        raise ConfirmationError("This link has already been used.", 410)
    return review, data["n"]


def already_reviewed(review, now):
    since = now - datetime.timedelta(days=REVIEW_WINDOW_DAYS)
    return (
        Review.objects.filter(page_id=review.page_id, email_key=review.email_key, confirmed_at__gte=since)
        .filter(status__in=[Review.Status.PENDING, Review.Status.APPROVED])
        .exclude(pk=review.pk)
        .exists()
    )


def booked_visit(review):
    """Whether a booked appointment request from the reviewer's address backs this review."""
    page = review.page.specific
    requests = AppointmentRequest.objects.filter(
        status=AppointmentRequest.Status.BOOKED,
        email__iexact=review.email.strip(),
        created_at__lte=review.created_at,
        created_at__gte=review.created_at - VISIT_LOOKBACK,
    )
    if isinstance(page, ClinicPage):
        return requests.filter(clinic=page).exists()
    return requests.filter(practitioner=page).exists()


def confirm(token):
    """Move the review behind `token` into moderation, once; returns it."""
    review, nonce = review_for_token(token)
    now = timezone.now()
    with transaction.atomic():
        # The summary lock serialises confirmations for one page, so two tabs cannot both pass the rule.
        lock_summary(review.page_id)
        claimed = Review.objects.filter(
            pk=review.pk, status=Review.Status.UNCONFIRMED, confirmation_nonce=nonce
        ).update(confirmation_nonce="")
        if not claimed:
            raise ConfirmationError("This link has already been used.", 410)
        duplicate = already_reviewed(review, now)
        if not duplicate:
            review.refresh_from_db()
            review.status = Review.Status.PENDING
            review.confirmed_at = now
            review.verified_visit = booked_visit(review)
            review.set_findings(review_findings(review))
            review.save()
    if duplicate:  # the link is spent either way; the second review stays unconfirmed and unpublished
        raise ConfirmationError(
            "You have already reviewed this practitioner or clinic in the past 12 months, so this "
            "second review was not published. Thank you all the same.",
            409,
        )
    return review


def file_report(review, *, reason, details="", reporter_email="", reporter=None, ip_hash=""):
    """Record a report; personal information and unlawful content hide the review at once."""
    with transaction.atomic():
        report = ReviewReport.objects.create(
            review=review,
            reason=reason,
            details=details,
            reporter_email=reporter_email,
            reporter=reporter,
            ip_hash=ip_hash,
        )
        if reason in HIDE_AT_ONCE:
            hidden = Review.objects.filter(pk=review.pk, status=Review.Status.APPROVED, hidden_at__isnull=True).update(
                hidden_at=timezone.now()
            )
            if hidden:
                AuditEntry.record(
                    actor=None,
                    by=f"report #{report.pk}",
                    action=AuditEntry.Action.REVIEW_HIDDEN,
                    target=review,
                    previous_state="approved, visible",
                    new_state="approved, hidden",
                    reason_code=reason,
                    note="Hidden automatically until a moderator decides.",
                )
    return report


def mark_helpful(review, voter_key):
    """Count one visitor's mark once; returns False if this visitor had already marked it."""
    try:
        with transaction.atomic():
            HelpfulVote.objects.create(review=review, voter_key=voter_key)
            Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    except IntegrityError:
        return False
    return True
