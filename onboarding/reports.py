"""Wagtail's workflow and site-history reports, without other clinics' licence changes.

Wagtail lists workflow states and log entries by model permission, so every manager who may
propose licence changes would read every clinic's pending proposals (with their licence
numbers) there. These views keep Wagtail's reports and drop the proposals the user's
permission policy does not let them see. config/urls.py mounts them over Wagtail's own paths.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView

from onboarding.licence_changes import licence_change_policy
from onboarding.models import LicenceChange


def hidden_licence_changes(user, prefix=""):
    """A Q matching rows (workflow states, task states, log entries) about proposals `user` may not view."""
    visible = licence_change_policy.instances_user_has_permission_for(user, "view")
    if user.is_superuser or visible.count() == LicenceChange.objects.count():
        return Q(pk__in=[])
    content_type = ContentType.objects.get_for_model(LicenceChange)
    visible_ids = [str(pk) for pk in visible.values_list("pk", flat=True)]
    return Q(**{f"{prefix}content_type": content_type}) & ~Q(**{f"{prefix}object_id__in": visible_ids})


class ScopedWorkflowView(WorkflowView):
    def get_queryset(self):
        return super().get_queryset().exclude(hidden_licence_changes(self.request.user))


class ScopedWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        return super().get_queryset().exclude(hidden_licence_changes(self.request.user, prefix="workflow_state__"))


class ScopedLogEntriesView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if any(field.name == "object_id" for field in queryset.model._meta.get_fields()):  # not page logs
            queryset = queryset.exclude(hidden_licence_changes(self.request.user))
        return queryset


def admin_view(view_class, **initkwargs):
    """Outside Wagtail's admin URLconf, so its admin-access check is applied here."""
    return require_admin_access(view_class.as_view(**initkwargs))


app_name = "scoped_reports"
urlpatterns = [
    path("workflow/", admin_view(ScopedWorkflowView), name="workflow"),
    path("workflow/results/", admin_view(ScopedWorkflowView, results_only=True), name="workflow_results"),
    path("workflow_tasks/", admin_view(ScopedWorkflowTasksView), name="workflow_tasks"),
    path(
        "workflow_tasks/results/",
        admin_view(ScopedWorkflowTasksView, results_only=True),
        name="workflow_tasks_results",
    ),
    path("site-history/", admin_view(ScopedLogEntriesView), name="site_history"),
    path(
        "site-history/results/",
        admin_view(ScopedLogEntriesView, results_only=True),
        name="site_history_results",
    ),
]
