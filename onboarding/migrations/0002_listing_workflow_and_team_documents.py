"""The moderators' review of a clinic's first publication, and documents for existing teams.

Clinic teams created before onboarding got image permissions on their collection only;
they now also add, change and choose documents there (as directory.roles does for new ones).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW = "Clinic listing review"
TASK = "Moderator approval of a clinic listing"
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")


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
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    ListingReviewTask = apps.get_model("onboarding.ListingReviewTask")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    ClinicIndexPage = apps.get_model("directory.ClinicIndexPage")
    ClinicTeam = apps.get_model("directory.ClinicTeam")

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type, _ = ContentType.objects.get_or_create(app_label="onboarding", model="listingreviewtask")
        task = ListingReviewTask.objects.create(name=TASK, content_type=task_type, active=True)
        moderators, _ = Group.objects.get_or_create(name="Moderators")
        task.groups.add(moderators)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    index = ClinicIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})

    documents = [
        Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename)
        for codename in DOCUMENT_PERMISSIONS
    ]
    for team in ClinicTeam.objects.all():
        for permission in documents:
            GroupCollectionPermission.objects.get_or_create(
                group_id=team.group_id, collection_id=team.collection_id, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("onboarding", "0001_initial"),
        ("directory", "0004_appointments"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
