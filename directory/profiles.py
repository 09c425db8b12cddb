"""What the public practitioner and clinic pages show, loaded in a bounded number of queries.

Key ideas:
- Every relation a page shows (locations and their hours, licences, certifications, fees,
  vocabularies, photos and their renditions) is fetched with one prefetch, so a listing
  with fifty licences costs the same number of queries as one with a single licence.
- The whole technique table is small reference data: it is read once, its parent chain
  and family ids are filled in memory, and the scope check (directory.scope) then runs
  over prefetched licences and rules without a query of its own.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urljoin

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from directory.models import (
    ClinicLocation,
    ClinicPhoto,
    Licence,
    PractitionerLocation,
    PractitionerPage,
    ScopeRule,
    Technique,
)
from directory.scope import check_scope

# Rendition filters used by the templates; prefetched together so each photo costs no query.
PORTRAIT_FILTERS = ("fill-160x160-c100", "fill-320x320-c100")
CARD_FILTERS = ("fill-96x96-c100", "fill-192x192-c100")
GALLERY_FILTERS = ("fill-400x300-c75", "fill-800x600-c75")
LOGO_FILTERS = ("max-160x160", "max-320x320")

logger = logging.getLogger(__name__)


class TechniqueCatalogue:
    """All techniques, linked to their parents and with family ids, from a single query."""

    def __init__(self):
        self.by_pk = {technique.pk: technique for technique in Technique.objects.all()}
        children = defaultdict(list)
        for technique in self.by_pk.values():
            children[technique.parent_id].append(technique.pk)
            technique.parent = self.by_pk.get(technique.parent_id)
        for technique in self.by_pk.values():
            ids, frontier = {technique.pk}, [technique.pk]
            while frontier:
                frontier = [pk for parent in frontier for pk in children[parent] if pk not in ids]
                ids.update(frontier)
            technique._family_ids = ids

    def resolve(self, techniques):
        """The catalogue's own instances of `techniques`, so lineage() and family_ids() need no query."""
        return [self.by_pk[technique.pk] for technique in techniques if technique.pk in self.by_pk]


@dataclass
class ScopeLine:
    """One scope-check result as a profile shows it."""

    result: object
    location: object

    @property
    def verdict(self):
        return self.result.verdict

    @property
    def badge(self):
        return {"permitted": "Within scope", "not_permitted": "Not within scope", "unknown": "Scope unknown"}[
            self.result.verdict
        ]


def scope_lines(practitioner, techniques, locations, licences, rules, on=None):
    """The scope check for each checked technique at each jurisdiction the practitioner works in."""
    by_jurisdiction = {}
    for location in locations:
        by_jurisdiction.setdefault(location.jurisdiction_id, location)
    lines = []
    for technique in techniques:
        for location in by_jurisdiction.values():
            result = check_scope(practitioner, technique, location, on=on, licences=licences, rules=rules)
            lines.append(ScopeLine(result, location))
    return lines


def _rules_for(jurisdiction_ids, techniques):
    lineage_ids = {node.pk for technique in techniques for node in technique.lineage()}
    return list(ScopeRule.objects.filter(jurisdiction_id__in=jurisdiction_ids, technique_id__in=lineage_ids))


def checked_techniques(techniques, rules):
    """Techniques the scope check speaks about: invasive ones, and any with a rule recorded here."""
    ruled = {rule.technique_id for rule in rules}
    return [t for t in techniques if t.is_invasive or any(node.pk in ruled for node in t.lineage())]


def practitioner_profile(page, on=None):
    """Everything a practitioner's profile shows, as a dict for the template context."""
    Image = get_image_model()
    prefetch_related_objects(
        [page],
        Prefetch(
            "practice_locations",
            queryset=PractitionerLocation.objects.select_related(
                "location__jurisdiction", "location__clinic"
            ).prefetch_related("location__opening_hours", "location__clinic__insurance_plans"),
        ),
        Prefetch(
            "licences",
            queryset=Licence.objects.select_related("profession", "jurisdiction").order_by(
                "jurisdiction__name", "number"
            ),
        ),
        Prefetch("certifications", queryset=page.certifications.model.objects.select_related("technique")),
        "fees",
        "professions",
        "techniques",
        "conditions",
        "languages",
    )
    photo = None
    if page.photo_id:
        photo = Image.objects.prefetch_renditions(*PORTRAIT_FILTERS).filter(pk=page.photo_id).first()

    practice = list(page.practice_locations.all())
    locations = [link.location for link in practice]
    catalogue = TechniqueCatalogue()
    techniques = sorted(catalogue.resolve(page.techniques.all()), key=lambda t: t.name)
    licences = list(page.licences.all())
    rules = _rules_for({location.jurisdiction_id for location in locations}, techniques)
    checked = checked_techniques(techniques, rules)

    insurance = {}
    clinics = {}
    for location in locations:
        clinics.setdefault(location.clinic_id, location.clinic)
        for plan in location.clinic.insurance_plans.all():
            insurance.setdefault(plan.pk, plan)

    return {
        "photo": photo,
        "practice": practice,
        "locations": locations,
        "clinics": list(clinics.values()),
        "licences": licences,
        "certifications": sorted(page.certifications.all(), key=lambda c: (c.technique.name, c.completed_on)),
        "fees": list(page.fees.all()),
        "techniques": techniques,
        "other_techniques": [t for t in techniques if t not in checked],
        "conditions": list(page.conditions.all()),
        "professions": list(page.professions.all()),
        "languages": list(page.languages.all()),
        "insurance_plans": sorted(insurance.values(), key=lambda plan: plan.name),
        "scope_lines": scope_lines(page, checked, locations, licences, rules, on=on),
        **_ratings(page),
    }


def rating_summary(page):
    """The page's RatingSummary, or None when nobody has rated it yet."""
    from reviews.models import RatingSummary

    return RatingSummary.objects.filter(page_id=page.pk).first()


STRUCTURED_REVIEWS = 3


def _ratings(page):
    rating = rating_summary(page)
    return {"rating": rating, "recent_reviews": recent_reviews(page, rating)}


def recent_reviews(page, rating):
    """The newest published reviews of a rated page, for its structured data (no e-mail is loaded)."""
    from reviews.models import Review

    if rating is None or not rating.count:
        return []
    published = Review.objects.filter(page_id=page.pk, status=Review.Status.APPROVED, hidden_at__isnull=True)
    fields = ("title", "body", "rating", "display_name", "confirmed_at")
    return list(published.order_by("-confirmed_at", "-pk").only(*fields)[:STRUCTURED_REVIEWS])


def clinic_profile(page):
    """Everything a clinic's page shows: locations, practitioners, services, photos."""
    Image = get_image_model()
    locations = list(
        ClinicLocation.objects.filter(clinic=page).select_related("jurisdiction").prefetch_related("opening_hours")
    )
    for location in locations:
        location.clinic = page  # the map labels each place with its clinic; no query per location
    practitioners = list(
        PractitionerPage.objects.live()
        .public()
        .filter(practice_locations__location__clinic=page)
        .distinct()
        .order_by("title")
        .select_related("rating_summary")
        .prefetch_related(
            "professions",
            "techniques",
            "conditions",
            Prefetch("photo", queryset=Image.objects.prefetch_renditions(*CARD_FILTERS)),
        )
    )
    photos = list(
        ClinicPhoto.objects.filter(clinic=page).prefetch_related(
            Prefetch("image", queryset=Image.objects.prefetch_renditions(*GALLERY_FILTERS))
        )
    )
    logo = None
    if page.logo_id:
        logo = Image.objects.prefetch_renditions(*LOGO_FILTERS).filter(pk=page.logo_id).first()

    services, conditions = {}, {}
    for practitioner in practitioners:
        for technique in practitioner.techniques.all():
            services.setdefault(technique.pk, technique)
        for condition in practitioner.conditions.all():
            conditions.setdefault(condition.pk, condition)

    return {
        "logo": logo,
        "locations": locations,
        "practitioners": practitioners,
        "photos": photos,
        "services": sorted(services.values(), key=lambda t: t.name),
        "conditions": sorted(conditions.values(), key=lambda c: c.name),
        "insurance_plans": list(page.insurance_plans.all()),
        "languages": list(page.languages.all()),
        **_ratings(page),
    }


def clinic_cards(clinics):
    """Clinics for a list: their locations and logo renditions prefetched."""
    Image = get_image_model()
    return clinics.select_related("rating_summary").prefetch_related(
        Prefetch("locations", queryset=ClinicLocation.objects.select_related("jurisdiction")),
        Prefetch("logo", queryset=Image.objects.prefetch_renditions(*CARD_FILTERS)),
    )


def _og_image(image, filters):
    """The larger prefetched rendition of a photo or logo, for Open Graph; none when the
    original file has gone (a restore without media), which must not take the page down."""
    if image is None:
        return None
    try:
        return image.get_rendition(filters[-1])
    except SourceImageIOError:
        logger.warning("Image %s has no original file; page shown without it", image.pk)
        return None


def practitioner_page_context(page, request):
    """The template context of a practitioner's profile: profile data, structured data, the request form."""
    from directory.appointments import locations_for
    from directory.forms import AppointmentRequestForm
    from directory.structured_data import practitioner_data

    profile = practitioner_profile(page)
    og_image = _og_image(profile["photo"], PORTRAIT_FILTERS)
    image_url = urljoin(page.get_full_url(request), og_image.url) if og_image else None
    professions = ", ".join(profession.name for profession in profile["professions"])
    cities = ", ".join(dict.fromkeys(location.city for location in profile["locations"]))
    return {
        **profile,
        "meta_description": f"{page.display_name}: {professions} in {cities}. Licences, scope of practice, "
        "training, fees and where they practise.",
        "og_image": og_image,
        "og_image_alt": f"Photo of {page.title}",
        "og_type": "profile",
        "structured_data": practitioner_data(page, profile, request, image_url),
        "appointment_form": AppointmentRequestForm(locations=locations_for(page))
        if page.accepting_new_patients
        else None,
    }


def clinic_page_context(page, request):
    """The template context of a clinic's page."""
    from directory.appointments import locations_for
    from directory.forms import AppointmentRequestForm
    from directory.structured_data import clinic_data

    profile = clinic_profile(page)
    og_image = _og_image(profile["logo"], LOGO_FILTERS)
    image_url = urljoin(page.get_full_url(request), og_image.url) if og_image else None
    cities = ", ".join(dict.fromkeys(location.city for location in profile["locations"]))
    return {
        **profile,
        "meta_description": f"{page.title}, {cities}: locations and opening hours, practitioners, services "
        "and insurance accepted.",
        "og_image": og_image,
        "og_image_alt": f"Logo of {page.title}",
        "structured_data": clinic_data(page, profile, request, image_url),
        "appointment_form": AppointmentRequestForm(locations=locations_for(page)),
    }
