"""Who may do what with reviews, responses, testimonials and the audit log.

Roles, not model permissions, decide here (directory.roles): moderators moderate,
a clinic's managers act on their own clinic's objects, superusers may do both.
Querysets are narrowed per user exactly as directory.permissions narrows licences,
so another clinic's object is a 404. Nobody, not even a superuser, may edit or
delete a patient's review or an audit entry through the admin.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from directory.permissions import clinics_managed_by
from directory.roles import MODERATORS_GROUP, is_moderator
from reviews.models import AuditEntry, Review, ReviewResponse, Testimonial


def can_moderate(user):
    return user.is_authenticated and is_moderator(user)


def manages_a_clinic(user):
    return user.is_authenticated and user.is_active and (user.is_superuser or clinics_managed_by(user).exists())


def managed_pages_q(user, field="page"):
    """Q for objects whose `field` page is a managed clinic or lies beneath one."""
    paths = list(clinics_managed_by(user).values_list("path", flat=True))
    if not paths:
        return Q(pk__in=[])
    where = Q()
    for path in paths:
        where |= Q(**{f"{field}__path__startswith": path})
    return where


def reviews_managed_by(user):
    """Reviews a manager may read, answer and report: of their clinics and their practitioners."""
    if not (user.is_authenticated and user.is_active):
        return Review.objects.none()
    if user.is_superuser:
        return Review.objects.all()
    return Review.objects.filter(managed_pages_q(user))


class RolePolicy(BasePermissionPolicy):
    """A policy from roles: `actions` maps each action to who may do it ("manager" / "moderator")."""

    actions = {}

    def allowed(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        role = self.actions.get(action)
        if role == "manager":
            return manages_a_clinic(user)
        if role == "moderator":
            return can_moderate(user)
        return False

    def user_has_permission(self, user, action):
        return self.allowed(user, action)

    def scoped(self, user):
        raise NotImplementedError

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.allowed(user, action) for action in actions):
            return self.model.objects.none()
        return self.scoped(user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()

    def users_with_any_permission(self, actions):
        roles = {self.actions.get(action) for action in actions}
        where = Q(is_superuser=True)
        if "manager" in roles:
            where |= Q(groups__clinic_team__isnull=False)
        if "moderator" in roles:
            where |= Q(groups__name=MODERATORS_GROUP)
        if roles <= {None}:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(where, is_active=True).distinct()


class TestimonialPolicy(RolePolicy):
    actions = {"add": "manager", "change": "manager", "delete": "manager", "view": "manager"}

    def __init__(self):
        super().__init__(Testimonial)

    def scoped(self, user):
        if user.is_superuser:
            return Testimonial.objects.all()
        return Testimonial.objects.filter(clinic__in=clinics_managed_by(user))


class ClinicReviewPolicy(RolePolicy):
    """Managers read their clinic's reviews and may respond or report; no action changes a review."""

    actions = {"view": "manager", "respond": "manager", "report": "manager"}

    def __init__(self):
        super().__init__(Review)

    def scoped(self, user):
        return reviews_managed_by(user).exclude(status=Review.Status.UNCONFIRMED)


class AuditPolicy(RolePolicy):
    """Moderators read the log; nobody adds, changes or deletes entries through the admin."""

    actions = {"view": "moderator"}

    def __init__(self):
        super().__init__(AuditEntry)

    def scoped(self, user):
        return AuditEntry.objects.all()


def responses_managed_by(user):
    return ReviewResponse.objects.filter(review__in=reviews_managed_by(user))


testimonial_policy = TestimonialPolicy()
clinic_review_policy = ClinicReviewPolicy()
audit_policy = AuditPolicy()
