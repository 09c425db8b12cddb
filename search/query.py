"""What a search asks and what it answers, in terms every backend shares.

A SearchQuery is built by search.forms from request parameters (already validated)
and by search.understanding from the patient's words. Backends read it through the
methods here (`required_tags`, `boosts`, `text_terms`), so both engines filter, boost
and facet on exactly the same things; only how they score words differs.
"""

from dataclasses import dataclass, field

from search.places import KM_PER_MILE

# Facets in the order the page shows them; every one is also a request parameter.
TAG_FACETS = ("type", "profession", "technique", "condition", "insurance", "language", "gender")
FLAG_FACETS = ("accepting", "home_visits", "telehealth")
FACETS = (*TAG_FACETS, *FLAG_FACETS, "in_scope", "min_rating", "currency")
RATING_STEPS = (4, 3, 2, 1)
SORTS = ("relevance", "distance", "rating")
TYPES = ("all", "practitioner", "clinic")

# How much a recognised concept, scope or verification adds to a listing's score.
# Both engines use these numbers; the words' own score is each engine's.
BOOST_TECHNIQUE = 3.0
BOOST_CONDITION = 2.0
BOOST_PROFESSION = 2.0
BOOST_IN_SCOPE = 2.0
BOOST_VERIFIED = 0.5
BOOST_RATING = 0.25  # per star of average rating, times a confidence that grows with the count
BOOST_DISTANCE = 3.0  # at the place itself, halving at the search radius


@dataclass(frozen=True)
class Concept:
    """A technique, condition or profession recognised in the patient's words."""

    kind: str  # technique, condition or profession
    slug: str
    name: str
    matched: str  # the words it was recognised from
    fuzzy: bool = False
    terms: tuple = ()  # every name of the concept, for highlighting

    @property
    def tag(self):
        return f"{self.kind}:{self.slug}"

    @property
    def boost(self):
        return {"technique": BOOST_TECHNIQUE, "condition": BOOST_CONDITION}.get(self.kind, BOOST_PROFESSION)

    def as_dict(self):
        return {"kind": self.kind, "slug": self.slug, "name": self.name, "matched": self.matched, "fuzzy": self.fuzzy}


@dataclass
class Interpretation:
    """How the words were read: concepts, a place, what is left as free text, and notes."""

    concepts: list = field(default_factory=list)
    place: object = None  # a Place recognised in the words
    text: str = ""
    notices: list = field(default_factory=list)

    def as_dict(self):
        return {
            "concepts": [c.as_dict() for c in self.concepts],
            "place": self.place.as_dict() if self.place else None,
            "text": self.text,
            "notices": self.notices,
        }


@dataclass
class SearchQuery:
    q: str = ""
    place: object = None  # Place, from where/lat+lon or from the words
    radius: float = 25.0
    unit: str = "km"
    type: str = "all"
    filters: dict = field(default_factory=dict)  # facet -> slug, for TAG_FACETS
    flags: tuple = ()  # FLAG_FACETS that must hold
    in_scope: bool = False
    scope_technique: object = None  # Technique checked by in_scope and shown as a badge
    min_rating: float = None
    fee_min: float = None
    fee_max: float = None
    currency: str = ""
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    interpretation: Interpretation = field(default_factory=Interpretation)

    @property
    def radius_km(self):
        return self.radius * KM_PER_MILE if self.unit == "mi" else self.radius

    @property
    def concepts(self):
        return self.interpretation.concepts

    @property
    def text(self):
        return self.interpretation.text

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def filter_tags(self):
        """{facet: tag} of every tag filter; facet counts leave out their own facet's entry."""
        tags = {}
        if self.type != "all":
            tags["type"] = f"type:{self.type}"
        for facet in TAG_FACETS:
            if facet != "type" and self.filters.get(facet):
                tags[facet] = f"{facet}:{self.filters[facet]}"
        for flag in self.flags:
            tags[flag] = f"{flag}:yes"
        if self.in_scope and self.scope_technique is not None:
            tags["in_scope"] = f"in_scope:{self.scope_technique.slug}"
        return tags

    def boosts(self):
        """[(tag, weight)] that raise a listing's score when it carries the tag."""
        boosts = [(concept.tag, concept.boost) for concept in self.concepts]
        scope_slugs = {c.slug for c in self.concepts if c.kind == "technique"}
        if self.scope_technique is not None:
            scope_slugs.add(self.scope_technique.slug)
        boosts += [(f"in_scope:{slug}", BOOST_IN_SCOPE) for slug in sorted(scope_slugs)]
        boosts.append(("verified:yes", BOOST_VERIFIED))
        return boosts

    def text_terms(self):
        """The free-text words left after concepts and the place were taken out."""
        return [word for word in self.text.split() if word]

    def highlight_terms(self):
        terms = list(self.text_terms())
        for concept in self.concepts:
            terms += list(concept.terms or (concept.name,))
        return terms

    @property
    def matches_everything(self):
        return not self.text_terms() and not self.concepts


@dataclass
class Hit:
    page_id: int
    kind: str
    title: str
    url: str
    display: dict
    location: dict  # id, label, address, lat, lon (None when the page has no location)
    distance_km: float = None
    rating_average: float = None
    rating_count: int = 0
    in_scope: bool = None  # for the query's scope technique; None when no technique was chosen
    highlights: list = field(default_factory=list)  # safe HTML with <mark>
    score: float = 0.0

    @property
    def rating_summary(self):
        """The indexed rating as an unsaved RatingSummary, so `{% rating_badge hit %}` shows it as pages do."""
        from reviews.models import RatingSummary

        if not self.rating_count:
            return None
        return RatingSummary(page_id=self.page_id, count=self.rating_count, average=self.rating_average)


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list
    total: int
    facets: dict  # facet -> [FacetValue]
    backend: str
    degraded: bool = False  # True when the configured engine failed and the database answered
    fee_range: dict = None  # {"currency", "min", "max"} when a currency is known

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.query.page_size))
