"""Joining: what a clinic tells us before it has an account, and the invitations that follow.

An application is what a clinic tells us before it has an account; a moderator turns it
into a draft listing (or hands over an existing one) and an invitation for its first
manager. Invitations are also how managers bring in colleagues.
"""

import hashlib
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from directory.validators import validate_licence_number


def website_domain(url):
    """'https://www.Example.org/about' -> 'example.org': how we tell two websites are one."""
    if not url:
        return ""
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def place_key(name, city):
    """A clinic's name and city reduced to letters and digits, to catch re-typed duplicates."""

    def squash(text):
        return re.sub(r"[\W_]+", "", (text or "").casefold())

    return f"{squash(name)}|{squash(city)}"


class ClinicApplication(models.Model):
    """A clinic asking to be listed, or to take over a listing that already exists.

    Kept after the decision as the record of who asked, who decided and why.
    """

    class Kind(models.TextChoices):
        NEW = "new", "New listing"
        CLAIM = "claim", "Claim of an existing listing"

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting a moderator"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NEW)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)

    clinic_name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    street_address = models.CharField(max_length=200)
    locality = models.CharField(max_length=120, blank=True)
    city = models.CharField(max_length=120)
    postcode = models.CharField(max_length=20, blank=True)
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Optional. The map position of your door; without it we start from the city centre.",
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    position_is_approximate = models.BooleanField(
        default=False, help_text="The map position was taken from the city centre, not the clinic's door."
    )
    professions = models.ManyToManyField("directory.Profession", blank=True, related_name="+")
    techniques = models.ManyToManyField("directory.Technique", blank=True, related_name="+")
    contact_name = models.CharField(max_length=120)
    contact_email = models.EmailField()
    message = models.TextField(max_length=2000, blank=True)

    clinic = models.ForeignKey(
        "directory.ClinicPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text="The listing claimed, or the one created on approval.",
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(
        blank=True, help_text="Why it was declined, or how a claim was verified. Declines are e-mailed."
    )

    website_domain = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    place_key = models.CharField(max_length=400, editable=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # The form checks first and says so politely; these hold under concurrent submissions.
            models.UniqueConstraint(
                fields=["website_domain"],
                condition=Q(status="pending") & ~Q(website_domain=""),
                name="one_pending_application_per_website",
            ),
            models.UniqueConstraint(
                fields=["place_key"], condition=Q(status="pending"), name="one_pending_application_per_name_and_city"
            ),
            models.UniqueConstraint(
                fields=["clinic"],
                condition=Q(status="pending") & Q(clinic__isnull=False),
                name="one_pending_claim_per_listing",
            ),
        ]

    def __str__(self):
        return f"{self.clinic_name} ({self.get_kind_display().lower()}, {self.get_status_display().lower()})"

    def save(self, *args, **kwargs):
        self.website_domain = website_domain(self.website)
        self.place_key = place_key(self.clinic_name, self.city)
        super().save(*args, **kwargs)

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_claim(self):
        return self.kind == self.Kind.CLAIM


class ClaimedLicence(models.Model):
    """A licence the applicant says one of its practitioners holds, for the moderator to check."""

    application = models.ForeignKey(ClinicApplication, on_delete=models.CASCADE, related_name="licences")
    holder_name = models.CharField(max_length=120)
    profession = models.ForeignKey("directory.Profession", on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(max_length=40)

    def __str__(self):
        return f"{self.holder_name}: {self.profession} {self.number} ({self.jurisdiction.code})"

    def clean(self):
        if self.jurisdiction_id and self.number:
            profession = self.profession.slug if self.profession_id else None
            validate_licence_number(self.number, self.jurisdiction.country, profession)


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use, expiring link that makes someone a manager of one clinic.

    The link carries a signed (id, secret) pair; only a hash of the secret is stored, so
    the database alone cannot produce a working link. Opening the link changes nothing;
    accepting it (setting a password, or confirming while logged in) uses it up.
    """

    clinic = models.ForeignKey("directory.ClinicPage", on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    secret_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation of {self.email} to {self.clinic}"

    @staticmethod
    def hash_secret(secret):
        return hashlib.sha256(secret.encode()).hexdigest()

    @property
    def state(self):
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"
