"""Forms: licences in the admin (a manager's choices stay inside their clinic), and the public
appointment request."""

import re

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from directory.models import AppointmentRequest
from directory.permissions import practitioners_managed_by
from home.text import PlainTextForm


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


class AppointmentRequestForm(PlainTextForm, forms.ModelForm):
    """A patient's request to be contacted. Either an e-mail address or a phone number is needed."""

    # A honeypot: hidden from people (and labelled for screen readers), filled in by bots.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = AppointmentRequest
        fields = ["location", "name", "email", "phone", "preferred_times", "reason", "consent_to_contact"]
        labels = {
            "location": "Where",
            "name": "Your name",
            "email": "E-mail address",
            "phone": "Phone number",
            "preferred_times": "When suits you",
            "reason": "What would you like help with?",
            "consent_to_contact": "I agree that the clinic may contact me about this request using the details above.",
        }
        help_texts = {
            "email": "An e-mail address or a phone number, so the clinic can reply.",
            "phone": "Include the country code if you are outside the clinic's country.",
            "preferred_times": "For example 'weekday mornings' or 'after 5 pm'.",
            "reason": "A sentence or two is enough. The clinic will ask for details when they contact you.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel"}),
            "reason": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }

    def __init__(self, *args, locations=(), **kwargs):
        kwargs.setdefault("auto_id", "appt-%s")
        super().__init__(*args, **kwargs)
        location_field = self.fields["location"]
        location_field.queryset = location_field.queryset.model.objects.filter(
            pk__in=[loc.pk for loc in locations]
        ).select_related("clinic")
        location_field.label_from_instance = lambda loc: f"{loc.clinic.title}: {loc.one_line_address}"
        self.only_location = locations[0] if len(locations) == 1 else None
        if len(locations) <= 1:
            location_field.widget = forms.HiddenInput()
            location_field.initial = locations[0].pk if locations else None
        else:
            location_field.required = True
            location_field.empty_label = "Choose a location"
        self.fields["reason"].required = True
        self.fields["consent_to_contact"].required = True
        self.fields["consent_to_contact"].error_messages["required"] = (
            "Please agree to be contacted; the clinic cannot answer your request otherwise."
        )
        self.fields["name"].error_messages["required"] = "Please tell us your name."
        self.fields["reason"].error_messages["required"] = "Please say briefly what you would like help with."

    def clean_location(self):
        return self.cleaned_data.get("location") or self.only_location

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Please tell us your name.")
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone:
            digits = re.sub(r"\D", "", phone)
            if not re.fullmatch(r"\+?[\d\s().-]+", phone) or not 6 <= len(digits) <= 15:
                raise forms.ValidationError("Enter a phone number of 6 to 15 digits, e.g. +1 303 555 0142.")
        return phone

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError("Leave this field empty.", code="honeypot")
        return ""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error("email", "Give an e-mail address or a phone number so the clinic can reply.")
        return cleaned

    @property
    def is_spam(self):
        return any(error.code == "honeypot" for error in self.errors.as_data().get("website", []))
