"""Pages cost a bounded number of SQL queries, however many licences, locations,
certifications, fees, practitioners or reviews a listing has: each test renders the same
page at two sizes and asserts the same bound (and, in fact, the same count)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Certification, Fee, PractitionerLocation, Technique
from reviews.models import Testimonial as SavedTestimonial  # "Test..." would be collected by pytest
from tests.factories import make_clinic, make_licence, make_location, make_practitioner
from tests.reviews.builders import make_response, make_review

pytestmark = pytest.mark.django_db

PROFILE_BOUND = 40
CLINIC_BOUND = 40
# (jurisdiction, city) pairs with dry-needling rules of different kinds
PLACES = [
    ("US-CO", "Denver"),
    ("US-TX", "Austin"),
    ("US-CA", "Los Angeles"),
    ("US-NY", "New York"),
    ("US-FL", "Miami"),
    ("US-GA", "Atlanta"),
    ("US-VA", "Richmond"),
    ("US-NC", "Raleigh"),
]


def profile_of_size(n):
    clinic = make_clinic()
    locations = [clinic.locations.first()] + [
        make_location(clinic, jurisdiction=code, city=city, coords=(Decimal("30") + i, Decimal("-90") - i))
        for i, (code, city) in enumerate(PLACES[1:n], start=1)
    ]
    practitioner = make_practitioner(
        clinic,
        techniques=("Dry needling", "Trigger point dry needling", "Acupuncture", "Manual therapy")[: max(1, n // 2)],
        locations=locations,
    )
    for code, _ in PLACES[:n]:
        make_licence(practitioner, jurisdiction=code)
    technique = Technique.objects.get(name="Dry needling")
    for i in range(n):
        Certification.objects.create(
            practitioner=practitioner,
            technique=technique,
            title=f"Course {i}",
            provider="Institute",
            hours=10,
            completed_on=datetime.date(2020, 1, 1),
        )
        Fee.objects.create(practitioner=practitioner, service=f"Service {i}", amount=Decimal("50"), currency="USD")
    return practitioner


def queries_to_render(client, url):
    client.get(url)  # warm Wagtail's site and rendition caches, as a running server has them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_a_profile_costs_the_same_queries_with_two_or_eight_of_everything(client, django_assert_max_num_queries):
    # (With a single location the request form hides its location choice and saves one query.)
    small, large = profile_of_size(2), profile_of_size(8)
    assert large.licences.count() == 8 and PractitionerLocation.objects.filter(practitioner=large).count() == 8

    with django_assert_max_num_queries(PROFILE_BOUND):
        client.get(small.url)
    with django_assert_max_num_queries(PROFILE_BOUND):
        client.get(large.url)
    assert queries_to_render(client, small.url) == queries_to_render(client, large.url)


def test_a_clinic_page_costs_the_same_queries_with_one_or_eight_practitioners(client, django_assert_max_num_queries):
    small_clinic, large_clinic = make_clinic(), make_clinic()
    make_location(small_clinic, street_address="1 Main St")  # two locations: the request form offers a choice
    make_practitioner(small_clinic)
    for i in range(8):
        make_location(large_clinic, street_address=f"{i} Main St")
        make_practitioner(large_clinic, techniques=("Dry needling", "Acupuncture"))

    with django_assert_max_num_queries(CLINIC_BOUND):
        client.get(small_clinic.url)
    with django_assert_max_num_queries(CLINIC_BOUND):
        client.get(large_clinic.url)
    assert queries_to_render(client, small_clinic.url) == queries_to_render(client, large_clinic.url)


def test_the_clinic_index_costs_the_same_queries_with_two_or_ten_clinics(client):
    from directory.models import ClinicIndexPage

    index = ClinicIndexPage.objects.get()
    for _ in range(2):
        make_clinic()
    few = queries_to_render(client, index.url)
    for i in range(8):
        clinic = make_clinic()
        make_location(clinic, street_address=f"{i} Side St")
    assert queries_to_render(client, index.url) == few


def reviewed(page, n, *, clinic):
    """`n` approved reviews of `page`, each with a published clinic response, and `n` testimonials."""
    for i in range(n):
        review = make_review(page, rating=1 + i % 5, email=f"patient{page.pk}-{i}@example.net", verified_visit=i % 2)
        make_response(review, status="approved", body=f"Thank you for telling us ({i}).")
        SavedTestimonial.objects.create(
            clinic=clinic,
            practitioner=None if page == clinic else page,
            quote=f"Quote {i}",
            display_name=f"Patient {i}",
            consent_obtained_on="2026-01-01",
            consent_method="email",
        )
    return page


def test_a_profile_costs_the_same_queries_with_two_or_twenty_five_reviews(client):
    small_clinic, large_clinic = make_clinic(), make_clinic()
    small = reviewed(make_practitioner(small_clinic), 2, clinic=small_clinic)
    large = reviewed(make_practitioner(large_clinic), 25, clinic=large_clinic)
    assert "Response from the clinic" in client.get(large.url).content.decode()
    assert queries_to_render(client, small.url) == queries_to_render(client, large.url) <= PROFILE_BOUND


def test_a_clinic_page_costs_the_same_queries_with_two_or_twenty_five_reviews_of_it_and_its_team(client):
    pages = []
    for n in (2, 25):
        clinic = make_clinic()
        reviewed(clinic, n, clinic=clinic)
        for _ in range(1 if n == 2 else 4):
            reviewed(make_practitioner(clinic), n, clinic=clinic)
        pages.append(clinic)
    small, large = pages
    html = client.get(large.url).content.decode()
    assert "Testimonials selected by the clinic" in html and "out of 5" in html
    assert queries_to_render(client, small.url) == queries_to_render(client, large.url) <= CLINIC_BOUND
