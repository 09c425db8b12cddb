"""The search interface every engine implements, and the steps they share.

Key ideas:
- A backend answers a validated SearchQuery with SearchResults (hits grouped by
  page, facet counts, distances, highlights) and suggests names as one types.
- The parts are named as class attributes: `fallback_class` answers when the engine
  is unreachable (the Elasticsearch backend falls back to the database one, which is
  always current because documents are stored in the database first).
- Facet counts leave out their own facet's filter ("disjunctive" facets), so a patient
  sees how many results each other choice would give.
- An engine hook that is not implemented raises NotImplementedError; a feature a
  backend cannot honour raises Unsupported with a sentence, never a silent wrong answer.
"""

import logging
import math

from search.query import BOOST_DISTANCE, BOOST_RATING, RATING_STEPS

logger = logging.getLogger("search")


class EngineUnavailable(RuntimeError):
    """The engine could not be reached or failed; the caller may fall back."""


class Unsupported(ValueError):
    """A request this backend cannot answer correctly."""


class PageOutOfRange(ValueError):
    def __init__(self, num_pages):
        self.num_pages = num_pages
        super().__init__(f"There {'is' if num_pages == 1 else 'are'} only {num_pages} page{'s'[: num_pages != 1]}.")


class SearchBackend:
    name = "base"
    fallback_class = None  # backend that answers when this engine is unavailable

    def __init__(self, config=None):
        self.config = config or {}

    # -- the interface views call --------------------------------------------------

    def search(self, query):
        """Results for `query`, from this engine or, if it is down, from its fallback."""
        try:
            results = self.run_search(query)
        except EngineUnavailable as error:
            if self.fallback_class is None:
                raise
            logger.warning("%s search unavailable (%s); answering from the %s backend", self.name, error, "database")
            results = self.fallback_class(self.config).run_search(query)
            results.degraded = True
        label_facets(results)
        return results

    def autocomplete(self, prefix, limit=5, kind="all"):
        """[{kind, label, url}] of practitioners and clinics whose names start with `prefix`."""
        try:
            return self.run_autocomplete(prefix, limit, kind)
        except EngineUnavailable as error:
            if self.fallback_class is None:
                raise
            logger.warning("%s autocomplete unavailable (%s); answering from the database", self.name, error)
            return self.fallback_class(self.config).run_autocomplete(prefix, limit, kind)

    # -- engine hooks ----------------------------------------------------------------

    def run_search(self, query):
        raise NotImplementedError

    def run_autocomplete(self, prefix, limit, kind):
        raise NotImplementedError

    def index_pages(self, page_ids):
        """Bring the engine's copy of these pages in line with the stored documents.
        Raises EngineUnavailable when it cannot; the caller keeps the change queued."""
        raise NotImplementedError

    def rebuild(self, progress=None):
        """Rebuild the engine's index from the stored documents, without downtime."""
        raise NotImplementedError

    def status(self):
        """{name: value} lines for `search_index status`."""
        raise NotImplementedError


# -- shared scoring, so both engines rank on the same terms -----------------------------


def rating_boost(average, count):
    """Stars times a confidence that reaches ~1 at ten reviews: one 5-star review is not a 4.8 from 40."""
    if not average or not count:
        return 0.0
    return BOOST_RATING * average * (1 - math.exp(-count / 5))


def distance_boost(distance_km, radius_km):
    """BOOST_DISTANCE at the place, half at the radius (a Gaussian decay, as in Elasticsearch)."""
    if distance_km is None or not radius_km:
        return 0.0
    return BOOST_DISTANCE * math.exp(math.log(0.5) * (distance_km / radius_km) ** 2)


def label_facets(results):
    """Give facet values their human names and mark the selected ones; order them."""
    from directory.models import Condition, InsurancePlan, Language, Profession, Technique

    query = results.query
    names = {
        "profession": dict(Profession.objects.values_list("slug", "name")),
        "technique": dict(Technique.objects.values_list("slug", "name")),
        "in_scope": dict(Technique.objects.values_list("slug", "name")),
        "condition": dict(Condition.objects.values_list("slug", "name")),
        "language": dict(Language.objects.values_list("code", "name")),
        "insurance": {
            slug: f"{n} ({c})" for slug, n, c in InsurancePlan.objects.values_list("slug", "name", "country")
        },
        "type": {"practitioner": "Practitioners", "clinic": "Clinics"},
        "gender": {"female": "Female", "male": "Male", "non_binary": "Non-binary", "undisclosed": "Not stated"},
        "accepting": {"yes": "Accepting new patients"},
        "home_visits": {"yes": "Home visits"},
        "telehealth": {"yes": "Telehealth"},
        "min_rating": {str(step): f"{step}★ and up" for step in RATING_STEPS},
    }
    selected = {facet: value for facet, value in query.filters.items() if value}
    selected.update({flag: "yes" for flag in query.flags})
    if query.type != "all":
        selected["type"] = query.type
    if query.in_scope and query.scope_technique is not None:
        selected["in_scope"] = query.scope_technique.slug
    if query.min_rating:
        selected["min_rating"] = str(int(query.min_rating)) if float(query.min_rating).is_integer() else ""
    if query.currency:
        selected["currency"] = query.currency
    for facet, values in results.facets.items():
        for value in values:
            value.label = names.get(facet, {}).get(value.value, value.value)
            value.selected = selected.get(facet) == value.value
        if facet == "min_rating":
            values.sort(key=lambda v: -int(v.value))
        else:
            values.sort(key=lambda v: (-v.count, v.label))
