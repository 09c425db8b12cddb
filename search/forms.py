"""The search parameters (TEAM.md names), validated once for the page and the API alike.

Every bad value gets a sentence naming what is wrong; SearchForm.to_query() turns a
valid form into a SearchQuery, reading the patient's words with search.understanding.
"""

from django import forms

from directory.models import Condition, InsurancePlan, Language, PractitionerPage, Profession, Technique
from directory.money import COUNTRY_CURRENCIES, CURRENCY_CHOICES
from search import cache as search_cache
from search import places
from search.query import SORTS, SearchQuery
from search.understanding import interpret

MAX_PAGE_SIZE = 50
MAX_PAGE = 1000
MAX_RADIUS = 500
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class FlagField(forms.CharField):
    """A yes/no parameter: 1/true/yes/on or 0/false/no/off; anything else is an error."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        value = (value or "").strip().lower()
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise forms.ValidationError("Use 1 or 0 (or true/false).")


def vocabulary_choices():
    """{field: [(value, label)]} for the vocabulary filters (cached with search answers when that is on)."""
    return {
        "profession": list(Profession.objects.values_list("slug", "name")),
        "technique": list(Technique.objects.values_list("slug", "name")),
        "condition": list(Condition.objects.values_list("slug", "name")),
        "language": list(Language.objects.values_list("code", "name")),
        "insurance": [(p.slug, str(p)) for p in InsurancePlan.objects.all()],
    }


def _choices(pairs, blank):
    return [("", blank), *pairs]


class SearchForm(forms.Form):
    q = forms.CharField(label="What are you looking for?", required=False, max_length=200, strip=True)
    where = forms.CharField(label="Where", required=False, max_length=120, strip=True)
    lat = forms.FloatField(label="Latitude", required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(label="Longitude", required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    radius = forms.FloatField(label="Within", required=False, min_value=0.1, max_value=MAX_RADIUS)
    unit = forms.ChoiceField(label="Unit", required=False, choices=[("km", "km"), ("mi", "miles")])
    type = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("all", "Practitioners and clinics"), ("practitioner", "Practitioners"), ("clinic", "Clinics")],
    )
    profession = forms.ChoiceField(label="Profession", required=False)
    technique = forms.ChoiceField(label="Technique", required=False)
    condition = forms.ChoiceField(label="Condition", required=False)
    insurance = forms.ChoiceField(label="Insurance", required=False)
    language = forms.ChoiceField(label="Language", required=False)
    gender = forms.ChoiceField(
        label="Practitioner gender", required=False, choices=_choices(PractitionerPage.Gender.choices, "Any")
    )
    accepting = FlagField(label="Accepting new patients")
    home_visits = FlagField(label="Home visits")
    telehealth = FlagField(label="Telehealth")
    in_scope = FlagField(label="Only practitioners licensed for this technique here")
    min_rating = forms.FloatField(label="Minimum rating", required=False, min_value=1, max_value=5)
    fee_min = forms.DecimalField(label="Fee from", required=False, min_value=0, max_digits=12, decimal_places=2)
    fee_max = forms.DecimalField(label="Fee up to", required=False, min_value=0, max_digits=12, decimal_places=2)
    currency = forms.ChoiceField(label="Currency", required=False, choices=_choices(CURRENCY_CHOICES, "Any"))
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=[(s, s.capitalize()) for s in SORTS], initial="relevance"
    )
    page = forms.IntegerField(label="Page", required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput)
    page_size = forms.IntegerField(label="Results per page", required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, pairs in search_cache.remember("choices", vocabulary_choices).items():
            self.fields[name].choices = _choices(pairs, "Any")
        self.place = None
        self.suggestions = {}

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None) and "lat" not in self.errors and "lon" not in self.errors:
            missing = "lon" if lon is None else "lat"
            self.add_error(missing, "Give both latitude and longitude.")
        elif lat is not None and lon is not None:
            self.place = places.coordinates_place(lat, lon)
        elif data.get("where"):
            try:
                self.place = places.resolve(data["where"])
            except places.PlaceNotFound as error:
                self.suggestions["where"] = error.suggestions
                self.add_error("where", str(error))
        fee_min, fee_max = data.get("fee_min"), data.get("fee_max")
        if fee_min is not None and fee_max is not None and fee_min > fee_max:
            self.add_error("fee_max", "The highest fee must not be below the lowest.")
        if data.get("sort") == "distance" and self.place is None and not self._words_have_place():
            self.add_error("sort", "Sorting by distance needs a place: fill in where, or share your location.")
        return data

    def _words_have_place(self):
        if not hasattr(self, "_interpretation"):
            self._interpretation = interpret(self.cleaned_data.get("q", ""), find_place=self.place is None)
        return self._interpretation.place is not None

    def to_query(self):
        """The SearchQuery of a valid form; raises ValueError naming a parameter if it is inconsistent."""
        data = self.cleaned_data
        if not hasattr(self, "_interpretation"):
            self._interpretation = interpret(data.get("q", ""), find_place=self.place is None)
        interpretation = self._interpretation
        place = self.place or interpretation.place
        unit = data.get("unit") or "km"
        radius = data.get("radius")
        if radius is None:
            default_km = place.radius_km if place else 25.0
            radius = round(default_km / places.KM_PER_MILE) if unit == "mi" else default_km
        scope_technique = None
        if data.get("technique"):
            scope_technique = Technique.objects.get(slug=data["technique"])
        else:
            slug = next((c.slug for c in interpretation.concepts if c.kind == "technique"), None)
            scope_technique = Technique.objects.filter(slug=slug).first() if slug else None
        if data.get("in_scope") and scope_technique is None:
            raise QueryError("in_scope", "Choose a technique (or name one in your search) to check scope for.")
        currency = data.get("currency") or ""
        if (data.get("fee_min") is not None or data.get("fee_max") is not None) and not currency:
            currency = COUNTRY_CURRENCIES.get(place.country, "") if place else ""
            if not currency:
                raise QueryError("currency", "Say which currency the fee range is in.")
        return SearchQuery(
            q=data.get("q", ""),
            place=place,
            radius=radius,
            unit=unit,
            type=data.get("type") or "all",
            filters={
                name: data.get(name)
                for name in ("profession", "technique", "condition", "insurance", "language", "gender")
                if data.get(name)
            },
            flags=tuple(name for name in ("accepting", "home_visits", "telehealth") if data.get(name)),
            in_scope=bool(data.get("in_scope")),
            scope_technique=scope_technique,
            min_rating=data.get("min_rating"),
            fee_min=float(data["fee_min"]) if data.get("fee_min") is not None else None,
            fee_max=float(data["fee_max"]) if data.get("fee_max") is not None else None,
            currency=currency,
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            page_size=data.get("page_size") or 20,
            interpretation=interpretation,
        )


class QueryError(ValueError):
    """A parameter that is valid alone but not with the others."""

    def __init__(self, param, message):
        self.param = param
        self.message = message
        super().__init__(f"{param}: {message}")
