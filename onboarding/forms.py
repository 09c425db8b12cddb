"""Forms for joining (public), deciding (moderators) and running a clinic's team (managers)."""

from urllib.parse import urlsplit

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from directory.models import ClinicPage, Jurisdiction, Profession, Technique
from home.text import PlainTextForm
from onboarding.applications import duplicate_problem
from onboarding.models import ClaimedLicence, ClinicApplication


class ClinicApplicationForm(PlainTextForm, forms.ModelForm):
    """'List your clinic': a new listing, or (with claim ticked) an existing one handed over."""

    claim = forms.BooleanField(
        required=False,
        label="This is our clinic: it is already listed on InScope",
        help_text="Tick this to take over an existing listing instead of creating a new one.",
    )
    listing = forms.CharField(
        required=False,
        max_length=300,
        label="Address of your listing on InScope",
        help_text="Only when claiming, e.g. https://inscope.example.org/clinics/your-clinic/",
    )
    # Honeypot: hidden from people by the template, filled in by many bots.
    homepage = forms.CharField(required=False, label="Leave this field empty")

    class Meta:
        model = ClinicApplication
        fields = [
            "clinic_name",
            "website",
            "phone",
            "street_address",
            "locality",
            "city",
            "postcode",
            "jurisdiction",
            "latitude",
            "longitude",
            "contact_name",
            "contact_email",
            "professions",
            "techniques",
            "message",
        ]
        labels = {
            "jurisdiction": "State, province or territory",
            "locality": "Neighbourhood or district",
            "phone": "Clinic phone",
            "contact_name": "Your name",
            "contact_email": "Your e-mail",
            "professions": "Professions practised at the clinic",
            "techniques": "Techniques offered",
            "message": "Anything else we should know",
        }
        help_texts = {
            "contact_email": "We send the decision, and your invitation to manage the listing, here.",
        }
        widgets = {
            "professions": forms.CheckboxSelectMultiple,
            "techniques": forms.CheckboxSelectMultiple,
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.order_by("country", "name")
        self.fields["professions"].queryset = Profession.objects.order_by("name")
        self.fields["techniques"].queryset = Technique.objects.order_by("name")
        self.fields["professions"].required = True
        self.claimed_clinic = None

    @property
    def is_bot(self):
        return bool(self.data.get(self.add_prefix("homepage"), "").strip())

    def clean_listing(self):
        if not self.cleaned_data.get("claim"):
            return ""
        value = self.cleaned_data["listing"].strip()
        segments = [part for part in urlsplit(value).path.split("/") if part]
        clinic = ClinicPage.objects.live().filter(slug=segments[-1]).first() if segments else None
        if clinic is None:
            raise ValidationError("We could not find a listed clinic at this address. Copy it from your listing.")
        self.claimed_clinic = clinic
        return value

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", "Give both latitude and longitude, or neither.")
        if self.errors:
            return cleaned
        problem = duplicate_problem(
            name=cleaned["clinic_name"],
            city=cleaned["city"],
            website=cleaned.get("website", ""),
            claimed_clinic=self.claimed_clinic,
        )
        if problem:
            raise ValidationError(problem, code="duplicate")
        return cleaned

    def save(self, commit=True):
        application = super().save(commit=False)
        application.kind = ClinicApplication.Kind.CLAIM if self.claimed_clinic else ClinicApplication.Kind.NEW
        application.clinic = self.claimed_clinic
        application.contact_email = application.contact_email.lower()
        if commit:
            application.save()
            self.save_m2m()
        return application


class ClaimedLicenceForm(PlainTextForm, forms.ModelForm):
    class Meta:
        model = ClaimedLicence
        fields = ["holder_name", "profession", "jurisdiction", "number"]
        labels = {"holder_name": "Practitioner's name", "number": "Licence number"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profession"].queryset = Profession.objects.order_by("name")
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.order_by("country", "name")


ClaimedLicenceFormSet = forms.inlineformset_factory(
    ClinicApplication,
    ClaimedLicence,
    form=ClaimedLicenceForm,
    extra=3,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
    can_delete=False,
)


class ApproveForm(forms.Form):
    """What a moderator confirms when approving: the map position (new) or how a claim was verified."""

    latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, min_value=-180, max_value=180)
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="How you verified the applicant",
        help_text="Required for claims, e.g. 'Called the clinic's listed phone number; spoke to the owner'.",
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, help_text="Sent to the applicant as written."
    )


class InviteForm(forms.Form):
    clinic = forms.ModelChoiceField(queryset=ClinicPage.objects.none())
    email = forms.EmailField()

    def __init__(self, *args, clinics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clinic"].queryset = clinics
        if len(clinics[:2]) == 1:
            self.fields["clinic"].empty_label = None


class SetPasswordForm(forms.Form):
    """Choose a password for a new manager account (Django's validators apply)."""

    password1 = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label="Password again", strip=False, widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AffiliationRequestForm(forms.Form):
    practitioner = forms.ModelChoiceField(queryset=None)
    location = forms.ModelChoiceField(queryset=None)
    note = forms.CharField(required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, practitioners, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = practitioners
        self.fields["location"].queryset = locations


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False, max_length=500)
