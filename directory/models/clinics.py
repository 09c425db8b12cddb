"""Clinics and where they practise.

A clinic is a Wagtail page so that its managers edit it with revisions, previews and
moderation; practitioners live beneath it, so one page permission on the clinic
gives its managers group the whole listing and nothing else.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class ClinicIndexPage(Page):
    """The parent of every clinic listing (/clinics/)."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["directory.ClinicPage"]
    max_count = 1
    clinics_per_page = 24

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from directory.profiles import clinic_cards

        context = super().get_context(request, *args, **kwargs)
        clinics = clinic_cards(ClinicPage.objects.child_of(self).live().public().order_by("title"))
        context["clinics"] = Paginator(clinics, self.clinics_per_page).get_page(request.GET.get("page"))
        return context


class ClinicPage(Page):
    """A clinic's listing: who it is, where it is, what it accepts.

    Created together with its team (managers group and image collection, see
    directory.roles), whose members may edit this page's subtree only.
    """

    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True, help_text="Where appointment requests are sent.")
    insurance_plans = ParentalManyToManyField("directory.InsurancePlan", blank=True, related_name="clinics")
    languages = ParentalManyToManyField("directory.Language", blank=True, related_name="clinics")

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldRowPanel([FieldPanel("phone"), FieldPanel("email")])],
            heading="Contact",
        ),
        FieldPanel("insurance_plans"),
        FieldPanel("languages"),
        InlinePanel("locations", heading="Locations", label="Location", min_num=1),
        InlinePanel("photos", heading="Photos", label="Photo"),
    ]

    search_fields = Page.search_fields + [index.SearchField("description"), index.SearchField("places_text")]

    parent_page_types = ["directory.ClinicIndexPage"]
    subpage_types = ["directory.PractitionerPage"]

    class Meta:
        verbose_name = "clinic"

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("locations")

    def places_text(self):
        """Where the clinic is, for Wagtail's own index (admin choosers, bench/against_wagtail.py)."""
        return " ".join(f"{loc.locality} {loc.city}" for loc in self.locations.all())

    def get_context(self, request, *args, **kwargs):
        from directory.profiles import clinic_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(clinic_page_context(self, request))
        return context


class ClinicLocation(ClusterableModel, Orderable):
    """One address a clinic practises from, with its hours and what it offers there."""

    clinic = ParentalKey(ClinicPage, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=120, blank=True, help_text="E.g. 'Saket branch'. Optional.")
    street_address = models.CharField(max_length=200)
    locality = models.CharField(max_length=120, blank=True, help_text="Neighbourhood or district.")
    city = models.CharField(max_length=120)
    postcode = models.CharField(max_length=20, blank=True)
    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.PROTECT, related_name="locations")
    latitude = models.DecimalField(
        max_digits=9, decimal_places=6, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.DecimalField(
        max_digits=9, decimal_places=6, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    phone = models.CharField(max_length=40, blank=True)
    home_visits = models.BooleanField(default=False)
    home_visit_radius_km = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(200)])
    telehealth = models.BooleanField(default=False)
    accepting_new_patients = models.BooleanField(default=True)
    accepting_confirmed_on = models.DateField(
        default=datetime.date.today,
        help_text="When the clinic last confirmed whether it takes new patients here.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("street_address"),
        FieldRowPanel([FieldPanel("locality"), FieldPanel("city"), FieldPanel("postcode")]),
        FieldPanel("jurisdiction"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("phone"),
        FieldRowPanel([FieldPanel("home_visits"), FieldPanel("home_visit_radius_km"), FieldPanel("telehealth")]),
        FieldRowPanel([FieldPanel("accepting_new_patients"), FieldPanel("accepting_confirmed_on")]),
        InlinePanel("opening_hours", heading="Opening hours", label="Opening hours"),
    ]

    class Meta(Orderable.Meta):
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_lat_lon")]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.name or f"{self.locality or self.city}"

    @property
    def one_line_address(self):
        parts = [self.street_address, self.locality, self.city, self.postcode]
        return ", ".join(part for part in parts if part)

    def clean(self):
        errors = {}
        if self.home_visits and not self.home_visit_radius_km:
            errors["home_visit_radius_km"] = "Say how far you travel for home visits."
        if not self.home_visits and self.home_visit_radius_km:
            errors["home_visit_radius_km"] = "Only locations offering home visits have a radius."
        if self.accepting_confirmed_on and self.accepting_confirmed_on > datetime.date.today():
            errors["accepting_confirmed_on"] = "The confirmation date cannot be in the future."
        if errors:
            raise ValidationError(errors)


class OpeningHours(models.Model):
    """One opening period on one weekday; several rows make split shifts."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    location = ParentalKey(ClinicLocation, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name_plural = "opening hours"

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError(
                {"closes": "Closing time must be after opening time (overnight hours are not supported)."}
            )


class ClinicPhoto(Orderable):
    """A photo of the clinic, shown in its gallery."""

    clinic = ParentalKey(ClinicPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class ClinicTeam(models.Model):
    """The managers group and image collection that belong to one clinic.

    Kept off the page itself: page fields are restored from revisions, and access
    must never be rolled back by publishing an old draft.
    """

    clinic = models.OneToOneField(ClinicPage, on_delete=models.CASCADE, related_name="team")
    group = models.OneToOneField("auth.Group", on_delete=models.PROTECT, related_name="clinic_team")
    collection = models.OneToOneField("wagtailcore.Collection", on_delete=models.PROTECT, related_name="clinic_team")

    def __str__(self):
        return f"Team of {self.clinic}"
