"""Patients' reviews, clinics' public responses, reports and helpful marks.

A review is about one page: a practitioner's profile or a clinic's listing. It goes
through unconfirmed (the author has not yet proved the e-mail address) -> pending
(in the moderators' queue) -> approved or rejected. Only approved reviews are shown
and counted; a report of personal information or unlawful content hides an approved
review (hidden_at) until a moderator decides, without touching its rating, so that a
false report cannot move an average.

State changes go through reviews.moderation, which makes them conditional on the
state the moderator saw and writes the audit log; nothing here changes state.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from reviews.policy import RejectionReason, ReportReason

STARS = [MinValueValidator(1), MaxValueValidator(5)]

ASPECTS = (
    ("explanation_rating", "Explanation"),
    ("listening_rating", "Listening"),
    ("wait_time_rating", "Wait time"),
    ("outcome_rating", "Outcome"),
)


def normalise_email(email):
    """The identity of an address for the one-review rule: case and '+tags' do not make a new person."""
    local, _, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


class FindingsMixin(models.Model):
    """Automatic findings, stored when the item enters moderation (see reviews.findings)."""

    findings = models.JSONField(default=list, blank=True, editable=False)
    finding_codes = models.CharField(max_length=300, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def set_findings(self, findings):
        self.findings = [finding.as_dict() for finding in findings]
        # Delimited on both sides so that a filter can match one code exactly.
        self.finding_codes = "".join(f",{code}" for code in sorted({f.code for f in findings})) + (
            "," if findings else ""
        )


class Review(FindingsMixin):
    """One patient's account of care from a practitioner or a clinic."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "Awaiting e-mail confirmation"
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Published"
        REJECTED = "rejected", "Rejected"

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(validators=STARS)
    explanation_rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=STARS)
    listening_rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=STARS)
    wait_time_rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=STARS)
    outcome_rating = models.PositiveSmallIntegerField(null=True, blank=True, validators=STARS)
    title = models.CharField(max_length=120)
    body = models.TextField(max_length=5000)
    technique = models.ForeignKey("directory.Technique", null=True, blank=True, on_delete=models.SET_NULL)
    condition = models.ForeignKey("directory.Condition", null=True, blank=True, on_delete=models.SET_NULL)
    visit_month = models.DateField(help_text="The first day of the month of the visit.")
    display_name = models.CharField(max_length=60, help_text="Shown with the review, e.g. 'Priya S.'.")
    email = models.EmailField(help_text="Never shown; used to confirm the review and tell the author the outcome.")
    email_key = models.CharField(max_length=254, db_index=True, editable=False)
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    confirmation_nonce = models.CharField(max_length=32, blank=True, editable=False)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNCONFIRMED, db_index=True)
    verified_visit = models.BooleanField(
        default=False, help_text="The confirmed e-mail matches an appointment request the clinic marked booked."
    )
    hidden_at = models.DateTimeField(null=True, blank=True, help_text="Hidden while a report is checked.")
    helpful_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.CharField(max_length=30, choices=RejectionReason.choices, blank=True)
    moderator_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        indexes = [models.Index(fields=["page", "status", "confirmed_at"], name="review_listing")]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.title} ({self.rating}★)"

    def save(self, *args, **kwargs):
        if self.email:
            self.email_key = normalise_email(self.email)
        super().save(*args, **kwargs)

    def clean(self):
        today = timezone.localdate()
        if self.visit_month:
            if self.visit_month.replace(day=1) > today:
                raise ValidationError({"visit_month": "The visit cannot be in the future."})
            if self.visit_month < today.replace(year=today.year - 5, day=1):
                raise ValidationError({"visit_month": "Reviews are for visits in the last five years."})

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED and self.hidden_at is None

    @property
    def email_domain(self):
        """What moderators see of the address: enough to spot a clinic's own domain, no more."""
        return self.email.rpartition("@")[2].lower()

    @property
    def aspects(self):
        """[(label, stars)] for the aspects the author rated."""
        return [(label, getattr(self, name)) for name, label in ASPECTS if getattr(self, name)]


class ReviewResponse(FindingsMixin):
    """A clinic's one public reply to a review of it or of its practitioners; moderated like a review."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Published"
        REJECTED = "rejected", "Rejected"

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="response")
    body = models.TextField(max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.CharField(max_length=30, choices=RejectionReason.choices, blank=True)
    moderator_note = models.TextField(blank=True)

    class Meta:
        ordering = ["submitted_at"]

    def __str__(self):
        return f"Response to review {self.review_id}"


class ReviewReport(models.Model):
    """Someone's report that a published review breaks the policy."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        UPHELD = "upheld", "Upheld: review removed"
        DISMISSED = "dismissed", "Dismissed: review kept"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=30, choices=ReportReason.choices)
    details = models.TextField(max_length=2000, blank=True)
    reporter_email = models.EmailField(blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Report of review {self.review_id}: {self.get_reason_display()}"


class HelpfulVote(models.Model):
    """One visitor's 'helpful' mark: the key is a keyed hash of a random visitor cookie, not a person."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="helpful_votes")
    voter_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "voter_key"], name="helpful_once_per_visitor")]

    def __str__(self):
        return f"Helpful mark on review {self.review_id}"


def first_of_month(value):
    return datetime.date(value.year, value.month, 1)
