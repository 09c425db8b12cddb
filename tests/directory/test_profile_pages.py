"""The practitioner profile and the clinic pages, as a patient reads them."""

import datetime
import json
import re
from decimal import Decimal

import pytest

from directory.models import ClinicLocation, Licence
from reviews.models import RatingSummary
from tests.factories import make_clinic, make_licence, make_location, make_practitioner

pytestmark = pytest.mark.django_db

BOULDER = (Decimal("40.014986"), Decimal("-105.270546"))


def json_ld(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_a_profile_shows_professions_licences_with_verification_date_and_the_scope_line(client):
    clinic = make_clinic("Mile High Physio")
    practitioner = make_practitioner(clinic, "Maya Ortiz", post_nominals="PT, DPT")
    licence = make_licence(practitioner, number="PT-12345")
    pending = make_licence(practitioner, number="PT-99999", verified=False, jurisdiction="US-TX")

    html = client.get(practitioner.url).content.decode()

    assert "Maya Ortiz, PT, DPT" in html
    assert "Physiotherapist" in html
    assert "PT-12345" in html and "Colorado" in html
    assert f"Verified on {licence.verified_at:%-d %b %Y}" in html
    assert pending.number in html and "Not yet verified" in html
    # The scope line, as the brief words it: verdict, place, licence, hours, minimum.
    assert (
        "Dry needling: within scope in Colorado — active verified physiotherapist licence, 54 h certified training"
        in html
    )


def test_a_profile_explains_why_a_technique_is_not_within_scope(client):
    clinic = make_clinic()
    practitioner = make_practitioner(clinic, certifications=(("Dry needling", 10),))
    make_licence(practitioner)
    html = client.get(practitioner.url).content.decode()
    assert "Dry needling: not within scope in Colorado — 10 h certified training; state minimum" in html
    assert "Not within scope" in html


def test_a_profile_without_a_licence_where_they_practise_says_so(client):
    practitioner = make_practitioner(make_clinic())
    html = client.get(practitioner.url).content.decode()
    assert "no licence recorded in Colorado" in html


def test_a_profile_shows_each_location_with_hours_fees_in_their_currency_languages_and_insurance(client):
    clinic = make_clinic("Front Range Rehab")
    second = make_location(clinic, city="Boulder", coords=BOULDER, street_address="1100 Pearl St", hours=False)
    practitioner = make_practitioner(
        clinic,
        locations=[clinic.locations.first(), second],
        fees=(("Initial assessment", "150000.00", "INR"), ("Follow-up", "90.50", "USD")),
    )
    html = client.get(practitioner.url).content.decode()
    assert "1550 Larimer St" in html and "1100 Pearl St" in html
    assert "Monday" in html and "09:00–17:00" in html
    assert "Opening hours not listed" in html  # the Boulder location has none
    assert "₹1,50,000" in html and "$90.50" in html
    places = json.loads(re.search(r'id="practice-map-data">(.*?)</script>', html, re.S).group(1))
    assert {place["address"].split(",")[0] for place in places} == {"1550 Larimer St", "1100 Pearl St"}
    assert "view on OpenStreetMap" in html  # the map's list of places works without JavaScript


def test_a_profile_has_physician_or_medical_business_json_ld_with_a_rating_only_when_rated(client):
    practitioner = make_practitioner(make_clinic())
    data = json_ld(client.get(practitioner.url).content.decode())
    assert data[0]["@type"] == "MedicalBusiness"
    assert "aggregateRating" not in data[0]

    doctor = make_practitioner(make_clinic(), professions=("Physician",))
    summary = RatingSummary(page=doctor)
    summary.set_counts({5: 3, 4: 1})
    summary.save()
    data = json_ld(client.get(doctor.url).content.decode())
    assert data[0]["@type"] == "Physician"
    assert data[0]["aggregateRating"]["ratingValue"] == "4.75"
    assert data[0]["aggregateRating"]["ratingCount"] == 4


def test_a_profile_has_canonical_and_open_graph_tags(client):
    practitioner = make_practitioner(make_clinic(), "Lena Fischer")
    response = client.get(practitioner.url + "?utm_source=test")
    html = response.content.decode()
    assert re.search(r'<link rel="canonical" href="http://[^"]+/lena-fischer/">', html)
    assert '<meta property="og:title" content="Lena Fischer">' in html
    assert '<meta property="og:type" content="profile">' in html
    assert 'property="og:image"' in html or practitioner.photo is None


def test_a_practitioner_not_taking_new_patients_has_no_request_form(client):
    practitioner = make_practitioner(make_clinic(), accepting_new_patients=False)
    html = client.get(practitioner.url).content.decode()
    assert "Not accepting new patients" in html
    assert 'name="consent_to_contact"' not in html


def test_the_clinic_page_lists_locations_practitioners_services_and_json_ld(client):
    clinic = make_clinic("Riverside Physio", phone="+1 303 555 0100")
    make_location(clinic, city="Boulder", coords=BOULDER, street_address="1100 Pearl St")
    maya = make_practitioner(clinic, "Maya Ortiz", techniques=("Dry needling", "Manual therapy"))
    hidden = make_practitioner(clinic, "Draft Person", publish=False, live=False)
    html = client.get(clinic.url).content.decode()
    assert "Riverside Physio" in html
    assert "1550 Larimer St" in html and "1100 Pearl St" in html
    assert maya.title in html and hidden.title not in html
    assert "Dry needling" in html and "Manual therapy" in html and "Sciatica" in html
    data = json_ld(html)[0]
    assert data["@type"] == "MedicalClinic"
    assert len(data["address"]) == 2
    assert data["telephone"] == "+1 303 555 0100"
    assert {spec["dayOfWeek"] for spec in data["openingHoursSpecification"]} >= {"https://schema.org/Monday"}
    assert "{% block reviews %}" not in html


def test_the_clinic_page_lists_a_visiting_practitioner_from_another_clinic(client):
    home_clinic = make_clinic("Home Base")
    host = make_clinic("Host Clinic", location=make_location(city="Boulder", coords=BOULDER))
    visitor = make_practitioner(home_clinic, "Visiting Vera", locations=[host.locations.first()])
    assert visitor.title in client.get(host.url).content.decode()


def test_the_clinic_index_lists_live_clinics_a_page_at_a_time(client):
    make_clinic("Alpha Clinic")
    make_clinic("Beta Clinic")
    make_clinic("Hidden Clinic", publish=False)
    from directory.models import ClinicIndexPage

    index = ClinicIndexPage.objects.get()
    html = client.get(index.url).content.decode()
    assert "Alpha Clinic" in html and "Beta Clinic" in html and "Hidden Clinic" not in html

    ClinicIndexPage.clinics_per_page = 1
    try:
        first = client.get(index.url).content.decode()
        second = client.get(index.url + "?page=2").content.decode()
        nonsense = client.get(index.url + "?page=abc")
    finally:
        ClinicIndexPage.clinics_per_page = 24
    assert "Alpha Clinic" in first and "Beta Clinic" not in first
    assert "Beta Clinic" in second and 'aria-current="page"' in second
    assert nonsense.status_code == 200


def test_an_expired_licence_is_shown_as_such_and_is_not_in_scope(client):
    practitioner = make_practitioner(make_clinic())
    make_licence(
        practitioner,
        status=Licence.Status.EXPIRED,
        issued_on=datetime.date(2010, 1, 1),
        expires_on=datetime.date(2020, 1, 1),
    )
    html = client.get(practitioner.url).content.decode()
    assert "Expired" in html
    assert "not within scope in Colorado" in html
    assert ClinicLocation.objects.count() == 1
