"""Practitioners and what vouches for them: licences, certifications, fees.

A practitioner page lives beneath the clinic that manages it, yet may practise at
locations of several clinics. Licences are kept apart from the page: their
verification belongs to moderators, and must not be rolled back by a page revision.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from directory.money import CURRENCY_CHOICES, format_money
from directory.page_forms import PractitionerPageForm
from directory.validators import validate_licence_number, validate_npi


class PractitionerPage(Page):
    """A practitioner's public profile; the page title is their name as patients see it."""

    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        NON_BINARY = "non_binary", "Non-binary"
        UNDISCLOSED = "undisclosed", "Prefers not to say"

    post_nominals = models.CharField(max_length=80, blank=True, help_text="E.g. 'PT, DPT' or 'L.Ac.'.")
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    bio = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.UNDISCLOSED)
    languages = ParentalManyToManyField("directory.Language", blank=True, related_name="practitioners")
    professions = ParentalManyToManyField("directory.Profession", related_name="practitioners")
    techniques = ParentalManyToManyField("directory.Technique", blank=True, related_name="practitioners")
    conditions = ParentalManyToManyField("directory.Condition", blank=True, related_name="practitioners")
    accepting_new_patients = models.BooleanField(default=True)
    npi = models.CharField(
        "NPI", max_length=10, blank=True, validators=[validate_npi], help_text="US practitioners only."
    )

    content_panels = Page.content_panels + [
        FieldPanel("post_nominals"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldRowPanel([FieldPanel("gender"), FieldPanel("accepting_new_patients")]),
        MultiFieldPanel(
            [
                FieldPanel("professions"),
                FieldPanel("techniques"),
                FieldPanel("conditions"),
                FieldPanel("languages"),
                FieldPanel("npi"),
            ],
            heading="Practice",
        ),
        InlinePanel("practice_locations", heading="Where they practise", label="Location", min_num=1),
        InlinePanel("fees", heading="Fees", label="Fee"),
        InlinePanel("certifications", heading="Certifications", label="Certification"),
    ]
    # Wagtail's own index (admin choosers, and the stock search bench/against_wagtail.py compares
    # with): the words a patient would type, not only the title and bio.
    search_fields = Page.search_fields + [
        index.SearchField("bio"),
        index.SearchField("post_nominals"),
        index.SearchField("vocabulary_text"),
    ]

    base_form_class = PractitionerPageForm
    parent_page_types = ["directory.ClinicPage"]
    subpage_types = []

    class Meta:
        verbose_name = "practitioner"

    def get_context(self, request, *args, **kwargs):
        from directory.profiles import practitioner_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(practitioner_page_context(self, request))
        return context

    @classmethod
    def get_indexed_objects(cls):
        # Prefetched, so that update_index costs a few queries per chunk rather than three per page.
        return super().get_indexed_objects().prefetch_related("professions", "techniques", "conditions")

    def vocabulary_text(self):
        """Names and synonyms of the professions, techniques and conditions, for Wagtail's index."""
        terms = [self.professions.all(), self.techniques.all(), self.conditions.all()]
        return " ".join(f"{item.name} {item.synonyms}" for group in terms for item in group)

    @property
    def clinic(self):
        """The clinic that manages this listing (its parent page)."""
        return self.get_parent().specific

    @property
    def display_name(self):
        return f"{self.title}, {self.post_nominals}" if self.post_nominals else self.title

    def training_hours(self, technique):
        """Certified hours in a technique's whole family (a rule for dry needling counts IMS courses)."""
        family = technique.family_ids()
        return sum(
            (cert.hours for cert in self.certifications.all() if cert.technique_id in family),
            start=0,
        )


class PractitionerLocation(Orderable):
    """A practitioner practising at a clinic location, perhaps another clinic's."""

    practitioner = ParentalKey(PractitionerPage, on_delete=models.CASCADE, related_name="practice_locations")
    location = models.ForeignKey(
        "directory.ClinicLocation", on_delete=models.CASCADE, related_name="practitioner_links"
    )
    schedule_note = models.CharField(max_length=120, blank=True, help_text="E.g. 'Tuesdays and Thursdays'.")

    panels = [FieldPanel("location"), FieldPanel("schedule_note")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["practitioner", "location"], name="practise_once_per_location")]


class Fee(Orderable):
    """What one service costs, in the currency the clinic charges."""

    practitioner = ParentalKey(PractitionerPage, on_delete=models.CASCADE, related_name="fees")
    service = models.CharField(max_length=120, help_text="E.g. 'Initial assessment'.")
    amount = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(10_000_000)]
    )
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    duration_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )

    panels = [
        FieldPanel("service"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("currency"), FieldPanel("duration_minutes")]),
    ]

    def __str__(self):
        return f"{self.service}: {self.formatted_amount}"

    @property
    def formatted_amount(self):
        return format_money(self.amount, self.currency)


class Certification(Orderable):
    """Training in a technique: who gave it, for how many hours, when it was completed."""

    practitioner = ParentalKey(PractitionerPage, on_delete=models.CASCADE, related_name="certifications")
    technique = models.ForeignKey("directory.Technique", on_delete=models.PROTECT, related_name="certifications")
    title = models.CharField(max_length=160, help_text="The credential's name, e.g. 'Functional Dry Needling Level 1'.")
    provider = models.CharField(max_length=160)
    hours = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5000)])
    completed_on = models.DateField()

    panels = [
        FieldPanel("technique"),
        FieldPanel("title"),
        FieldPanel("provider"),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("completed_on")]),
    ]

    def __str__(self):
        return f"{self.title} ({self.provider}, {self.hours} h)"

    def clean(self):
        if self.completed_on and self.completed_on > datetime.date.today():
            raise ValidationError({"completed_on": "A certification cannot be completed in the future."})


class LicenceQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or datetime.date.today()
        return self.filter(status=Licence.Status.ACTIVE).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=on)
        )

    def verified(self):
        return self.filter(verification_status=Licence.Verification.VERIFIED)


class Licence(models.Model):
    """A licence to practise a profession in a jurisdiction, and whether we have checked it.

    Changing anything a registry would show (number, status, dates, profession,
    jurisdiction) returns the licence to 'unverified': a verification vouches for
    the facts that were checked, not for later edits.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PROBATION = "probation", "On probation / restricted"
        INACTIVE = "inactive", "Inactive"
        EXPIRED = "expired", "Expired"
        LAPSED = "lapsed", "Lapsed"
        SUSPENDED = "suspended", "Suspended"
        SURRENDERED = "surrendered", "Surrendered"
        REVOKED = "revoked", "Revoked"
        RETIRED = "retired", "Retired"

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", "Not yet verified"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Could not be verified"

    VERIFIED_FACTS = (
        "number",
        "status",
        "issued_on",
        "expires_on",
        "profession_id",
        "jurisdiction_id",
        "practitioner_id",
    )

    practitioner = models.ForeignKey(PractitionerPage, on_delete=models.CASCADE, related_name="licences")
    profession = models.ForeignKey("directory.Profession", on_delete=models.PROTECT, related_name="licences")
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.PROTECT, related_name="licences")
    number = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    verification_status = models.CharField(
        max_length=20, choices=Verification.choices, default=Verification.UNVERIFIED, editable=False
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    verification_source = models.CharField(
        max_length=500, blank=True, editable=False, help_text="The register or document that was checked."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LicenceQuerySet.as_manager()

    panels = [
        FieldPanel("practitioner"),
        FieldRowPanel([FieldPanel("profession"), FieldPanel("jurisdiction")]),
        FieldPanel("number"),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("issued_on"), FieldPanel("expires_on")]),
    ]

    class Meta:
        ordering = ["jurisdiction__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "profession", "number"], name="licence_number_unique_per_board"
            )
        ]
        permissions = [("verify_licence", "Can verify or reject licences")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._facts_as_loaded = self._facts()

    def __str__(self):
        return f"{self.profession} licence {self.number} ({self.jurisdiction.code})"

    def save(self, *args, **kwargs):
        if self.pk and self._facts_changed() and self.verification_status != self.Verification.UNVERIFIED:
            self.verification_status = self.Verification.UNVERIFIED
            self.verified_by = None
            self.verified_at = None
            self.verification_source = ""
        super().save(*args, **kwargs)
        self._facts_as_loaded = self._facts()

    def _facts(self):
        """The verified facts as loaded; deferred fields are left out rather than fetched."""
        return {name: self.__dict__[name] for name in self.VERIFIED_FACTS if name in self.__dict__}

    def _facts_changed(self):
        current = self._facts()
        return any(current.get(name) != value for name, value in self._facts_as_loaded.items())

    @property
    def is_verified(self):
        return self.verification_status == self.Verification.VERIFIED

    def is_expired(self, on=None):
        on = on or datetime.date.today()
        return self.status == self.Status.EXPIRED or (self.expires_on is not None and self.expires_on < on)

    def is_current(self, on=None):
        return self.status == self.Status.ACTIVE and not self.is_expired(on)

    def clean(self):
        errors = {}
        if self.issued_on and self.expires_on and self.expires_on <= self.issued_on:
            errors["expires_on"] = "A licence must expire after it was issued."
        if self.issued_on and self.issued_on > datetime.date.today():
            errors["issued_on"] = "The issue date cannot be in the future."
        if self.jurisdiction_id:
            profession = self.profession.slug if self.profession_id else None
            try:
                validate_licence_number(self.number, self.jurisdiction.country, profession)
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def record_verification(self, *, by, verified, source):
        """Record a moderator's check against a register. Callers check the permission."""
        if not source.strip():
            raise ValidationError({"verification_source": "Say which register or document you checked."})
        self.verification_status = self.Verification.VERIFIED if verified else self.Verification.REJECTED
        self.verified_by = by
        self.verified_at = timezone.now()
        self.verification_source = source.strip()
        self.save(
            update_fields=["verification_status", "verified_by", "verified_at", "verification_source", "updated_at"]
        )
