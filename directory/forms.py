"""Admin forms for licences: a manager's choices stay inside their clinic."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from directory.permissions import practitioners_managed_by


class LicenceForm(WagtailAdminModelForm):
    """A manager picks among their own practitioners only."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "practitioner" in self.fields:
            self.fields["practitioner"].queryset = practitioners_managed_by(for_user).order_by("title")


class LicenceVerificationForm(forms.Form):
    """What a moderator records after checking a licence against its register."""

    DECISIONS = [("verified", "Verified: the register matches"), ("rejected", "Rejected: the register does not match")]

    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.RadioSelect)
    source = forms.CharField(
        max_length=500,
        help_text="The register you checked (its address) or the document you saw.",
    )

    def save(self, licence, user):
        licence.record_verification(
            by=user, verified=self.cleaned_data["decision"] == "verified", source=self.cleaned_data["source"]
        )
        return licence
