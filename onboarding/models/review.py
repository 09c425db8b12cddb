"""The moderators' review task used by onboarding's workflows."""

from wagtail.models import AbstractGroupApprovalTask


class ListingReviewTask(AbstractGroupApprovalTask):
    """Moderators approve a clinic's first publication, or send it back, without editing it.

    Wagtail's group approval task opens the editor to its approvers; here they review
    the preview and decide from the dashboard, because moderators edit no listing.
    """

    def user_can_access_editor(self, obj, user):
        return user.is_superuser

    def locked_for_user(self, obj, user):
        return not user.is_superuser

    class Meta:
        verbose_name = "listing review task"
