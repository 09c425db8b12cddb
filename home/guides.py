"""Live data for guides: practitioners who offer a treatment for a condition, near a place.

`nearby_practitioners` is the one function guides call. It asks the directory search the
question the search API would be asked (the same SearchForm, SearchQuery and backend):
practitioners offering the technique (or one of its named methods) for the condition,
within RADIUS_KM of the place in `where`, nearest first. Places and distances are the
search's; this module only loads the pages the cards show and the scope check for the
guide's technique at each listed location.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch
from wagtail.images import get_image_model

from directory.models import Licence, PractitionerLocation, PractitionerPage, ScopeRule
from directory.profiles import CARD_FILTERS, TechniqueCatalogue
from directory.scope import check_scope
from search.backends import get_backend
from search.forms import SearchForm

RADIUS_KM = 100


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
    search_url: str = ""  # the same question on the search page, where a patient can refine it

    @property
    def place_not_found(self):
        return bool(self.where) and not self.place


def search_parameters(technique, condition, where, limit):
    """The /api/search parameters of the question a guide asks."""
    params = {"type": "practitioner", "page_size": str(limit)}
    if technique is not None:
        params["technique"] = technique.slug
    if condition is not None:
        params["condition"] = condition.slug
    if where:
        params.update(where=where, radius=str(RADIUS_KM), unit="km", sort="distance")
    else:
        params["sort"] = "rating"
    return params


def _search(params):
    """SearchResults, or None when the parameters are refused (an unknown place)."""
    form = SearchForm(params)
    if not form.is_valid():
        return None
    return get_backend().search(form.to_query())


def nearby_practitioners(technique, condition, where="", limit=6):
    """Practitioners offering `technique` (or one of its named methods) for `condition`.

    With a `where` the search knows: those practising within RADIUS_KM of it, nearest first.
    Otherwise (or when the place is unknown): the best rated, by the search's rating order.
    Either of technique and condition may be None to leave it out.
    """
    nearby = Nearby(where=where)
    params = search_parameters(technique, condition, where, limit)
    results = _search(params) if where else None
    if results is not None:
        nearby.place = results.query.place.label
    else:
        params = search_parameters(technique, condition, "", limit)
        results = _search(params)
    del params["page_size"]
    nearby.search_url = "/search/?" + urlencode(params)
    hits = results.hits if results is not None else []
    pages = {page.pk: page for page in _for_display(PractitionerPage.objects.filter(pk__in=[h.page_id for h in hits]))}
    for hit in hits:
        page = pages.get(hit.page_id)
        if page is None:  # unpublished since it was indexed
            continue
        links = list(page.practice_locations.all())
        location_id = hit.location["id"] if hit.location else None
        location = next((link.location for link in links if link.location_id == location_id), None)
        if location is None and links:
            location = links[0].location
        nearby.results.append(NearbyPractitioner(page, location, hit.distance_km if nearby.place else None))
    if technique is not None:
        _add_scope(nearby.results, technique)
    return nearby


def _for_display(queryset):
    Image = get_image_model()
    return (
        queryset.live()
        .public()
        .select_related("rating_summary")
        .prefetch_related(
            "professions",
            Prefetch("photo", queryset=Image.objects.prefetch_renditions(*CARD_FILTERS)),
            Prefetch(
                "practice_locations",
                queryset=PractitionerLocation.objects.select_related("location__jurisdiction", "location__clinic"),
            ),
            Prefetch("licences", queryset=Licence.objects.select_related("profession", "jurisdiction")),
            "certifications",
        )
    )


def _add_scope(results, technique):
    """The scope verdict for the guide's technique at each result's location, without per-row queries."""
    catalogue = TechniqueCatalogue()
    technique = catalogue.by_pk.get(technique.pk, technique)
    jurisdictions = {result.location.jurisdiction_id for result in results if result.location}
    lineage = [node.pk for node in technique.lineage()]
    rules = list(ScopeRule.objects.filter(jurisdiction_id__in=jurisdictions, technique_id__in=lineage))
    for result in results:
        if result.location is not None:
            result.scope = check_scope(
                result.practitioner,
                technique,
                result.location,
                licences=result.practitioner.licences.all(),
                rules=rules,
            )
