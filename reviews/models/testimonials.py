"""Testimonials: quotes a clinic chooses to show, with the patient's recorded consent.

They are the clinic's own selection, so they are shown apart from reviews, labelled
as selected by the clinic, and never counted in ratings. Where the law forbids
clinical testimonials in health advertising (reviews.policy.CLINICAL_TESTIMONIAL_BANS)
one that speaks about a clinical outcome is refused with the reason.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from reviews.policy import CLINICAL_TESTIMONIAL_BANS


class Testimonial(models.Model):
    """A patient's words a clinic publishes about itself or one of its practitioners."""

    class ConsentMethod(models.TextChoices):
        SIGNED_FORM = "signed_form", "Signed consent form"
        EMAIL = "email", "By e-mail"
        ONLINE_FORM = "online_form", "Online consent form"
        RECORDED_VERBAL = "recorded_verbal", "Verbal, recorded and witnessed"

    clinic = models.ForeignKey("directory.ClinicPage", on_delete=models.CASCADE, related_name="testimonials")
    practitioner = models.ForeignKey(
        "directory.PractitionerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
        help_text="The practitioner it is about, if any.",
    )
    quote = models.TextField(max_length=1500)
    display_name = models.CharField(max_length=80, help_text="How the patient agreed to be named, e.g. 'Sam, Denver'.")
    consent_obtained_on = models.DateField(help_text="When the patient agreed to publication.")
    consent_method = models.CharField(max_length=20, choices=ConsentMethod.choices)
    consent_reference = models.CharField(
        max_length=200, blank=True, help_text="Where the consent record is kept, e.g. 'Signed form, patient file'."
    )
    about_clinical_outcome = models.BooleanField(
        default=False,
        help_text="Does it speak about symptoms, a diagnosis or the result of treatment?",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-consent_obtained_on", "-pk"]

    def __str__(self):
        return f"“{self.quote[:40]}…” — {self.display_name}"

    def clean(self):
        errors = {}
        if self.consent_obtained_on and self.consent_obtained_on > timezone.localdate():
            errors["consent_obtained_on"] = "Consent cannot be dated in the future."
        if self.clinic_id and self.practitioner_id and not self.practitioner.is_descendant_of(self.clinic):
            errors["practitioner"] = "Choose one of this clinic's own practitioners."
        if self.about_clinical_outcome and self.clinic_id:
            ban = self.clinical_testimonial_ban()
            if ban:
                errors["about_clinical_outcome"] = ban
        if errors:
            raise ValidationError(errors)

    def countries(self):
        """Countries where this testimonial would advertise: the clinic's and the practitioner's locations."""
        from directory.models import ClinicLocation

        where = models.Q(clinic_id=self.clinic_id)
        if self.practitioner_id:
            where |= models.Q(practitioner_links__practitioner_id=self.practitioner_id)
        return set(ClinicLocation.objects.filter(where).values_list("jurisdiction__country", flat=True))

    def clinical_testimonial_ban(self):
        for country in sorted(self.countries()):
            if country in CLINICAL_TESTIMONIAL_BANS:
                return CLINICAL_TESTIMONIAL_BANS[country]
        return ""
