"""Licence changes go through moderators: a workflow for LicenceChange, and clinic teams that
propose changes instead of editing licences directly (directory.roles now grants view only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW = "Licence change review"
TASK = "Moderator approval of a licence change"
PROPOSE = ("add_licencechange", "change_licencechange", "delete_licencechange", "view_licencechange")
DIRECT = ("add_licence", "change_licence", "delete_licence")


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    ListingReviewTask = apps.get_model("onboarding.ListingReviewTask")
    ClinicTeam = apps.get_model("directory.ClinicTeam")

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type, _ = ContentType.objects.get_or_create(app_label="onboarding", model="listingreviewtask")
        task = ListingReviewTask.objects.create(name=TASK, content_type=task_type, active=True)
        moderators, _ = Group.objects.get_or_create(name="Moderators")
        task.groups.add(moderators)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    change_type, _ = ContentType.objects.get_or_create(app_label="onboarding", model="licencechange")
    WorkflowContentType.objects.update_or_create(content_type=change_type, defaults={"workflow": workflow})

    propose = list(Permission.objects.filter(content_type__app_label="onboarding", codename__in=PROPOSE))
    direct = list(Permission.objects.filter(content_type__app_label="directory", codename__in=DIRECT))
    for team in ClinicTeam.objects.select_related("group"):
        team.group.permissions.add(*propose)
        team.group.permissions.remove(*direct)


class Migration(migrations.Migration):
    dependencies = [
        ("onboarding", "0003_licence_changes"),
        ("onboarding", "0002_listing_workflow_and_team_documents"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
