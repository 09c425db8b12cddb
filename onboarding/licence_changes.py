"""The admin for licence changes: managers propose for their own practitioners, moderators approve.

Wagtail's snippet views check model permissions only. Every view that names an object
goes through `scoped`, which looks the object up among those the permission policy
gives the user: another clinic's proposal is a 404, and an applied one is read-only.
Nobody but a superuser holds 'publish', so a manager's proposal can only be submitted
to the licence change workflow, whose moderators' approval publishes and so applies it.
"""

import functools

from django.contrib.admin.utils import unquote
from django.dispatch import receiver
from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.signals import published
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from directory.models import Licence
from directory.permissions import licence_policy, practitioners_managed_by
from directory.roles import is_moderator
from onboarding.models import LicenceChange


class LicenceChangePermissionPolicy(ModelPermissionPolicy):
    """Managers act on their own practitioners' proposals; moderators may view all; applied ones stay put."""

    def __init__(self):
        super().__init__(LicenceChange)

    def user_has_permission(self, user, action):
        """Moderators, who approve the changes, may view them all without any model permission."""
        if action == "view" and is_moderator(user):
            return True
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not user.is_active:
            return LicenceChange.objects.none()
        if user.is_superuser:
            return LicenceChange.objects.all()
        allowed = {action for action in actions if self.user_has_permission(user, action)}
        if not allowed:
            return LicenceChange.objects.none()
        if allowed == {"view"} and is_moderator(user):
            return LicenceChange.objects.all()
        own = LicenceChange.objects.filter(practitioner__in=practitioners_managed_by(user))
        if "view" in allowed:
            return own
        # An applied proposal is the record of what was approved: it can be viewed, never changed.
        return own.filter(applied_at__isnull=True)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()


licence_change_policy = LicenceChangePermissionPolicy()
register_permission_policy(LicenceChange, licence_change_policy)


class LicenceChangeForm(WagtailAdminModelForm):
    """A manager chooses among their own practitioners and their licences only."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            practitioners = practitioners_managed_by(for_user).order_by("title")
            if "practitioner" in self.fields:
                self.fields["practitioner"].queryset = practitioners
            if "licence" in self.fields:
                self.fields["licence"].queryset = Licence.objects.filter(practitioner__in=practitioners)


class LicenceChangeCreateView(CreateView):
    """?licence=<id>&action=change|remove starts from one of the user's own licences."""

    def get_initial_form_instance(self):
        licence_id = self.request.GET.get("licence", "")
        action = self.request.GET.get("action", LicenceChange.Action.CHANGE)
        if not licence_id.isdigit() or action not in (LicenceChange.Action.CHANGE, LicenceChange.Action.REMOVE):
            return super().get_initial_form_instance()
        licence = licence_policy.instances_user_has_permission_for(self.request.user, "view").filter(
            pk=int(licence_id), practitioner__in=practitioners_managed_by(self.request.user)
        )
        licence = licence.first()
        return LicenceChange.proposing(licence, action) if licence else super().get_initial_form_instance()


def scoped(view, actions):
    """Refuse (404) an object the user may not act on in these ways, whatever view asks for it."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            allowed = licence_change_policy.instances_user_has_any_permission_for(request.user, actions)
            if not allowed.filter(pk=unquote(str(pk))).exists():
                raise Http404("No such licence change.")
        return view(request, *args, **kwargs)

    return wrapper


class LicenceChangeViewSet(SnippetViewSet):
    model = LicenceChange
    icon = "doc-full-inverse"
    menu_label = "Licence changes"
    menu_order = 215
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = LicenceChangeCreateView
    list_display = ["__str__", "practitioner", "jurisdiction", "applied_at"]
    list_filter = ["action", "live"]
    edit_handler = ObjectList(
        [
            FieldPanel("action"),
            FieldPanel("practitioner"),
            FieldPanel("licence"),
            FieldRowPanel([FieldPanel("profession"), FieldPanel("jurisdiction")]),
            FieldPanel("number"),
            FieldPanel("status"),
            FieldRowPanel([FieldPanel("issued_on"), FieldPanel("expires_on")]),
            FieldPanel("note"),
        ],
        base_form_class=LicenceChangeForm,
    )

    CHANGING_VIEWS = (
        "edit_view_class",
        "revisions_revert_view_class",
        "revisions_unschedule_view_class",
        "unpublish_view_class",
        "preview_on_edit_view_class",
        "lock_view_class",
        "unlock_view_class",
    )

    def get_queryset(self, request):
        return licence_change_policy.instances_user_has_any_permission_for(request.user, ["view", "change"])

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        if view_class is getattr(self, "delete_view_class", None):
            return scoped(view, ["delete"])
        if any(view_class is getattr(self, name, None) for name in self.CHANGING_VIEWS):
            return scoped(view, ["change"])
        return scoped(view, ["view", "change"])

    def register_chooser_viewset(self):
        """Nothing chooses a licence change, so no chooser (which would list every clinic's)."""


licence_change_viewset = LicenceChangeViewSet()
ADD_URL_NAME = "wagtailsnippets_onboarding_licencechange:add"


@receiver(published, sender=LicenceChange)
def apply_approved_change(sender, instance, **kwargs):
    instance.apply()
