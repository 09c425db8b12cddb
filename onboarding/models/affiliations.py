"""Affiliations: a practitioner managed by one clinic practising at another clinic's location."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Affiliation(models.Model):
    """A practitioner managed by one clinic practising at a location of another.

    One side asks, the other side's managers accept or decline. While accepted, the
    location is offered on the practitioner's page (which its home clinic keeps editing);
    ending it takes the location off the profile.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting the other clinic"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        ENDED = "ended", "Ended"

    practitioner = models.ForeignKey(
        "directory.PractitionerPage", on_delete=models.CASCADE, related_name="affiliations"
    )
    location = models.ForeignKey("directory.ClinicLocation", on_delete=models.CASCADE, related_name="affiliations")
    requested_by_host = models.BooleanField(
        help_text="True when the location's clinic asked, False when the practitioner's own clinic asked."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.CharField(max_length=500, blank=True, help_text="A message to the other clinic.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "location"],
                condition=Q(status__in=["pending", "accepted"]),
                name="one_open_affiliation_per_practitioner_and_location",
            )
        ]

    def __str__(self):
        return f"{self.practitioner} at {self.location} ({self.get_status_display().lower()})"

    @property
    def host_clinic_id(self):
        return self.location.clinic_id

    @property
    def home_clinic_id(self):
        return self.practitioner.get_parent().pk

    @property
    def deciding_clinic_id(self):
        """The clinic whose managers answer: the one that did not ask."""
        return self.home_clinic_id if self.requested_by_host else self.host_clinic_id

    @property
    def requesting_clinic_id(self):
        return self.host_clinic_id if self.requested_by_host else self.home_clinic_id
