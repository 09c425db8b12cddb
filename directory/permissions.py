"""Narrowing admin access to one clinic's own objects.

Wagtail's generic model views check model permissions only; a clinic manager has
'change licence' for licences of their own practitioners, not everyone's. These
helpers give the querysets every scoped view and policy filters through.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from directory.models import ClinicPage, Licence, PractitionerPage
from directory.roles import MODERATORS_GROUP, is_moderator


def clinics_managed_by(user):
    if not user.is_active:
        return ClinicPage.objects.none()
    if user.is_superuser:
        return ClinicPage.objects.all()
    return ClinicPage.objects.filter(team__group__in=user.groups.all())


def practitioners_managed_by(user):
    if not user.is_active:
        return PractitionerPage.objects.none()
    if user.is_superuser:
        return PractitionerPage.objects.all()
    paths = list(clinics_managed_by(user).values_list("path", flat=True))
    if not paths:
        return PractitionerPage.objects.none()
    subtree = Q()
    for path in paths:
        subtree |= Q(path__startswith=path)
    return PractitionerPage.objects.filter(subtree)


class LicencePermissionPolicy(ModelPermissionPolicy):
    """Managers act on their own practitioners' licences; moderators may view and verify all."""

    def __init__(self):
        super().__init__(Licence)

    def instances_user_has_any_permission_for(self, user, actions):
        if not user.is_active:
            return Licence.objects.none()
        if user.is_superuser:
            return Licence.objects.all()
        allowed = [action for action in actions if self.user_has_permission(user, action)]
        if not allowed:
            return Licence.objects.none()
        if set(allowed) <= {"view", "verify"} and is_moderator(user):
            return Licence.objects.all()
        return Licence.objects.filter(practitioner__in=practitioners_managed_by(user))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        clinic_groups = Q(groups__clinic_team__clinic__in=ClinicPage.objects.ancestor_of(instance.practitioner))
        scoped = Q(is_superuser=True) | clinic_groups
        if set(actions) & {"view", "verify"}:
            scoped |= Q(groups__name=MODERATORS_GROUP)
        return users.filter(scoped).distinct()


licence_policy = LicencePermissionPolicy()
register_permission_policy(Licence, licence_policy)
