"""Forms: patients write and report reviews; clinics respond and curate testimonials; moderators decide.

Text is stored as written (control characters refused: home.text); templates escape it on output,
so no HTML ever reaches a page.
"""

import datetime
import re

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from directory.models import Condition, Technique
from directory.permissions import clinics_managed_by, practitioners_managed_by
from home.text import PlainTextForm
from reviews.findings import response_disclosures
from reviews.models import ASPECTS, Review, ReviewResponse
from reviews.policy import RejectionReason, ReportReason

STAR_CHOICES = [(n, f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)]
ASPECT_CHOICES = [("", "Not rated"), *STAR_CHOICES]


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and from assistive technology); bots fill it in."""

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("This field must be left empty.")
        return ""


class MonthField(forms.DateField):
    """A month as YYYY-MM (the browser's month picker sends that), stored as its first day."""

    widget = forms.DateInput(attrs={"type": "month", "placeholder": "YYYY-MM"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(value))
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise forms.ValidationError("Enter the month as YYYY-MM, for example 2026-09.")
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, datetime.date) else value


class ReviewForm(PlainTextForm, HoneypotMixin, forms.ModelForm):
    rating = forms.TypedChoiceField(choices=STAR_CHOICES, coerce=int, widget=forms.RadioSelect, label="Overall rating")
    visit_month = MonthField(label="Month of your visit")
    own_experience = forms.BooleanField(
        label="This is my own experience, and I have no personal or business connection with this "
        "practitioner or clinic.",
    )

    class Meta:
        model = Review
        fields = [
            "rating",
            *[name for name, _ in ASPECTS],
            "title",
            "body",
            "technique",
            "condition",
            "visit_month",
            "display_name",
            "email",
        ]
        labels = {
            "body": "Your review",
            "technique": "The treatment it was about (optional)",
            "condition": "The condition it was about (optional)",
            "display_name": "Name to show with your review",
            "email": "Your e-mail address",
        }
        help_texts = {
            "body": "Describe your own experience. Please leave out other people's names, contact details, "
            "and health details you would not want public.",
            "display_name": "For example your first name and an initial.",
            "email": "Never shown. We send a link to confirm your review, and tell you when it is published.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in ASPECTS:
            self.fields[name] = forms.TypedChoiceField(
                choices=ASPECT_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                label=label,
            )
        self.fields["technique"].queryset = Technique.objects.order_by("name")
        self.fields["condition"].queryset = Condition.objects.order_by("name")
        self.fields["body"].widget.attrs.update(rows=8)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body.strip()) < 20:
            raise forms.ValidationError("Please write at least a sentence or two (20 characters or more).")
        return body


class ReportForm(PlainTextForm, HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(choices=ReportReason.choices, widget=forms.RadioSelect, label="What is wrong?")
    details = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Details (optional)",
        help_text="What should a moderator look at? Please do not repeat personal information here.",
    )
    email = forms.EmailField(
        required=False,
        label="Your e-mail address (optional)",
        help_text="Only if a moderator may need to ask you something. Never shown.",
    )


class ResponseForm(PlainTextForm, forms.ModelForm):
    """A clinic's public reply; refused if it would identify the patient or confirm their care."""

    class Meta:
        model = ReviewResponse
        fields = ["body"]
        labels = {"body": "Your public response"}
        help_texts = {
            "body": "Speak in general terms about your clinic and its policies, and invite the author to "
            "contact you. Do not name them, mention dates, or say anything about their care: that "
            "would confirm they are your patient and disclose health information."
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body.strip()) < 10:
            raise forms.ValidationError("Please write a response of at least a sentence.")
        problems = response_disclosures(body, self.review)
        if problems:
            raise forms.ValidationError(
                ["A public response must not identify the patient or confirm they were treated.", *problems]
            )
        return body


class DecisionForm(forms.Form):
    """One moderator decision: approve, or reject for a published reason, with an optional note."""

    DECISIONS = [("approve", "Approve"), ("reject", "Reject")]

    decision = forms.ChoiceField(choices=DECISIONS)
    reason = forms.ChoiceField(choices=[("", "—"), *RejectionReason.choices], required=False)
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason"):
            self.add_error("reason", "Choose the published reason for rejecting.")
        return data

    @property
    def approve(self):
        return self.cleaned_data["decision"] == "approve"


class BulkDecisionForm(DecisionForm):
    """The same decision for several checked queue items ("review-12", "response-3")."""

    items = forms.Field(widget=forms.MultipleHiddenInput, error_messages={"required": "Check at least one item."})

    def clean_items(self):
        keys = []
        for key in self.cleaned_data["items"]:
            kind, _, pk = str(key).partition("-")
            if kind not in ("review", "response") or not pk.isdigit():
                raise forms.ValidationError(f"Not a queue item: {key}.")
            keys.append((kind, int(pk)))
        return keys


class ReportDecisionForm(forms.Form):
    DECISIONS = [("uphold", "Uphold: remove the review"), ("dismiss", "Dismiss: keep the review")]

    decision = forms.ChoiceField(choices=DECISIONS)
    reason = forms.ChoiceField(choices=[("", "As reported"), *RejectionReason.choices], required=False)
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class TestimonialForm(WagtailAdminModelForm):
    """A manager picks among their own clinics and practitioners only."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            self.fields["clinic"].queryset = clinics_managed_by(for_user).order_by("title")
            self.fields["practitioner"].queryset = practitioners_managed_by(for_user).order_by("title")
        self.fields["consent_obtained_on"].widget.attrs["max"] = timezone.localdate().isoformat()
