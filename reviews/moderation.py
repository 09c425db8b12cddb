"""Moderators' decisions: approve or reject reviews and responses, uphold or dismiss reports.

Key ideas:
- Every decision is a conditional UPDATE on the state the moderator saw
  ("status = pending"). When two moderators decide the same item at once, the
  database lets one UPDATE through; the other matches no row and gets
  AlreadyDecided, naming who decided what. Nothing else has happened by then, and
  the rating, the audit entry and the e-mail follow only the winning UPDATE, in the
  same transaction (the e-mail after commit).
- A review is rejected only for one of the published reasons (reviews.policy),
  whatever its rating.
- Only callers that checked the user is a moderator call these (reviews.permissions).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from reviews.models import AuditEntry, Review, ReviewReport, ReviewResponse
from reviews.notifications import notify_response_author, notify_review_author
from reviews.policy import REPORT_TO_REJECTION, RejectionReason
from reviews.ratings import refresh_rating
from reviews.submission import booked_visit


class AlreadyDecided(Exception):
    """Someone else decided first; the message says who and what, for the moderator who lost."""


def _check_reason(approve, reason):
    if not approve and reason not in RejectionReason.values:
        raise ValidationError("Choose one of the published reasons to reject.")


def _already(model, pk, label):
    current = model.objects.filter(pk=pk).select_related("decided_by").first()
    if current is None:
        return AlreadyDecided(f"This {label} no longer exists.")
    who = current.decided_by.get_username() if current.decided_by else "another moderator"
    return AlreadyDecided(
        f"This {label} was already decided by {who}: it is now {current.get_status_display().lower()}."
    )


def decide_review(review_id, *, by, approve, reason="", note=""):
    """Approve or reject a pending review."""
    _check_reason(approve, reason)
    now = timezone.now()
    new_status = Review.Status.APPROVED if approve else Review.Status.REJECTED
    with transaction.atomic():
        updated = Review.objects.filter(pk=review_id, status=Review.Status.PENDING).update(
            status=new_status,
            decided_at=now,
            decided_by=by,
            rejection_reason="" if approve else reason,
            moderator_note=note,
        )
        if not updated:
            raise _already(Review, review_id, "review")
        review = Review.objects.select_related("page").get(pk=review_id)
        if approve:
            # The clinic may have marked the appointment booked since the review was confirmed.
            review.verified_visit = booked_visit(review)
            review.save(update_fields=["verified_visit"])
            refresh_rating(review.page_id)
        AuditEntry.record(
            actor=by,
            action=AuditEntry.Action.REVIEW_APPROVED if approve else AuditEntry.Action.REVIEW_REJECTED,
            target=review,
            previous_state=Review.Status.PENDING,
            new_state=new_status,
            reason_code=reason if not approve else "",
            note=note,
        )
        transaction.on_commit(lambda: notify_review_author(review))
    return review


def decide_response(response_id, *, by, approve, reason="", note=""):
    """Approve or reject a pending clinic response."""
    _check_reason(approve, reason)
    new_status = ReviewResponse.Status.APPROVED if approve else ReviewResponse.Status.REJECTED
    with transaction.atomic():
        updated = ReviewResponse.objects.filter(pk=response_id, status=ReviewResponse.Status.PENDING).update(
            status=new_status,
            decided_at=timezone.now(),
            decided_by=by,
            rejection_reason="" if approve else reason,
            moderator_note=note,
        )
        if not updated:
            raise _already(ReviewResponse, response_id, "response")
        response = ReviewResponse.objects.select_related("review", "author").get(pk=response_id)
        AuditEntry.record(
            actor=by,
            action=AuditEntry.Action.RESPONSE_APPROVED if approve else AuditEntry.Action.RESPONSE_REJECTED,
            target=response,
            previous_state=ReviewResponse.Status.PENDING,
            new_state=new_status,
            reason_code=reason if not approve else "",
            note=note,
        )
        transaction.on_commit(lambda: notify_response_author(response))
    return response


def decide_reports(review_id, *, by, uphold, reason="", note=""):
    """Decide every open report of a review together: remove the review, or keep it and show it again."""
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("page").filter(pk=review_id).first()
        reports = list(ReviewReport.objects.filter(review_id=review_id, status=ReviewReport.Status.OPEN))
        if review is None or not reports or review.status != Review.Status.APPROVED:
            raise AlreadyDecided("The reports on this review were already decided by another moderator.")
        if uphold:
            reason = reason or REPORT_TO_REJECTION[reports[0].reason]
            _check_reason(False, reason)
        previous = "approved, hidden" if review.hidden_at else "approved, visible"
        now = timezone.now()
        ReviewReport.objects.filter(pk__in=[r.pk for r in reports]).update(
            status=ReviewReport.Status.UPHELD if uphold else ReviewReport.Status.DISMISSED,
            decided_at=now,
            decided_by=by,
        )
        review.hidden_at = None
        if uphold:
            review.status = Review.Status.REJECTED
            review.rejection_reason = reason
            review.decided_at, review.decided_by, review.moderator_note = now, by, note
        review.save()
        if uphold:
            refresh_rating(review.page_id)
        AuditEntry.record(
            actor=by,
            action=AuditEntry.Action.REPORT_UPHELD if uphold else AuditEntry.Action.REPORT_DISMISSED,
            target=review,
            previous_state=previous,
            new_state=Review.Status.REJECTED if uphold else "approved, visible",
            reason_code=reason if uphold else ",".join(sorted({r.reason for r in reports})),
            note=note,
        )
        if uphold:
            transaction.on_commit(lambda: notify_review_author(review, removed=True))
    return review


def rejection_counts_by_rating(since=None):
    """[(stars, approved, rejected, percent rejected)]: shows whether low ratings are rejected more often."""
    decided = Review.objects.filter(status__in=[Review.Status.APPROVED, Review.Status.REJECTED])
    if since:
        decided = decided.filter(decided_at__gte=since)
    rows = {
        row["rating"]: row
        for row in decided.order_by()
        .values("rating")
        .annotate(
            approved=Count("pk", filter=Q(status=Review.Status.APPROVED)),
            rejected=Count("pk", filter=Q(status=Review.Status.REJECTED)),
        )
    }
    table = []
    for stars in range(5, 0, -1):
        approved = rows.get(stars, {}).get("approved", 0)
        rejected = rows.get(stars, {}).get("rejected", 0)
        total = approved + rejected
        table.append((stars, approved, rejected, round(100 * rejected / total) if total else None))
    return table
