"""Each clinic's appointment inbox in the Wagtail admin.

A clinic's managers see and move along their own clinic's requests (new → contacted →
booked → closed) and nobody else's; another clinic's request is a 404. Moderators see
none: they judge reviews and licences, not patients' contact details. The policy below
grants access by clinic management rather than by model permission, so every clinic's
managers group has it from the moment the clinic exists.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from directory.models import AppointmentRequest
from directory.permissions import clinics_managed_by

STATUS_ORDER = [status for status, _ in AppointmentRequest.Status.choices]


class AppointmentInboxPolicy(BasePermissionPolicy):
    """Managers act on their own clinics' requests; superusers on all; nobody adds one here."""

    actions = {"view", "change", "delete"}

    def __init__(self):
        super().__init__(AppointmentRequest)

    def user_has_permission(self, user, action):
        if not user.is_active or action not in self.actions:
            return False
        return user.is_superuser or clinics_managed_by(user).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return AppointmentRequest.objects.none()
        if user.is_superuser:
            return AppointmentRequest.objects.all()
        return AppointmentRequest.objects.filter(clinic__in=clinics_managed_by(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_any_permission_for(user, [action]).filter(pk=instance.pk).exists()

    def users_with_any_permission(self, actions):
        if not set(actions) & self.actions:
            return get_user_model().objects.none()
        managers = Q(groups__clinic_team__isnull=False)
        return get_user_model().objects.filter(Q(is_superuser=True) | managers, is_active=True).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        if not set(actions) & self.actions:
            return get_user_model().objects.none()
        team = Q(groups__clinic_team__clinic_id=instance.clinic_id)
        return get_user_model().objects.filter(Q(is_superuser=True) | team, is_active=True).distinct()


inbox_policy = AppointmentInboxPolicy()
register_permission_policy(AppointmentRequest, inbox_policy)


class AppointmentStatusForm(WagtailAdminModelForm):
    """Only the status changes here, and only forwards: a closed request stays closed."""

    def clean_status(self):
        new = self.cleaned_data["status"]
        old = self.instance.status
        if STATUS_ORDER.index(new) < STATUS_ORDER.index(old):
            raise forms.ValidationError(
                f"A request moves forward only (new → contacted → booked → closed); this one is already "
                f"{self.instance.get_status_display().lower()}."
            )
        return new

    def save(self, commit=True):
        if "status" in self.changed_data:
            self.instance.status_changed_at = timezone.now()
        return super().save(commit=commit)


class ScopedObjectMixin:
    """Another clinic's request is a 404, whichever view asks for it."""

    scope_actions = ["view", "change"]

    def get_object(self, *args, **kwargs):
        appointment = super().get_object(*args, **kwargs)
        if not inbox_policy.user_has_any_permission_for_instance(self.request.user, self.scope_actions, appointment):
            raise Http404("No appointment request found.")
        return appointment


class ScopedInboxMixin(ScopedObjectMixin):
    def get_base_queryset(self):
        return inbox_policy.instances_user_has_any_permission_for(self.request.user, self.scope_actions).select_related(
            "clinic", "practitioner", "location"
        )


class InboxIndexView(ScopedInboxMixin, generic.IndexView):
    default_ordering = "-created_at"


class InboxEditView(ScopedInboxMixin, generic.EditView):
    scope_actions = ["change"]


class InboxDeleteView(ScopedInboxMixin, generic.DeleteView):
    scope_actions = ["delete"]


class InboxHistoryView(ScopedObjectMixin, generic.HistoryView):
    pass


class InboxUsageView(ScopedObjectMixin, generic.UsageView):
    pass


class AppointmentInboxViewSet(ModelViewSet):
    model = AppointmentRequest
    icon = "mail"
    menu_label = "Appointment requests"
    menu_order = 205
    add_to_admin_menu = True
    url_prefix = "appointments"
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = InboxIndexView
    edit_view_class = InboxEditView
    delete_view_class = InboxDeleteView
    # Scoped like the others: unscoped, another clinic's manager could open a request's history.
    history_view_class = InboxHistoryView
    usage_view_class = InboxUsageView
    list_display = [
        Column("name", label="Patient", accessor="name"),
        Column("practitioner", label="Practitioner"),
        Column("clinic", label="Clinic"),
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("created_at", label="Received"),
    ]
    list_filter = ["status"]
    search_fields = ["name", "email", "phone"]
    edit_handler = ObjectList(
        [
            FieldPanel("status"),
            FieldRowPanel([FieldPanel("name", read_only=True), FieldPanel("created_at", read_only=True)]),
            FieldRowPanel([FieldPanel("email", read_only=True), FieldPanel("phone", read_only=True)]),
            FieldPanel("preferred_times", read_only=True),
            FieldPanel("reason", read_only=True),
            FieldRowPanel(
                [
                    FieldPanel("practitioner", read_only=True),
                    FieldPanel("location", read_only=True),
                    FieldPanel("consent_to_contact", read_only=True),
                ]
            ),
        ],
        base_form_class=AppointmentStatusForm,
    )


appointment_inbox = AppointmentInboxViewSet("appointment_inbox")
