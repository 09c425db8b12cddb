"""Audit entries for licence verifications, however they are made.

Licence.record_verification is the one place verification is set (directory), and
both directory's verify view and the moderators' queue call it; listening here
means no caller can forget the audit log. Each licence remembers its verification
state as loaded, so the entry says what it was before.
"""

from django.db.models.signals import post_init, post_save
from django.dispatch import receiver

from directory.models import Licence
from reviews.models import AuditEntry


def _verification(licence):
    return licence.__dict__.get("verification_status"), licence.__dict__.get("verified_at")


@receiver(post_init, sender=Licence)
def remember_verification(sender, instance, **kwargs):
    instance._verification_as_loaded = _verification(instance)


@receiver(post_save, sender=Licence)
def log_verification(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before_status, before_at = getattr(instance, "_verification_as_loaded", (None, None))
    status, at = _verification(instance)
    instance._verification_as_loaded = (status, at)
    decided = status in (Licence.Verification.VERIFIED, Licence.Verification.REJECTED)
    if not decided or at is None or at == before_at:
        return
    AuditEntry.record(
        actor=instance.verified_by,
        by="licence verification",
        action=(
            AuditEntry.Action.LICENCE_VERIFIED
            if status == Licence.Verification.VERIFIED
            else AuditEntry.Action.LICENCE_REJECTED
        ),
        target=instance,
        previous_state=Licence.Verification.UNVERIFIED if created else (before_status or ""),
        new_state=status,
        note=f"Source checked: {instance.verification_source}",
    )
