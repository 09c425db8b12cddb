"""The audit log: every moderation and verification decision, kept as it was written.

Entries are only ever added. The model refuses to save an existing entry or delete
one, its queryset refuses bulk updates and deletes, and the admin offers no edit or
delete view. The actor is protected from deletion: deactivate a moderator instead.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImmutableEntry(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableEntry("Audit log entries cannot be changed.")

    def delete(self):
        raise ImmutableEntry("Audit log entries cannot be deleted.")

    def bulk_update(self, *args, **kwargs):
        raise ImmutableEntry("Audit log entries cannot be changed.")


class AuditEntry(models.Model):
    """Who decided what about which object, when, why, and what it was before."""

    class Action(models.TextChoices):
        REVIEW_APPROVED = "review_approved", "Review approved"
        REVIEW_REJECTED = "review_rejected", "Review rejected"
        REVIEW_HIDDEN = "review_hidden", "Review hidden pending a report"
        REPORT_UPHELD = "report_upheld", "Report upheld: review removed"
        REPORT_DISMISSED = "report_dismissed", "Report dismissed: review kept"
        RESPONSE_APPROVED = "response_approved", "Response approved"
        RESPONSE_REJECTED = "response_rejected", "Response rejected"
        LICENCE_VERIFIED = "licence_verified", "Licence verified"
        LICENCE_REJECTED = "licence_rejected", "Licence rejected"
        LICENCE_EXPIRED = "licence_expired", "Licence flagged expired"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, help_text="The user name at the time, or what acted automatically.")
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    target_type = models.CharField(max_length=60, help_text="app_label.model of the object decided about.")
    target_id = models.CharField(max_length=40)
    target_label = models.CharField(max_length=255)
    previous_state = models.CharField(max_length=60, blank=True)
    new_state = models.CharField(max_length=60, blank=True)
    reason_code = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.get_action_display()} ({self.target_label})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableEntry("Audit log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEntry("Audit log entries cannot be deleted.")

    @classmethod
    def record(cls, *, actor, action, target, previous_state="", new_state="", reason_code="", note="", by=""):
        """Add one entry; `by` names an automatic actor ('flag_expired_licences') when there is no user."""
        return cls.objects.create(
            actor=actor,
            actor_name=actor.get_username() if actor else (by or "system"),
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_label=str(target)[:255],
            previous_state=previous_state,
            new_state=new_state,
            reason_code=reason_code,
            note=note,
        )
