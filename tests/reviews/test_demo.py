"""The demo reviews: deterministic, idempotent, careful, and something for each role to see."""

import io

import pytest
from django.core.management import call_command

from reviews import demodata
from reviews.findings import response_disclosures
from reviews.models import RatingSummary, Review, ReviewReport, ReviewResponse
from reviews.models import Testimonial as SavedTestimonial
from tests.factories import make_clinic, make_location, make_practitioner

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    clinics = [make_clinic(f"Demo Clinic {n}") for n in range(3)]
    sydney = make_clinic(
        "Demo Harbour Clinic", location=make_location(jurisdiction="AU-NSW", city="Sydney", coords=("-33.87", "151.21"))
    )
    for clinic in [*clinics, sydney]:
        for n in range(4):
            make_practitioner(clinic, f"{clinic.title} Practitioner {n}")
    return clinics, sydney


def seed():
    out = io.StringIO()
    call_command("seed_demo_reviews", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot():
    return sorted(Review.objects.values_list("page_id", "email", "rating", "title", "status", "visit_month"))


def test_the_demo_is_idempotent_and_deterministic(directory):
    assert "published reviews" in seed()
    first = snapshot()
    assert Review.objects.filter(status="approved").count() > 10
    assert Review.objects.filter(status="pending").exists()
    assert "Created 0 published reviews, 0 waiting" in seed()
    assert snapshot() == first
    Review.objects.all().delete()
    seed()
    assert snapshot() == first


def test_ratings_follow_the_approved_demo_reviews(directory):
    seed()
    for summary in RatingSummary.objects.filter(count__gt=0):
        assert summary.count == Review.objects.filter(page_id=summary.page_id, status="approved").count()


def test_demo_responses_and_testimonials_keep_the_rules(directory):
    _, sydney = directory
    seed()
    for response in ReviewResponse.objects.select_related("review"):
        assert response_disclosures(response.body, response.review) == []
    assert SavedTestimonial.objects.exists()
    assert not SavedTestimonial.objects.filter(clinic=sydney, about_clinical_outcome=True).exists()
    assert ReviewReport.objects.filter(status="open").count() == 1


def test_demo_texts_make_no_cure_claims():
    texts = [t[2] for t in demodata.PRACTITIONER_REVIEWS + demodata.CLINIC_REVIEWS + demodata.PENDING_REVIEWS]
    texts += [t[0] for t in demodata.TESTIMONIALS]
    for text in texts:
        lowered = text.lower()
        assert not any(word in lowered for word in ("cure", "miracle", "100%", "guarantee")), text
