"""Live data for guides: practitioners who offer a treatment for a condition, near a place.

`nearby_practitioners` is the one function guides call. It uses the ORM for now: places
are resolved only against the cities and localities of listed clinic locations, and
distance is computed in Python over the locations inside a bounding box. It is meant to
be swapped for the directory search interface without its callers changing.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, F, Prefetch
from wagtail.images import get_image_model

from directory.models import ClinicLocation, Licence, PractitionerLocation, PractitionerPage, ScopeRule
from directory.profiles import CARD_FILTERS, TechniqueCatalogue
from directory.scope import check_scope

RADIUS_KM = 100
EARTH_RADIUS_KM = 6371.0


@dataclass
class NearbyPractitioner:
    practitioner: object
    location: object
    distance_km: float = None
    scope: object = None  # directory.scope.ScopeResult for the guide's technique at `location`


@dataclass
class Nearby:
    results: list = field(default_factory=list)
    where: str = ""
    place: str = ""  # the place `where` was understood as; empty when it was not found
    radius_km: int = RADIUS_KM

    @property
    def place_not_found(self):
        return bool(self.where) and not self.place


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = (math.radians(float(value)) for value in (lat1, lon1, lat2, lon2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def resolve_place(where):
    """(label, lat, lon) for a city or locality some clinic lists, or None."""
    where = " ".join(where.split())
    if not where:
        return None
    for field_name in ("city", "locality"):
        found = (
            ClinicLocation.objects.filter(**{f"{field_name}__iexact": where})
            .values(field_name)
            .annotate(lat=Avg("latitude"), lon=Avg("longitude"), n=Count("pk"))
            .order_by("-n")
            .first()
        )
        if found:
            return found[field_name], float(found["lat"]), float(found["lon"])
    return None


def _offering(technique, condition):
    practitioners = PractitionerPage.objects.live().public()
    if technique is not None:
        practitioners = practitioners.filter(techniques__in=technique.family_ids())
    if condition is not None:
        practitioners = practitioners.filter(conditions=condition)
    return practitioners


def nearby_practitioners(technique, condition, where="", limit=6):
    """Practitioners offering `technique` (or one of its named methods) for `condition`.

    With a `where` that names a listed city or locality: those practising within RADIUS_KM of
    it, nearest first. Otherwise (or when the place is unknown): the most-reviewed, then the
    most recently listed. Either argument may be None to leave it out.
    """
    nearby = Nearby(where=where)
    place = resolve_place(where) if where else None
    candidates = _offering(technique, condition)
    if place:
        nearby.place, lat, lon = place
        dlat = RADIUS_KM / 111.0
        dlon = RADIUS_KM / (111.0 * max(math.cos(math.radians(lat)), 0.01))
        links = PractitionerLocation.objects.filter(
            practitioner__in=candidates.values("pk"),
            location__latitude__range=(_decimal(lat - dlat), _decimal(lat + dlat)),
            location__longitude__range=(_decimal(lon - dlon), _decimal(lon + dlon)),
        ).select_related("location")
        best = {}
        for link in links:
            km = distance_km(lat, lon, link.location.latitude, link.location.longitude)
            if km <= RADIUS_KM and (link.practitioner_id not in best or km < best[link.practitioner_id][1]):
                best[link.practitioner_id] = (link.location, km)
        ranked = sorted(best.items(), key=lambda item: (item[1][1], item[0]))[:limit]
        shown = _for_display(PractitionerPage.objects.filter(pk__in=[pk for pk, _ in ranked]))
        pages = {page.pk: page for page in shown}
        nearby.results = [NearbyPractitioner(pages[pk], location, km) for pk, (location, km) in ranked if pk in pages]
    else:
        ordered = candidates.distinct().order_by(
            F("rating_summary__count").desc(nulls_last=True), "-first_published_at", "pk"
        )
        pages = list(_for_display(PractitionerPage.objects.filter(pk__in=ordered.values("pk")[:limit])))
        order = {pk: index for index, pk in enumerate(ordered.values_list("pk", flat=True)[:limit])}
        pages.sort(key=lambda page: order.get(page.pk, limit))
        nearby.results = [NearbyPractitioner(page, _first_location(page)) for page in pages]
    if technique is not None:
        _add_scope(nearby.results, technique)
    return nearby


def _decimal(value):
    return Decimal(str(round(value, 6)))


def _for_display(queryset):
    Image = get_image_model()
    return queryset.select_related("rating_summary").prefetch_related(
        "professions",
        Prefetch("photo", queryset=Image.objects.prefetch_renditions(*CARD_FILTERS)),
        Prefetch(
            "practice_locations",
            queryset=PractitionerLocation.objects.select_related("location__jurisdiction", "location__clinic"),
        ),
        Prefetch("licences", queryset=Licence.objects.select_related("profession", "jurisdiction")),
        "certifications",
    )


def _first_location(page):
    links = list(page.practice_locations.all())
    return links[0].location if links else None


def _add_scope(results, technique):
    """The scope verdict for the guide's technique at each result's location, without per-row queries."""
    catalogue = TechniqueCatalogue()
    technique = catalogue.by_pk.get(technique.pk, technique)
    jurisdictions = {result.location.jurisdiction_id for result in results if result.location}
    lineage = [node.pk for node in technique.lineage()]
    rules = list(ScopeRule.objects.filter(jurisdiction_id__in=jurisdictions, technique_id__in=lineage))
    for result in results:
        if result.location is None:
            continue
        # The display location may have been loaded without its jurisdiction; use the prefetched one.
        links = result.practitioner.practice_locations.all()
        location = next((link.location for link in links if link.location_id == result.location.pk), result.location)
        result.location = location
        result.scope = check_scope(
            result.practitioner, technique, location, licences=result.practitioner.licences.all(), rules=rules
        )
