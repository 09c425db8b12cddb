"""A small, fixed directory every backend is tested on: Denver, Boulder, San Francisco, Gurugram.

Who is who (distances from downtown Denver):
- Dana Whitfield: physiotherapist at Mile High Physio, downtown Denver; dry needling for
  sciatica, verified Colorado licence, 60 h training: in scope. Spanish, female, 4.8★ (10).
- Marco Ruiz: the same profile at Boulder Spine Care, ~39 km away: in scope, but far.
- Lee Park: physiotherapist at Mile High Physio treating sciatica with manual therapy only.
- Sam Okafor: dry needling at Mile High Physio (Colorado licence: in scope) and at Bay
  Needling in San Francisco (California licence; California prohibits it for PTs).
- Jo Unverified: dry needling in Denver with an unverified licence: scope unknown.
- Ravi Acharya: acupuncturist at Denver Acupuncture Collective (Lakewood, ~8.6 km),
  home visits, male, Hindi, 3.5★ (4).
- Priya Sharma: IMS for sciatica at Gurugram Physio Centre, Sector 29, Gurugram; fees in INR.
- Hidden Draft: never published.
"""

import datetime
from decimal import Decimal

from directory.models import InsurancePlan, Language
from reviews.models import RatingSummary
from tests.factories import make_clinic, make_licence, make_location, make_practitioner

DENVER = (Decimal("39.739200"), Decimal("-104.990300"))
CHERRY_CREEK = (Decimal("39.717000"), Decimal("-104.953000"))
BOULDER = (Decimal("40.015000"), Decimal("-105.270500"))
LAKEWOOD = (Decimal("39.704700"), Decimal("-105.081400"))
SAN_FRANCISCO = (Decimal("37.774900"), Decimal("-122.419400"))
GURUGRAM = (Decimal("28.459500"), Decimal("77.026600"))


def rate(page, average, count):
    summary = RatingSummary(page=page)
    stars = round(average)
    summary.set_counts({stars: count})
    summary.average = Decimal(str(average))
    summary.save()


def build():
    """Create the dataset; returns {short name: page}."""
    aetna = InsurancePlan.objects.get(slug="aetna-us")
    spanish, hindi = Language.objects.get(code="es"), Language.objects.get(code="hi")

    mile_high = make_clinic(
        "Mile High Physio",
        location=make_location(city="Denver", coords=DENVER, locality="Union Station", telehealth=True),
    )
    mile_high.insurance_plans.add(aetna)
    mile_high.save_revision().publish()
    cherry = make_location(mile_high, city="Denver", coords=CHERRY_CREEK, locality="Cherry Creek", name="Cherry Creek")
    boulder = make_clinic("Boulder Spine Care", location=make_location(city="Boulder", coords=BOULDER))
    bay = make_clinic(
        "Bay Needling",
        location=make_location(jurisdiction="US-CA", city="San Francisco", coords=SAN_FRANCISCO, locality="Mission"),
    )
    acupuncture = make_clinic(
        "Denver Acupuncture Collective",
        location=make_location(
            city="Lakewood", coords=LAKEWOOD, home_visits=True, home_visit_radius_km=15, accepting_new_patients=False
        ),
    )
    gurugram = make_clinic(
        "Gurugram Physio Centre",
        location=make_location(
            jurisdiction="IN-HR", city="Gurugram", coords=GURUGRAM, locality="Sector 29", postcode="122001"
        ),
    )
    dn = (("Dry needling", 60),)
    pages = {"mile_high": mile_high, "boulder": boulder, "bay": bay, "acupuncture": acupuncture, "gurugram": gurugram}
    pages["dana"] = make_practitioner(
        mile_high,
        "Dana Whitfield",
        post_nominals="PT, DPT",
        bio="<p>Dry needling and exercise for sciatica and low back pain.</p>",
        gender="female",
        certifications=dn,
    )
    pages["marco"] = make_practitioner(
        boulder, "Marco Ruiz", bio="<p>Dry needling for sciatica.</p>", gender="male", certifications=dn
    )
    pages["lee"] = make_practitioner(
        mile_high,
        "Lee Park",
        techniques=("Manual therapy",),
        certifications=(),
        bio="<p>Hands-on care for sciatica.</p>",
        fees=(("Initial assessment", "90.00", "USD"),),
    )
    pages["sam"] = make_practitioner(
        mile_high,
        "Sam Okafor",
        locations=[mile_high.locations.first(), bay.locations.first()],
        certifications=dn,
        fees=(("Initial assessment", "200.00", "USD"),),
    )
    pages["jo"] = make_practitioner(mile_high, "Jo Unverified", locations=[cherry], certifications=dn)
    pages["ravi"] = make_practitioner(
        acupuncture,
        "Ravi Acharya",
        professions=("Acupuncturist",),
        techniques=("Acupuncture",),
        conditions=("Low back pain",),
        certifications=(),
        gender="male",
        fees=(("Session", "85.00", "USD"),),
    )
    pages["priya"] = make_practitioner(
        gurugram,
        "Priya Sharma",
        techniques=("Intramuscular stimulation",),
        certifications=(("Intramuscular stimulation", 80),),
        gender="female",
        fees=(("Consultation", "1500.00", "INR"),),
    )
    pages["hidden"] = make_practitioner(mile_high, "Hidden Draft", publish=False)
    # make_practitioner(publish=False) leaves the new page live (add_child's default); a draft is not.
    pages["hidden"].live = False
    pages["hidden"].save(update_fields=["live"])

    for page, language in ((pages["dana"], spanish), (pages["ravi"], hindi), (pages["priya"], hindi)):
        page.languages.add(language)
        page.save_revision().publish()

    issued = datetime.date(2015, 6, 1)
    for name in ("dana", "marco", "lee", "sam"):
        make_licence(pages[name], issued_on=issued)
    make_licence(pages["sam"], jurisdiction="US-CA", issued_on=issued)
    make_licence(pages["jo"], verified=False, issued_on=issued)
    make_licence(pages["ravi"], profession="Acupuncturist", issued_on=issued)
    make_licence(pages["priya"], jurisdiction="IN-HR", number="HR-PT-1001", issued_on=issued)

    rate(pages["dana"], 4.8, 10)
    rate(pages["ravi"], 3.5, 4)
    rate(pages["mile_high"], 4.0, 3)
    for page in pages.values():
        page.refresh_from_db()
    return pages
