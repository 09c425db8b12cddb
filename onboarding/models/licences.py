"""Licence changes a clinic proposes and moderators approve through a Wagtail workflow.

A licence is what the scope check and the public profile trust, so a manager's change
is not live until a moderator approves it. The proposal is its own model, with drafts,
revisions and a workflow; the Licence stays a plain row that only approved changes (and
moderators' verifications) write to. Approval publishes the proposal, and publishing
applies it through Licence.save() on the licence as it is in the database: a changed fact
resets the verification as always, and no revision ever carries verification fields, so
publishing one can never bring back a stale verification.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, WorkflowMixin

from directory.models import Licence


class LicenceChange(WorkflowMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, models.Model):
    """Add, change or remove one licence of a practitioner, once a moderator approves."""

    class Action(models.TextChoices):
        ADD = "add", "Add a licence"
        CHANGE = "change", "Change a licence"
        REMOVE = "remove", "Remove a licence"

    FACTS = ("practitioner", "profession", "jurisdiction", "number", "status", "issued_on", "expires_on")

    action = models.CharField(max_length=10, choices=Action.choices, default=Action.ADD)
    licence = models.ForeignKey(
        Licence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_changes",
        help_text="The licence to change or remove; leave empty to add one.",
    )
    practitioner = models.ForeignKey(
        "directory.PractitionerPage", on_delete=models.CASCADE, related_name="licence_changes"
    )
    profession = models.ForeignKey("directory.Profession", on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=Licence.Status.choices, default=Licence.Status.ACTIVE)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    note = models.CharField(
        max_length=500, blank=True, help_text="For the moderator: what changed and where to check it."
    )
    applied_at = models.DateTimeField(null=True, blank=True, editable=False)
    apply_error = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        verbose_name = "licence change"
        ordering = ["-pk"]

    def __str__(self):
        who = self.practitioner.title if self.practitioner_id else "?"
        return f"{self.get_action_display()} {self.number} for {who}"

    @classmethod
    def proposing(cls, licence, action=Action.CHANGE):
        """A proposal that starts from the licence as it is."""
        return cls(action=action, licence=licence, **{name: getattr(licence, name) for name in cls.FACTS})

    def clean(self):
        if self.action in (self.Action.CHANGE, self.Action.REMOVE) and not self.licence_id:
            raise ValidationError({"licence": "Choose the licence to change or remove."})
        if self.action == self.Action.ADD and self.licence_id:
            raise ValidationError({"licence": "Leave this empty when adding a licence."})
        if self.licence_id and self.practitioner_id and self.licence.practitioner_id != self.practitioner_id:
            raise ValidationError({"licence": "This licence belongs to another practitioner."})
        if self.action != self.Action.REMOVE and self.practitioner_id:
            try:
                self.proposed_licence().full_clean()
            except ValidationError as error:
                raise ValidationError(
                    {name: messages for name, messages in error.message_dict.items() if name != "practitioner"}
                    or error.messages
                ) from error

    def proposed_licence(self):
        """The licence as it would be once applied (unsaved)."""
        licence = Licence.objects.filter(pk=self.licence_id).first() or Licence()
        for name in self.FACTS:
            setattr(licence, name, getattr(self, name))
        return licence

    def apply(self):
        """Carry the approved change over to the licence. A clash found only now is recorded, not raised:
        the moderator's approval stands, and the change says why it could not be applied."""
        if self.applied_at:
            return
        try:
            with transaction.atomic():
                if self.action != self.Action.ADD and not Licence.objects.filter(pk=self.licence_id).exists():
                    raise ValidationError("the licence no longer exists.")
                if self.action == self.Action.REMOVE:
                    Licence.objects.filter(pk=self.licence_id).delete()
                else:
                    licence = self.proposed_licence()
                    licence.full_clean()
                    licence.save()  # resets the verification when a verified fact changed
                    self.licence = licence
        except (ValidationError, IntegrityError) as error:
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.apply_error = f"Approved but not applied: {reason}"[:500]
        else:
            self.applied_at, self.apply_error = timezone.now(), ""
        type(self).objects.filter(pk=self.pk).update(
            licence=self.licence if self.action != self.Action.REMOVE else None,
            applied_at=self.applied_at,
            apply_error=self.apply_error,
        )

    def get_preview_template(self, request, mode_name):
        return "onboarding/admin/licence_change_preview.html"

    def get_preview_context(self, request, mode_name):
        current = Licence.objects.filter(pk=self.licence_id).select_related("profession", "jurisdiction").first()
        return {"change": self, "current": current}
