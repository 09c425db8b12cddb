"""The audit log in the admin: moderators read it; there is no add, edit or delete view at all."""

from django.urls import path
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from reviews.admin_views.scoping import ScopedMixin
from reviews.models import AuditEntry
from reviews.permissions import audit_policy

register_permission_policy(AuditEntry, audit_policy)


class AuditIndexView(ScopedMixin, generic.IndexView):
    policy = audit_policy


class AuditInspectView(ScopedMixin, generic.InspectView):
    policy = audit_policy


class AuditViewSet(ModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = "Audit log"
    url_prefix = "audit-log"
    add_to_admin_menu = True
    menu_order = 240
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = AuditIndexView
    inspect_view_class = AuditInspectView
    list_display = [
        DateColumn("at", label="When"),
        Column("actor_name", label="Who"),
        Column("action", label="What", accessor="get_action_display"),
        Column("target_label", label="About"),
        Column("previous_state", label="Before"),
        Column("new_state", label="After"),
        Column("reason_code", label="Reason"),
    ]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_name", "target_label", "note", "reason_code"]
    inspect_view_fields = [
        "at",
        "actor_name",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "previous_state",
        "new_state",
        "reason_code",
        "note",
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
        ]
