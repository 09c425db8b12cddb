"""Licence administration: managers keep their own practitioners' licences, moderators verify.

Wagtail's generic views check model permissions only, so every view here narrows its
objects through LicencePermissionPolicy: another clinic's licence is a 404, not a form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from directory.forms import LicenceForm, LicenceVerificationForm
from directory.models import Licence
from directory.permissions import licence_policy


class ScopedLicenceMixin:
    scope_actions = ["change", "view"]

    def get_base_queryset(self):
        return licence_policy.instances_user_has_any_permission_for(
            self.request.user, self.scope_actions
        ).select_related("practitioner", "profession", "jurisdiction")

    def get_object(self, *args, **kwargs):
        licence = super().get_object(*args, **kwargs)
        if not licence_policy.user_has_any_permission_for_instance(self.request.user, self.scope_actions, licence):
            raise Http404("No licence found.")
        return licence


def extra_licence_buttons(user, licence=None):
    """Buttons other apps offer on the licence screens, through the `licence_header_buttons`
    hook: fn(user, licence) -> [HeaderButton] (onboarding: propose a change for approval)."""
    return [button for hook in hooks.get_hooks("licence_header_buttons") for button in hook(user, licence)]


class LicenceIndexView(ScopedLicenceMixin, generic.IndexView):
    @cached_property
    def header_buttons(self):
        return super().header_buttons + extra_licence_buttons(self.request.user)


class LicenceEditView(ScopedLicenceMixin, generic.EditView):
    scope_actions = ["change"]


class LicenceDeleteView(ScopedLicenceMixin, generic.DeleteView):
    scope_actions = ["delete"]


class LicenceInspectView(ScopedLicenceMixin, generic.InspectView):
    @cached_property
    def header_buttons(self):
        return super().header_buttons + extra_licence_buttons(self.request.user, self.object)


class LicenceViewSet(ModelViewSet):
    model = Licence
    icon = "doc-full"
    menu_label = "Licences"
    menu_order = 210
    add_to_admin_menu = True
    url_prefix = "licences"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = LicenceIndexView
    edit_view_class = LicenceEditView
    delete_view_class = LicenceDeleteView
    inspect_view_class = LicenceInspectView
    list_display = [
        Column("practitioner", label="Practitioner"),
        "profession",
        "jurisdiction",
        "number",
        "status",
        DateColumn("expires_on", label="Expires"),
        Column("verification_status", label="Verification", accessor="get_verification_status_display"),
    ]
    list_filter = ["verification_status", "status", "jurisdiction__country"]
    search_fields = ["number", "practitioner__title"]
    inspect_view_fields = [
        "practitioner",
        "profession",
        "jurisdiction",
        "number",
        "status",
        "issued_on",
        "expires_on",
        "verification_status",
        "verified_by",
        "verified_at",
        "verification_source",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("practitioner"),
            FieldRowPanel([FieldPanel("profession"), FieldPanel("jurisdiction")]),
            FieldPanel("number"),
            FieldPanel("status"),
            FieldRowPanel([FieldPanel("issued_on"), FieldPanel("expires_on")]),
        ],
        base_form_class=LicenceForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("verify/<int:pk>/", verify_licence, name="verify")]


def verify_licence(request, pk):
    """A moderator records the register they checked and whether it matched."""
    if not licence_policy.user_has_permission(request.user, "verify"):
        raise PermissionDenied
    licence = get_object_or_404(
        Licence.objects.select_related("practitioner", "profession", "jurisdiction", "verified_by"), pk=pk
    )
    form = LicenceVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save(licence, request.user)
        messages.success(request, f"Recorded: {licence} is {licence.get_verification_status_display().lower()}.")
        return redirect(reverse("licences:index") + "?verification_status=unverified")
    return TemplateResponse(request, "directory/admin/verify_licence.html", {"licence": licence, "form": form})


licence_viewset = LicenceViewSet("licences")
