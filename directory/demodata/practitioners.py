"""One demo practitioner's career: profession, what they offer, training, licences and fees.

A scenario (see plan.SCENARIOS) fixes whatever it needs to show, such as a Colorado
physiotherapist with 27 hours of dry needling training; everything else is drawn
from the practitioner's own random stream.
"""

import datetime

from django.utils.text import slugify

from directory.demodata import credentials, people
from directory.demodata.plan import PALETTE, LicencePlan, PractitionerPlan, weighted
from directory.money import COUNTRY_CURRENCIES
from directory.referencedata.vocabulary import CONDITIONS

DAY = datetime.timedelta(days=1)
# Certified dry needling hours a scenario needs; others draw from DRY_NEEDLING_HOURS.
SCENARIO_HOURS = {"well_above": 135, "too_few_hours": 27, "too_few_years": 54, "issue_date_unknown": 54}
DRY_NEEDLING_HOURS = [27, 54, 54, 81]
EXTRA_PHYSIO_TECHNIQUES = [
    "McKenzie method",
    "Kinesiology taping",
    "Soft tissue massage",
    "Instrument-assisted soft tissue mobilisation",
    "Shockwave therapy",
    "Cupping",
]
OTHER_CONDITIONS = [name for name, _, _ in CONDITIONS if name != "Sciatica"]
GENDERS = {"female": 48, "male": 46, "non_binary": 2, "undisclosed": 4}
PROFESSION_WORDS = {"Physiotherapist": "physiotherapist", "Physiatrist": "rehabilitation physician (physiatrist)"}
LANGUAGE_NAMES = {
    "en": "English",
    "hi": "Hindi",
    "mr": "Marathi",
    "pa": "Punjabi",
    "bn": "Bengali",
    "ta": "Tamil",
    "te": "Telugu",
    "kn": "Kannada",
    "ml": "Malayalam",
    "gu": "Gujarati",
    "ur": "Urdu",
    "es": "Spanish",
    "fr": "French",
    "zh": "Chinese",
    "ar": "Arabic",
    "vi": "Vietnamese",
    "ko": "Korean",
    "tl": "Tagalog",
    "pt": "Portuguese",
    "el": "Greek",
    "it": "Italian",
    "pl": "Polish",
}


def plan_practitioner(rng, clinic, slot, scenario, today, names, numbers):
    city, country = clinic.city, clinic.country
    pool = people.POOLS[weighted(rng, dict(people.CITY_POOLS[city.key]))]
    gender = weighted(rng, GENDERS)
    name = _unique_name(rng, pool, gender, names, {p.slug for p in clinic.practitioners})

    profession = "Physiotherapist" if scenario else _profession(rng, clinic)
    # A physiatrist is a physician: the medical board licenses them as one.
    licensed_as = "Physician" if profession == "Physiatrist" else profession
    professions = [profession] + (["Physician"] if profession == "Physiatrist" else [])
    techniques = _techniques(rng, profession, country, wants_dry_needling=bool(scenario))
    conditions = _conditions(rng, techniques, scenario)
    languages = _languages(rng, pool, city)

    locations = _practice_locations(rng, clinic, slot)
    jurisdictions = []
    for index, _ in locations:
        if clinic.locations[index].jurisdiction not in jurisdictions:
            jurisdictions.append(clinic.locations[index].jurisdiction)
    licences = [plan_licence(rng, jurisdictions[0], licensed_as, scenario, today, numbers)]
    licences += [plan_licence(rng, code, licensed_as, "", today, numbers) for code in jurisdictions[1:]]
    started = licences[0].issued_on or today - 6 * 365 * DAY
    years = max(1, (today - started).days // 365)

    return PractitionerPlan(
        title=f"Dr {name}" if profession in people.DOCTOR_TITLED else name,
        slug=slugify(name),
        post_nominals=rng.choice(people.POST_NOMINALS.get((country, profession), [""])),
        gender=gender,
        bio=_bio(rng, name, profession, city, years, conditions, techniques, languages),
        languages=languages,
        professions=professions,
        techniques=techniques,
        conditions=conditions,
        accepting_new_patients=scenario != "suspended" and rng.random() < 0.8,
        locations=locations,
        fees=_fees(rng, clinic, locations),
        certifications=_certifications(rng, techniques, profession, country, scenario, started, today),
        licences=licences,
        colour=rng.choice(PALETTE),
        scenario=scenario,
    )


def _unique_name(rng, pool, gender, names, sibling_slugs):
    """A name new to the demo if one can be found; big demos share names, never within a clinic."""
    for _ in range(20):
        name = people.full_name(rng, pool, gender)
        if name not in names:
            break
    while slugify(name) in sibling_slugs:
        name = people.full_name(rng, pool, gender)
    names.add(name)
    return name


def _profession(rng, clinic):
    weights = people.KIND_PROFESSIONS[clinic.kind]
    allowed = people.COUNTRY_PROFESSIONS.get(clinic.country)
    if allowed:
        weights = {name: weight for name, weight in weights.items() if name in allowed} or {"Physiotherapist": 1}
    return weighted(rng, weights)


def _techniques(rng, profession, country, *, wants_dry_needling):
    chance = {"Physiotherapist": 0.75, "Physiatrist": 0.7, "Physician": 0.4, "Chiropractor": 0.35}
    dry_needling = wants_dry_needling or rng.random() < chance.get(profession, 0.3)
    if profession == "Physiotherapist":
        chosen = ["Manual therapy", "Exercise therapy"] + rng.sample(EXTRA_PHYSIO_TECHNIQUES, rng.randint(1, 3))
        if country == "GB" and rng.random() < 0.3:
            chosen.append("Acupuncture")
    elif profession == "Chiropractor":
        chosen = ["Spinal manipulation", "Manual therapy", "Soft tissue massage"]
        chosen += rng.sample(
            ["Instrument-assisted soft tissue mobilisation", "Kinesiology taping", "Exercise therapy"], 1
        )
    elif profession == "Acupuncturist":
        chosen = ["Acupuncture"] + [name for name in ("Electro-acupuncture", "Cupping") if rng.random() < 0.5]
    elif profession == "Physician":
        chosen = ["Acupuncture", "Exercise therapy"] if rng.random() < 0.5 else ["Exercise therapy"]
    else:  # Physiatrist
        chosen = ["Exercise therapy", "Shockwave therapy"]
    if dry_needling:
        chosen.append("Dry needling")
        if rng.random() < 0.6:
            chosen.append(rng.choice(credentials.DRY_NEEDLING_METHODS[country]))
    return sorted(set(chosen))


def _conditions(rng, techniques, scenario):
    """Sciatica is the demo's headline condition: most people who needle or mobilise treat it."""
    hands_on = {"Dry needling", "Manual therapy", "Spinal manipulation", "Acupuncture"} & set(techniques)
    chosen = rng.sample(OTHER_CONDITIONS, rng.randint(2, 4))
    if scenario or (hands_on and rng.random() < 0.8):
        chosen.insert(0, "Sciatica")
    return chosen


def _languages(rng, pool, city):
    chosen = ["en"]
    for position, code in enumerate(pool.languages):
        if code in city.languages and rng.random() < (0.8 if position == 0 else 0.3):
            chosen.append(code)
    if city.country == "IN" and city.languages[0] not in chosen and rng.random() < 0.6:
        chosen.append(city.languages[0])
    if rng.random() < 0.15:
        extra = rng.choice(city.languages)
        if extra not in chosen:
            chosen.append(extra)
    return chosen


def _practice_locations(rng, clinic, slot):
    """Everyone works at one of the clinic's addresses; some split their week with a second."""
    count = len(clinic.locations)
    primary = slot % count
    if count == 1 or rng.random() < 0.7:
        return [(primary, "")]
    second = rng.choice([index for index in range(count) if index != primary])
    return [(primary, "Mondays, Wednesdays and Fridays"), (second, "Tuesdays and Thursdays")]


def plan_licence(rng, jurisdiction, profession, scenario, today, numbers, years=None):
    """A licence with the status, dates and verification its scenario needs."""
    years = years or rng.randint(3, 22)
    issued_on = today - (years * 365 + rng.randint(0, 300)) * DAY
    expires_on = today + rng.randint(60, 720) * DAY
    status, verification = "active", "verified" if rng.random() < 0.9 else "unverified"
    if scenario == "well_above":
        issued_on = today - (11 * 365 + rng.randint(0, 300)) * DAY
    elif scenario == "too_few_years":
        issued_on = today - rng.randint(400, 650) * DAY
    elif scenario == "issue_date_unknown":
        issued_on = None
    elif scenario in ("suspended", "probation"):
        status = scenario
    elif scenario == "expired":
        status, expires_on = "expired", today - rng.randint(30, 400) * DAY
    elif scenario == "lapsed":
        expires_on = today - rng.randint(5, 60) * DAY
    if scenario:
        # A moderator checked the register and saw the status; only these two stay unconfirmed.
        verification = scenario if scenario in ("rejected", "unverified") else "verified"
    number = credentials.licence_number(rng, jurisdiction, profession, issued_on and issued_on.year)
    while (jurisdiction, profession, number) in numbers:
        number = credentials.licence_number(rng, jurisdiction, profession, issued_on and issued_on.year)
    numbers.add((jurisdiction, profession, number))
    return LicencePlan(jurisdiction, profession, number, status, issued_on, expires_on, verification)


def _certifications(rng, techniques, profession, country, scenario, started, today):
    """Courses taken after qualifying, in order, each completed on a past date."""
    courses = []
    if "Dry needling" in techniques:
        hours = SCENARIO_HOURS.get(scenario) or rng.choice(DRY_NEEDLING_HOURS)
        courses += credentials.dry_needling_courses(country, hours)
    if "Acupuncture" in techniques:
        if country == "GB":
            courses.append(
                ("Acupuncture", "Acupuncture Association of Chartered Physiotherapists", "AACP Foundation", 80)
            )
        elif (country, profession) in credentials.ACUPUNCTURE_TRAINING:
            provider, title, hours = credentials.ACUPUNCTURE_TRAINING[(country, profession)]
            courses.insert(0, ("Acupuncture", provider, title, hours))
    for technique, (provider, title, hours) in credentials.OTHER_COURSES.items():
        if technique in techniques and rng.random() < 0.4:
            courses.append((technique, provider, title, hours))
    span = max(60, (today - started).days - 60)
    dates = sorted(today - rng.randint(30, span) * DAY for _ in courses)  # Level 1 before level 2.
    return [
        (technique, title, provider, hours, when)
        for (technique, provider, title, hours), when in zip(courses, dates, strict=True)
    ]


def _fees(rng, clinic, locations):
    currency = COUNTRY_CURRENCIES[clinic.country]
    services = ["Initial assessment", "Follow-up session"]
    used = [clinic.locations[index] for index, _ in locations]
    if any(location.home_visit_radius_km for location in used) and rng.random() < 0.8:
        services.append("Home visit")
    if any(location.telehealth for location in used) and rng.random() < 0.8:
        services.append("Telehealth consultation")
    amounts = {service: credentials.fee_amount(rng, currency, service) for service in services}
    # A follow-up never costs more than the first assessment.
    amounts["Follow-up session"] = min(amounts["Follow-up session"], amounts["Initial assessment"])
    return [(service, amounts[service], currency, credentials.FEE_DURATIONS[service]) for service in services]


def _bio(rng, name, profession, city, years, conditions, techniques, languages):
    word = PROFESSION_WORDS.get(profession, profession.lower())
    if profession == "Physiotherapist" and city.country == "US":
        word = "physical therapist"
    first = name.split()[0]
    interest = ", ".join(condition.lower() for condition in conditions[:2])
    method = rng.choice([t for t in techniques if t not in ("Exercise therapy",)] or techniques).lower()
    spoken = [LANGUAGE_NAMES[code] for code in languages]
    spoken_text = spoken[0] if len(spoken) == 1 else ", ".join(spoken[:-1]) + " and " + spoken[-1]
    opening = rng.choice(
        [
            f"{first} is a {word} who has practised in {city.name} for {years} years.",
            f"{first} has worked as a {word} for {years} years, the last few in {city.name}.",
        ]
    )
    return (
        f"<p>{opening} Special interests: {interest}, often treated with {method} alongside exercise.</p>"
        f"<p>Consults in {spoken_text}.</p>"
    )
