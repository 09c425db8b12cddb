"""Appointment requests: a patient asks a clinic (or one of its practitioners) to get in touch.

Personal data: kept only as long as the clinic needs it (a retention command deletes
old requests), shown only to that clinic's managers.
"""

from django.db import models
from django.utils import timezone


class AppointmentRequest(models.Model):
    """One patient's request, routed to the inbox of the clinic that will answer it."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        BOOKED = "booked", "Booked"
        CLOSED = "closed", "Closed"

    clinic = models.ForeignKey("directory.ClinicPage", on_delete=models.CASCADE, related_name="appointment_requests")
    practitioner = models.ForeignKey(
        "directory.PractitionerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment_requests",
    )
    location = models.ForeignKey(
        "directory.ClinicLocation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    preferred_times = models.CharField(max_length=300, blank=True)
    reason = models.TextField(max_length=2000)
    consent_to_contact = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["clinic", "status"], name="appointment_inbox")]

    def __str__(self):
        return f"Request to {self.clinic_id} on {self.created_at:%Y-%m-%d}"
