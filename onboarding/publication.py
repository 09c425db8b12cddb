"""A clinic's first publication goes through moderators; after that its managers publish at once.

Wagtail lets anyone with publish permission skip a workflow, so the workflow alone would
change nothing for managers. Instead a clinic that has never been published has a
managers group without 'publish' on its subtree: the editor offers "Submit to Clinic
listing review", a moderator approves (from a preview: see ListingReviewTask), and that
first publication gives the group its publish permission back. Nothing beneath the clinic
(its practitioners) goes public first. The approval publishes through
onboarding.workflow_actions, since moderators hold no publish permission on listings.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask
from wagtail.signals import page_published

from directory.models import ClinicIndexPage, ClinicPage, ClinicTeam
from directory.roles import ensure_clinic_team, moderators_group
from onboarding.models import ListingReviewTask

LISTING_WORKFLOW = "Clinic listing review"
LISTING_TASK = "Moderator approval of a clinic listing"


def _publish_permission():
    return Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")


@transaction.atomic
def listing_workflow():
    """The moderators' review workflow, assigned to the clinics index (created once)."""
    workflow, _ = Workflow.objects.get_or_create(name=LISTING_WORKFLOW, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task = ListingReviewTask.objects.create(name=LISTING_TASK)
        task.groups.set([moderators_group()])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    index = ClinicIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def withhold_publication(clinic):
    """Until a moderator approves its first publication, the clinic's managers may only submit it."""
    listing_workflow()
    team = ensure_clinic_team(clinic)
    GroupPagePermission.objects.filter(group=team.group, page=clinic, permission=_publish_permission()).delete()


def managers_may_publish(clinic):
    team = ClinicTeam.objects.filter(clinic=clinic).first()
    return (
        bool(team)
        and GroupPagePermission.objects.filter(
            group=team.group, page=clinic, permission__codename="publish_page"
        ).exists()
    )


@receiver(page_published, sender=ClinicPage)
def grant_publication_after_first_review(sender, instance, revision, **kwargs):
    """The first publication (approved by a moderator or done by an administrator) ends the gate."""
    if instance.first_published_at != instance.last_published_at:
        return
    team = ClinicTeam.objects.filter(clinic=instance).first()
    if team is not None:
        GroupPagePermission.objects.get_or_create(group=team.group, page=instance, permission=_publish_permission())
