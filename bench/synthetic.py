"""What each generated clinic holds, as rows: pages, locations, practitioners, licences, reviews.

Key ideas:
- Deterministic: clinic n draws everything from its own stream, random.Random(f"{seed}:{n}"),
  so the same seed and size give the same data, and clinic n is the same at every size.
- Real places: clinics sit in the demo's cities (directory.demodata.places), close to
  real neighbourhood centres, so place search ("near Denver", a ZIP) resolves and finds them.
- Shipped vocabulary: professions, techniques, conditions, languages, insurance plans and
  jurisdictions are the rows load_reference_data made; licences are for the jurisdiction
  of the locations a practitioner works at, so the scope check has real work to do.
- Ratings: every review is approved, and the RatingSummary row is counted from the same
  draws, the way reviews.ratings.refresh_rating would count it.
"""

import datetime
import random
import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify
from wagtail.models import Page

from directory.demodata import people
from directory.demodata.credentials import FEE_DURATIONS, fee_amount, licence_format
from directory.demodata.places import CITIES, fictional_phone, street_address
from directory.money import COUNTRY_CURRENCIES
from reviews.demodata import PRACTITIONER_REVIEWS

TECHNIQUES = {
    "Physiotherapist": [
        "Dry needling", "Trigger point dry needling", "Functional dry needling", "Intramuscular stimulation",
        "Manual therapy", "Exercise therapy", "McKenzie method", "Kinesiology taping", "Soft tissue massage",
        "Instrument-assisted soft tissue mobilisation", "Shockwave therapy", "Cupping",
    ],
    "Chiropractor": [
        "Spinal manipulation", "Manual therapy", "Soft tissue massage", "Kinesiology taping", "Dry needling",
    ],
    "Acupuncturist": ["Acupuncture", "Electro-acupuncture", "Cupping"],
    "Physician": ["Acupuncture", "Dry needling", "Shockwave therapy", "Exercise therapy"],
    "Physiatrist": ["Dry needling", "Shockwave therapy", "Exercise therapy", "Spinal manipulation"],
}  # fmt: skip
TRAINED = {"Dry needling", "Trigger point dry needling", "Functional dry needling", "Intramuscular stimulation",
           "Acupuncture", "Electro-acupuncture"}  # fmt: skip
PROVIDERS = ["Kinetacore", "Myopain Seminars", "Integrative Dry Needling Institute", "iSTOP (Gunn IMS)"]
BIO = (
    "<p>{name} is a {profession} at {clinic} in {locality}, {city}, who works with {conditions}.</p>"
    "<p>Treatment combines {techniques} with a home programme agreed at the first visit.</p>"
)
DESCRIPTION = "<p>{title} is a {kind} practice in {city} with {n} locations: {localities}.</p>"
KIND_WORDS = {"physio": "physiotherapy", "multi": "multidisciplinary", "chiro": "chiropractic",
              "acupuncture": "acupuncture", "rehab": "rehabilitation"}  # fmt: skip
CITY_KEYS = sorted(CITIES)
HOURS = [(day, datetime.time(8 + day % 2), datetime.time(18)) for day in range(5)]
DAY = datetime.timedelta(days=1)
GIVEN, FAMILY = "ABCDEFGHJKLMNPRSTVW", "ABCDKMPRST"


class Vocabulary:
    """Reference-data ids by name, read once (load_reference_data must have run)."""

    def __init__(self):
        from directory.models import Condition, InsurancePlan, Jurisdiction, Language, Profession, Technique

        self.professions = dict(Profession.objects.values_list("name", "pk"))
        self.techniques = dict(Technique.objects.values_list("name", "pk"))
        self.conditions = list(Condition.objects.order_by("pk").values_list("pk", flat=True))
        self.languages = dict(Language.objects.values_list("code", "pk"))
        self.jurisdictions = dict(Jurisdiction.objects.values_list("code", "pk"))
        self.insurance = {}
        for country, pk in InsurancePlan.objects.order_by("pk").values_list("country", "pk"):
            self.insurance.setdefault(country, []).append(pk)
        needed = {city.jurisdiction for city in CITIES.values()} - set(self.jurisdictions)
        if needed or not self.conditions or "Dry needling" not in self.techniques:
            raise LookupError("Reference data is missing: run `manage.py load_reference_data` first.")


class Rows(dict):
    """Rows per (model name) for one batch of clinics, in insertion order."""

    def add(self, key, row):
        self.setdefault(key, []).append(row)


class Generator:
    """Makes the rows of clinic after clinic; ids are allocated here so rows can reference each other."""

    def __init__(self, vocabulary, *, seed, today, first_page_id, first_location_id, locale_id, content_types):
        self.v, self.seed, self.today = vocabulary, seed, today
        self.page_id, self.location_id = first_page_id, first_location_id
        self.locale_id, self.content_types = locale_id, content_types
        self.now = datetime.datetime.combine(today, datetime.time(9), tzinfo=datetime.UTC)
        self.licence_numbers = {}  # (jurisdiction, profession) -> next serial
        self.practitioners = self.reviews = 0

    def _page(self, rows, rng, kind, children, title, slug, numchild=0):
        pk, self.page_id = self.page_id, self.page_id + 1
        path, url_path = children
        key = uuid.UUID(int=rng.getrandbits(128), version=4)
        published = self.now - datetime.timedelta(days=rng.randrange(30, 900))
        rows.add("page", (pk, path, len(path) // 4, numchild, title, title, slug, url_path, True, False,
                          self.content_types[kind], self.locale_id, key, published, published, ""))  # fmt: skip
        return pk

    def clinic(self, rows, index, team_size, clinic_paths):
        """Rows of the index-th clinic and its `team_size` practitioners; returns the clinic id."""
        rng = random.Random(f"{self.seed}:{index}")
        city = CITIES[CITY_KEYS[index % len(CITY_KEYS)]]
        country = city.country
        kind = rng.choices(list(people.KIND_WEIGHTS[country]), list(people.KIND_WEIGHTS[country].values()))[0]
        title = people.clinic_name(rng, country, kind)
        slug = slugify(f"{title} {city.name} {index}")
        path = clinic_paths.path()
        clinic_id = self._page(rows, rng, "clinic", (path, clinic_paths.url_path(slug)), title, slug, team_size)
        neighbourhoods = rng.sample(city.neighbourhoods, min(len(city.neighbourhoods), rng.choice([1, 1, 2, 2, 3])))
        locations = []
        for order, place in enumerate(neighbourhoods):
            pk, self.location_id = self.location_id, self.location_id + 1
            home = rng.random() < 0.2
            lat = Decimal(place.latitude) + Decimal(rng.randint(-60, 60)) / 10000
            lon = Decimal(place.longitude) + Decimal(rng.randint(-60, 60)) / 10000
            name = f"{place.locality} branch" if order else ""
            rows.add("location", (
                pk, clinic_id, order, name, street_address(rng, city, place), place.locality, city.name,
                place.postcode, self.v.jurisdictions[city.jurisdiction], lat, lon, fictional_phone(rng, city), home,
                rng.choice([5, 10, 15]) if home else None, rng.random() < 0.3, rng.random() < 0.85,
                self.today - rng.randrange(200) * DAY,
            ))  # fmt: skip
            for day, opens, closes in HOURS:
                rows.add("hours", (pk, day, opens, closes))
            locations.append((pk, place, city.jurisdiction))
        localities = ", ".join(place.locality for _, place, _ in locations)
        rows.add("clinicpage", (clinic_id, DESCRIPTION.format(title=title, kind=KIND_WORDS[kind], city=city.name,
                                n=len(locations), localities=localities), f"https://{slug}.example/",
                                fictional_phone(rng, city), f"appointments@{slug}.example"))  # fmt: skip
        plans = self.v.insurance.get(country, [])
        for plan in rng.sample(plans, min(len(plans), rng.randint(0, 3))):
            rows.add("clinic_insurance", (clinic_id, plan))
        languages = ["en", *city.languages[: rng.randint(0, 2)]]
        for code in languages:
            rows.add("clinic_language", (clinic_id, self.v.languages[code]))
        for slot in range(team_size):
            self.practitioner(rows, rng, path, clinic_paths.url_path(slug), slot, (title, kind, city, locations))
        return clinic_id

    def practitioner(self, rows, rng, clinic_path, clinic_url, slot, clinic):
        title_, kind, city, locations = clinic
        country = city.country
        weights = {p: w for p, w in people.KIND_PROFESSIONS[kind].items()
                   if p in people.COUNTRY_PROFESSIONS.get(country, {p})} or {"Physiotherapist": 1}  # fmt: skip
        profession = rng.choices(list(weights), list(weights.values()))[0]
        pool = people.POOLS[rng.choice([name for name, _ in people.CITY_POOLS[city.key]])]
        gender = rng.choices(["female", "male", "non_binary", "undisclosed"], [48, 46, 2, 4])[0]
        name = people.full_name(rng, pool, gender)
        if profession in people.DOCTOR_TITLED:
            name = f"Dr {name}"
        self.practitioners += 1
        slug = slugify(f"{name} {self.practitioners}")
        path = Page._get_path(clinic_path, len(clinic_path) // Page.steplen + 1, slot + 1)
        pk = self._page(rows, rng, "practitioner", (path, f"{clinic_url}{slug}/"), name, slug)
        offered = rng.sample(TECHNIQUES[profession], rng.randint(2, min(5, len(TECHNIQUES[profession]))))
        conditions = rng.sample(self.v.conditions, rng.randint(2, 6))
        here = rng.sample(locations, rng.randint(1, len(locations)))
        accepting = rng.random() < 0.85
        nominals = rng.choice(people.POST_NOMINALS.get((country, profession), [""]))
        bio = BIO.format(
            name=name, profession=profession.lower(), clinic=title_, locality=here[0][1].locality, city=city.name,
            conditions="pain of many kinds", techniques=", ".join(t.lower() for t in offered),
        )  # fmt: skip
        rows.add("practitionerpage", (pk, nominals, bio, gender, accepting))
        professions = [profession] + (["Physician"] if profession == "Physiatrist" else [])
        for name_ in professions:
            rows.add("p_profession", (pk, self.v.professions[name_]))
        for technique in offered:
            rows.add("p_technique", (pk, self.v.techniques[technique]))
        for condition in conditions:
            rows.add("p_condition", (pk, condition))
        for code in {"en", *city.languages[: rng.randint(0, 1)]}:
            rows.add("p_language", (pk, self.v.languages[code]))
        for order, (location_id, _, _) in enumerate(here):
            rows.add("p_location", (pk, location_id, order, "" if order == 0 else "Tuesdays and Thursdays"))
        currency = COUNTRY_CURRENCIES[country]
        for order, service in enumerate(["Initial assessment", "Follow-up session", "Home visit"][: rng.randint(1, 3)]):
            rows.add("fee", (pk, order, service, fee_amount(rng, currency, service), currency, FEE_DURATIONS[service]))
        order = 0
        for technique in offered:
            if technique in TRAINED:
                hours = rng.choice([27, 54, 81, 135, 300])
                completed = self.today - rng.randrange(60, 3000) * DAY
                rows.add("certification", (pk, order, self.v.techniques[technique], f"{technique} certificate",
                                           rng.choice(PROVIDERS), hours, completed))  # fmt: skip
                order += 1
        licensed_as = "Physician" if profession == "Physiatrist" else profession
        for jurisdiction in dict.fromkeys(code for _, _, code in here):
            self.licence(rows, rng, pk, licensed_as, jurisdiction)
        self.reviews_of(rows, rng, pk, offered)

    def licence(self, rows, rng, practitioner_id, profession, jurisdiction):
        key = (jurisdiction, profession)
        serial = self.licence_numbers[key] = self.licence_numbers.get(key, 0) + 1
        shape = licence_format(jurisdiction, profession).replace("{year}", "2016")
        digits = shape.count("#")
        if serial >= 10**digits:  # a short national format ran out of numbers: keep them unique
            shape, digits = f"X{shape}{'#' * 3}", digits + 3
        filled = iter(str(serial).rjust(digits, "0"))
        number = "".join(next(filled) if char == "#" else char for char in shape)
        issued = self.today - rng.randrange(200, 9000) * DAY
        status = rng.choices(["active", "probation", "suspended", "expired"], [92, 3, 2, 3])[0]
        expires = None if rng.random() < 0.5 else self.today + rng.randrange(-100, 1500) * DAY
        verification = rng.choices(["verified", "unverified", "rejected"], [75, 22, 3])[0]
        verified_at = self.now - rng.randrange(1, 300) * DAY if verification != "unverified" else None
        source = "Benchmark data, not checked against a register" if verified_at else ""
        rows.add("licence", (practitioner_id, self.v.professions[profession], self.v.jurisdictions[jurisdiction],
                             number, status, issued, expires, verification, verified_at, source))  # fmt: skip

    def reviews_of(self, rows, rng, page_id, offered):
        counts = [0] * 6
        for n in range(rng.randint(5, 20)):
            rating, title, body, aspects = rng.choice(PRACTITIONER_REVIEWS)
            counts[rating] += 1
            visit = (self.today - rng.randrange(20, 1500) * DAY).replace(day=1)
            created = self.now - rng.randrange(1, 400) * DAY
            email = f"patient-{page_id}-{n}@patients.bench.invalid"
            display = f"{rng.choice(GIVEN)}{rng.choice('aeiou')}{rng.choice('nrsmlt')} {rng.choice(FAMILY)}."
            technique = self.v.techniques[rng.choice(offered)] if rng.random() < 0.5 else None
            rows.add("review", (page_id, rating, *aspects, title, body, technique, None, visit, display, email, email,
                                "approved", created, created, created + DAY))  # fmt: skip
        self.reviews += sum(counts)
        rows.add("rating", (page_id, *summary(counts)))


def summary(counts):
    """(count, average, stars_1..stars_5) exactly as RatingSummary.set_counts derives them."""
    total = sum(counts)
    average = (Decimal(sum(s * counts[s] for s in range(1, 6))) / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return (total, average, *counts[1:6])
