"""The demo plan: every clinic, practitioner and licence, decided before anything is saved.

Key ideas:
- Planning is plain Python from a seed: the same seed and size give the same plan,
  tests read it without a database, and a benchmark generator can reuse it.
- Each clinic and each practitioner draws from its own random stream, named by the
  seed and its position, so a bigger demo keeps a smaller demo's clinics and names.
- Licence scenarios are placed first where they can show something (a Colorado
  physiotherapist with too few hours, a San Francisco one where dry needling is not
  permitted), so every branch of the scope check appears even in a small demo.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from directory.demodata import people
from directory.demodata.places import city_for_clinic, fictional_phone, metro_cities, street_address
from directory.referencedata.vocabulary import INSURANCE_PLANS

DEFAULT_SEED = 1729
DEFAULT_PRACTITIONERS = 60

# What each scenario shows on a profile's dry needling scope check.
SCENARIOS = {
    "well_above": "Colorado physiotherapist, verified, far above the 50 h minimum: within scope",
    "too_few_hours": "Colorado physiotherapist, verified, 27 h against a 50 h minimum",
    "too_few_years": "Colorado physiotherapist licensed just over a year; the rule asks for two",
    "issue_date_unknown": "Colorado physiotherapist whose licence has no issue date recorded",
    "not_permitted_here": "physiotherapist offering dry needling where physiotherapists may not",
    "rule_unclear": "Illinois physiotherapist: the statute's dry needling section may have lapsed",
    "suspended": "licence suspended by the board",
    "probation": "licence on probation: restrictions may apply",
    "rejected": "licence a moderator could not find on the register",
    "expired": "licence marked expired on the register",
    "lapsed": "licence still shown active, but past its expiry date",
    "unverified": "licence not yet checked by a moderator",
}
# (scenario, city) pairs first, then scenarios any clinic can show, spread across clinics.
CITY_SCENARIOS = [
    ("well_above", "denver"),
    ("too_few_hours", "denver"),
    ("too_few_years", "denver"),
    ("issue_date_unknown", "denver"),
    ("not_permitted_here", "san-francisco"),
    ("rule_unclear", "chicago"),
    ("not_permitted_here", "new-york"),
]
ANY_SCENARIOS = ["suspended", "probation", "rejected", "expired", "unverified", "lapsed", "unverified"]

PALETTE = ["#1d4e89", "#2a7f62", "#8c2f39", "#5b3f8c", "#b35c1e", "#1f6f78", "#6b4226", "#3d5a80", "#7a2e5c"]
MAX_LINKS = 5


@dataclass
class LocationPlan:
    name: str
    street_address: str
    locality: str
    city: str
    postcode: str
    jurisdiction: str
    latitude: str
    longitude: str
    phone: str
    home_visit_radius_km: int | None
    telehealth: bool
    accepting_new_patients: bool
    accepting_confirmed_on: datetime.date
    hours: list  # (weekday, opens, closes)


@dataclass
class LicencePlan:
    jurisdiction: str
    profession: str
    number: str
    status: str
    issued_on: datetime.date | None
    expires_on: datetime.date | None
    verification: str  # "verified", "unverified" or "rejected"


@dataclass
class PractitionerPlan:
    title: str
    slug: str
    post_nominals: str
    gender: str
    bio: str
    languages: list
    professions: list
    techniques: list
    conditions: list
    accepting_new_patients: bool
    locations: list  # (location index in the clinic, schedule note)
    fees: list  # (service, amount, currency, minutes)
    certifications: list  # (technique, title, provider, hours, completed on)
    licences: list
    colour: str
    scenario: str = ""
    also_at: list = field(default_factory=list)  # (clinic index, location index)


@dataclass
class ClinicPlan:
    index: int
    city: object
    kind: str
    title: str
    slug: str
    description: str
    website: str
    email: str
    phone: str
    insurance: list
    languages: list
    locations: list
    colour: str
    team_size: int
    practitioners: list = field(default_factory=list)

    @property
    def country(self):
        return self.city.country


@dataclass
class DemoPlan:
    seed: int
    size: int
    today: datetime.date
    clinics: list

    @property
    def practitioners(self):
        return [practitioner for clinic in self.clinics for practitioner in clinic.practitioners]


def stream(seed, *parts):
    """An independent random stream per thing planned (string seeds hash the same on every run)."""
    return random.Random(":".join(str(part) for part in (seed, *parts)))


def weighted(rng, weights):
    choices = list(weights)
    return rng.choices(choices, weights=[weights[c] for c in choices])[0]


def plan_demo(practitioners=DEFAULT_PRACTITIONERS, seed=DEFAULT_SEED, today=None):
    """Plan a demo of `practitioners` people in about a third as many clinics."""
    from directory.demodata.practitioners import plan_practitioner

    today = today or datetime.date.today()
    clinics, remaining, titles = [], practitioners, set()
    while remaining > 0:
        clinic = plan_clinic(stream(seed, "clinic", len(clinics)), len(clinics), today, titles)
        clinic.team_size = min(clinic.team_size, remaining)
        remaining -= clinic.team_size
        clinics.append(clinic)

    scenarios = assign_scenarios(clinics)
    names, numbers = set(), set()
    for clinic in clinics:
        for slot in range(clinic.team_size):
            rng = stream(seed, "practitioner", clinic.index, slot)
            scenario = scenarios.get((clinic.index, slot), "")
            clinic.practitioners.append(plan_practitioner(rng, clinic, slot, scenario, today, names, numbers))
        clinic.languages = _clinic_languages(clinic)
    plan_links(stream(seed, "links"), clinics, today, numbers)
    return DemoPlan(seed=seed, size=practitioners, today=today, clinics=clinics)


def plan_clinic(rng, index, today, titles):
    city = city_for_clinic(index)
    country = city.country
    kind = weighted(rng, people.KIND_WEIGHTS[country])
    locations = plan_locations(rng, city, today)
    title = clinic_title(rng, country, kind, locations[0].locality, titles)
    slug = slugify(f"{title} {city.name}")
    # The first pass over the cities keeps teams small so that every city has a clinic at
    # the default size; the first (Denver) clinic is the showcase, with room for four.
    team_size = 4 if index == 0 else rng.choice([2, 3, 3, 3] if index < 16 else [2, 3, 3, 4])
    insurers = dict(INSURANCE_PLANS)[country]
    insurance = [] if rng.random() < 0.1 else sorted(rng.sample(insurers, rng.randint(2, min(4, len(insurers)))))
    return ClinicPlan(
        index=index,
        city=city,
        kind=kind,
        title=title,
        slug=slug,
        description=clinic_description(rng, title, kind, city, locations),
        website=f"https://{slug}.example/",
        email=f"appointments@{slug}.example",
        phone=locations[0].phone,
        insurance=insurance,
        languages=[],
        locations=locations,
        colour=rng.choice(PALETTE),
        team_size=team_size,
    )


def clinic_title(rng, country, kind, locality, titles):
    """A name no other demo clinic has; preferably with a first word unused in the country."""
    for attempt in range(40):
        title = people.clinic_name(rng, country, kind)
        if title not in titles and (attempt >= 20 or (country, title.split()[0]) not in titles):
            break
    else:
        # Large demos run out of word pairs; clinics often add their neighbourhood.
        title = f"{title} {locality}"
        number = 2
        while title in titles:
            title, number = f"{title.rsplit(' #', 1)[0]} #{number}", number + 1
    titles.update([title, (country, title.split()[0])])
    return title


def plan_locations(rng, city, today):
    """One to three addresses; a Delhi clinic may have a branch in Gurugram or Noida."""
    count = rng.choices([1, 2, 3], weights=[55, 30, 15])[0]
    places = [(city, city.neighbourhoods[rng.randrange(len(city.neighbourhoods))])]
    metro = metro_cities(city)
    while len(places) < count:
        branch_city = rng.choice(metro) if len(metro) > 1 and rng.random() < 0.35 else city
        neighbourhood = rng.choice(branch_city.neighbourhoods)
        if all(neighbourhood is not taken for _, taken in places):
            places.append((branch_city, neighbourhood))
    locations = []
    for place_city, neighbourhood in places:
        home_visits = rng.random() < (0.5 if city.country == "IN" else 0.25)
        locations.append(
            LocationPlan(
                name=neighbourhood.locality if count > 1 else "",
                street_address=street_address(rng, place_city, neighbourhood),
                locality=neighbourhood.locality,
                city=place_city.name,
                postcode=neighbourhood.postcode,
                jurisdiction=place_city.jurisdiction,
                latitude=_jitter(rng, neighbourhood.latitude),
                longitude=_jitter(rng, neighbourhood.longitude),
                phone=fictional_phone(rng, place_city),
                home_visit_radius_km=rng.choice([5, 8, 10, 15]) if home_visits else None,
                telehealth=rng.random() < 0.35,
                accepting_new_patients=rng.random() < 0.85,
                accepting_confirmed_on=today - datetime.timedelta(days=rng.randint(0, 45)),
                hours=opening_hours(rng, city.country),
            )
        )
    return locations


def _jitter(rng, degrees):
    """A few hundred metres from the neighbourhood's centre, so clinics there do not overlap."""
    return f"{float(degrees) + rng.uniform(-0.004, 0.004):.6f}"


def opening_hours(rng, country):
    def t(text):
        return datetime.time.fromisoformat(text)

    if country == "IN":
        # Morning and evening sessions, six days a week, as many Indian clinics keep them.
        rows = [(day, t("09:00"), t("13:00")) for day in range(6)] + [(day, t("17:00"), t("21:00")) for day in range(6)]
        if rng.random() < 0.4:
            rows.append((6, t("10:00"), t("13:00")))
        return sorted(rows)
    opens, closes = rng.choice([("07:00", "19:00"), ("08:00", "18:00"), ("08:30", "17:30")])
    rows = [(day, t(opens), t(closes)) for day in range(5)]
    if rng.random() < 0.4:
        rows[3] = (3, t(opens), t("20:00"))
    if rng.random() < 0.5:
        rows.append((5, t("09:00"), t("13:00")))
    return rows


KIND_PHRASES = {
    "physio": "physiotherapy clinic",
    "multi": "multidisciplinary clinic where physiotherapists, chiropractors and acupuncturists work together",
    "chiro": "chiropractic clinic",
    "acupuncture": "acupuncture clinic",
    "rehab": "pain and rehabilitation clinic led by rehabilitation physicians",
}


def clinic_description(rng, title, kind, city, locations):
    kind_phrase = KIND_PHRASES[kind]
    if kind == "physio" and city.country == "US":
        kind_phrase = "physical therapy clinic"
    where = ", ".join(location.locality for location in locations)
    focus = rng.choice(
        [
            "Most patients come with back pain, sciatica or a sports injury.",
            "Assessments are unhurried, and every plan ends with exercises to do at home.",
            "The team sees office workers with neck and back pain, runners and older adults.",
            "Sessions combine hands-on treatment with a progressive exercise programme.",
        ]
    )
    return (
        f"<p>{title} is a {kind_phrase} in {city.name} ({where}). {focus}</p>"
        "<p><i>This is a fictional listing created for the InScope demo.</i></p>"
    )


def _clinic_languages(clinic):
    seen = []
    for practitioner in clinic.practitioners:
        for code in practitioner.languages:
            if code not in seen:
                seen.append(code)
    return seen or ["en"]


def assign_scenarios(clinics):
    """Map (clinic index, slot) to a scenario: city-bound ones first, the rest round-robin."""
    taken = {}
    for scenario, city_key in CITY_SCENARIOS:
        slot = next(
            (
                (clinic.index, slot)
                for clinic in clinics
                if clinic.city.key == city_key
                for slot in range(clinic.team_size)
                if (clinic.index, slot) not in taken
            ),
            None,
        )
        if slot is not None:
            taken[slot] = scenario
    free = [
        (clinic.index, slot)
        for slot in range(max((clinic.team_size for clinic in clinics), default=0))
        for clinic in clinics
        if slot < clinic.team_size and (clinic.index, slot) not in taken
    ]
    for scenario, slot in zip(ANY_SCENARIOS, free, strict=False):
        taken[slot] = scenario
    return taken


def plan_links(rng, clinics, today, numbers):
    """A few practitioners also practise at another clinic in their metro area.

    The first link across a jurisdiction line (Delhi to Gurugram) gets no licence there,
    so the demo shows 'no licence recorded' too; the others are licensed where they work.
    """
    from directory.demodata.practitioners import plan_licence

    by_metro = {}
    for clinic in clinics:
        if clinic.practitioners:
            by_metro.setdefault(clinic.city.metro, []).append(clinic)
    links, unlicensed_shown = 0, False
    for group in by_metro.values():
        pairs = list(zip(group, group[1:], strict=False))[:2]
        for home, other in pairs:
            if links >= MAX_LINKS:
                return
            practitioner = home.practitioners[-1]
            location_index = rng.randrange(len(other.locations))
            practitioner.also_at.append((other.index, location_index))
            links += 1
            jurisdiction = other.locations[location_index].jurisdiction
            if any(licence.jurisdiction == jurisdiction for licence in practitioner.licences):
                continue
            if not unlicensed_shown:
                unlicensed_shown = True
                continue
            primary = practitioner.licences[0]
            practitioner.licences.append(
                plan_licence(rng, jurisdiction, primary.profession, "", today, numbers, years=rng.randint(2, 8))
            )
