"""Side effects of saving directory objects that must never be forgotten by a caller."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from directory.models import ClinicPage
from directory.roles import ensure_clinic_team


@receiver(post_save, sender=ClinicPage)
def create_team_for_new_clinic(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_clinic_team(instance)
