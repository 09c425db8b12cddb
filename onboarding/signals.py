"""Side effects that keep every clinic team able to use onboarding's admin."""

from django.contrib.auth.models import Permission
from django.db.models.signals import post_save
from django.dispatch import receiver

from directory.models import ClinicTeam

# Licence facts change only through reviewed proposals; see onboarding.licence_changes.
MANAGER_LICENCE_CHANGE_PERMISSIONS = (
    "add_licencechange",
    "change_licencechange",
    "delete_licencechange",
    "view_licencechange",
)


@receiver(post_save, sender=ClinicTeam)
def let_new_teams_propose_licence_changes(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        instance.group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="onboarding", codename__in=MANAGER_LICENCE_CHANGE_PERMISSIONS
            )
        )
