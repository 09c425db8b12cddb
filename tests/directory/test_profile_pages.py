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


def test_a_profile_shows_its_reviews_the_histogram_responses_and_testimonials_apart(client):
    from reviews.models import Testimonial as SavedTestimonial
    from tests.reviews.builders import make_response, make_review

    clinic = make_clinic("Mile High Physio")
    practitioner = make_practitioner(clinic, "Maya Ortiz")
    review = make_review(practitioner, rating=5, title="Careful and kind", email="a@example.net")
    make_response(review, status="approved", body="Thank you for the kind words.")
    make_review(practitioner, rating=3, title="Long wait", email="b@example.net")
    make_review(practitioner, rating=1, title="Not yet moderated", status="pending", email="c@example.net")
    SavedTestimonial.objects.create(
        clinic=clinic,
        practitioner=practitioner,
        quote="Booking was simple.",
        display_name="Lee",
        consent_obtained_on="2026-01-01",
        consent_method="email",
    )

    html = client.get(practitioner.url).content.decode()
    header = html[html.index("<h1>") : html.index('class="two-col"')]
    assert 'href="#reviews"' in header and "4.0" in header and "(2 reviews)" in header
    reviews = html[html.index('id="reviews"') :]
    assert "<caption>How patients rated Maya Ortiz</caption>" in reviews
    assert "Careful and kind" in reviews and "Thank you for the kind words." in reviews
    assert "Not yet moderated" not in html
    assert f'href="/reviews/write/{practitioner.pk}/"' in reviews and f'href="/reviews/{review.pk}/report/"' in reviews
    # Testimonials come after every review, under their own label.
    assert reviews.index("Testimonials selected by the clinic") > reviews.index("Long wait")
    assert "not counted in the rating" in reviews


def test_the_clinic_page_shows_reviews_of_the_clinic_and_each_practitioners_rating(client):
    from tests.reviews.builders import make_review

    clinic = make_clinic("Riverside Physio")
    maya = make_practitioner(clinic, "Maya Ortiz")
    make_review(clinic, rating=4, title="Friendly front desk")
    make_review(maya, rating=2, title="About Maya only", email="m@example.net")

    html = client.get(clinic.url).content.decode()
    assert "Friendly front desk" in html and "About Maya only" not in html
    assert "reviews of the clinic itself" in html
    card = html[html.index('id="practitioners"') : html.index('id="reviews"')]
    assert "Maya Ortiz" in card and "2.0" in card and "(1 review)" in card


def test_the_json_ld_has_the_rating_and_the_newest_published_reviews_as_the_page_shows_them(client):
    import html as html_module

    from django.utils import timezone

    from tests.reviews.builders import make_review

    practitioner = make_practitioner(make_clinic(), "Maya Ortiz")
    now = timezone.now()
    for n, rating in enumerate([5, 4, 2, 5]):
        make_review(
            practitioner,
            rating=rating,
            title=f"Review {n} <b>&</b>",
            display_name=f"Reviewer {n}",
            email=f"secret{n}@example.net",
            confirmed_at=now - datetime.timedelta(days=10 - n),
        )
    make_review(practitioner, title="Waiting", status="pending", email="w@example.net")
    make_review(practitioner, title="Hidden", email="h@example.net", hidden_at=now)

    html = client.get(practitioner.url).content.decode()
    data = json_ld(html)[0]
    assert data["aggregateRating"]["ratingValue"] == "4.00" and data["aggregateRating"]["ratingCount"] == 5
    assert "4.0 out of 5</strong>, from 5 published reviews" in html  # the hidden one still counts
    assert [item["name"] for item in data["review"]] == ["Review 3 <b>&</b>", "Review 2 <b>&</b>", "Review 1 <b>&</b>"]
    first = data["review"][0]
    assert first["reviewRating"]["ratingValue"] == 5 and first["author"] == {"@type": "Person", "name": "Reviewer 3"}
    assert first["datePublished"] == (now - datetime.timedelta(days=7)).date().isoformat()
    page_text = html_module.unescape(html[html.index('id="reviews"') :])
    for item in data["review"]:
        assert item["name"] in page_text and item["author"]["name"] in page_text
        assert item["reviewBody"].split(".")[0] in page_text
    ld_source = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "@example.net" not in ld_source and "<b>" not in ld_source  # escaped inside the script


def test_the_clinic_json_ld_has_reviews_of_the_clinic_only_and_none_without_a_rating(client):
    from tests.reviews.builders import make_review

    clinic = make_clinic("Riverside Physio")
    practitioner = make_practitioner(clinic)
    assert "review" not in json_ld(client.get(clinic.url).content.decode())[0]
    make_review(clinic, rating=4, title="Friendly front desk")
    make_review(practitioner, rating=1, title="About the practitioner", email="p@example.net")
    data = json_ld(client.get(clinic.url).content.decode())[0]
    assert data["aggregateRating"]["ratingCount"] == 1
    assert [item["name"] for item in data["review"]] == ["Friendly front desk"]


def test_the_clinic_page_offers_its_owners_a_discreet_claim_link_that_fills_in_the_claim(client):
    from urllib.parse import quote

    clinic = make_clinic("Riverside Physio")
    html = client.get(clinic.url).content.decode()
    link = f"/list-your-clinic/?listing={quote(clinic.get_full_url(), safe='')}"
    assert f'Is this your clinic? <a href="{link}" rel="nofollow">Claim this listing</a>' in html

    form = client.get(link).context["form"]
    assert form.initial == {"listing": clinic.get_full_url(), "claim": True}


@pytest.mark.parametrize("kind", ["photo", "logo"])
def test_a_photo_whose_file_has_gone_leaves_the_page_up_without_it(client, kind):
    """A database restored without its media folder must not take profiles down."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 40), "teal").save(buffer, "PNG")
    image = get_image_model().objects.create(title="Lost", file=ImageFile(buffer, name="lost.png"))
    clinic = make_clinic("Lost Photo Physio")
    practitioner = make_practitioner(clinic, "Noor Haddad")
    page = practitioner if kind == "photo" else clinic
    setattr(page, kind, image)
    page.save_revision().publish()
    image.file.storage.delete(image.file.name)

    response = client.get(page.url)

    assert response.status_code == 200
    assert "Noor Haddad" in response.content.decode()
