"""Ratings come from approved reviews only; the public section shows them, with a constant number of queries."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from reviews.models import RatingSummary, Review
from reviews.models import Testimonial as SavedTestimonial
from reviews.moderation import decide_review
from reviews.ratings import refresh_rating
from tests.factories import make_clinic, make_moderator, make_practitioner
from tests.reviews.builders import make_response, make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic():
    return make_clinic("Larimer Physio")


@pytest.fixture
def practitioner(clinic):
    return make_practitioner(clinic, "Dr Ana Ruiz")


def render(source, page, request=None):
    request = request or RequestFactory().get("/")
    return Template("{% load reviews_tags %}" + source).render(Context({"request": request, "page": page}))


class TestRatingArithmetic:
    def test_average_count_and_distribution_from_approved_reviews_only(self, practitioner):
        for n, rating in enumerate([5, 5, 4, 2, 1]):
            make_review(practitioner, rating=rating, email=f"a{n}@example.net")
        make_review(practitioner, rating=1, status=Review.Status.PENDING, email="p@example.net")
        make_review(practitioner, rating=1, status=Review.Status.REJECTED, email="r@example.net")
        summary = RatingSummary.objects.get(page=practitioner)
        assert summary.count == 5
        assert summary.average == Decimal("3.40")
        assert [summary.stars_1, summary.stars_2, summary.stars_3, summary.stars_4, summary.stars_5] == [1, 1, 0, 1, 2]
        assert summary.histogram[0] == (5, 2, 40)

    def test_rounding_is_half_up_to_two_places(self, practitioner):
        for n, rating in enumerate([5, 4, 4]):
            make_review(practitioner, rating=rating, email=f"a{n}@example.net")
        assert RatingSummary.objects.get(page=practitioner).average == Decimal("4.33")

    def test_a_practitioner_review_counts_for_the_practitioner_not_the_clinic(self, clinic, practitioner):
        make_review(practitioner, rating=1)
        make_review(clinic, rating=5)
        assert RatingSummary.objects.get(page=practitioner).average == Decimal("1.00")
        assert RatingSummary.objects.get(page=clinic).average == Decimal("5.00")

    def test_approving_creates_the_summary_on_demand_and_saving_it_signals_search(self, practitioner):
        from django.db.models.signals import post_save

        saved = []

        def listener(sender, instance, **kwargs):
            saved.append(instance.page_id)

        post_save.connect(listener, sender=RatingSummary)
        try:
            review = make_review(practitioner, status=Review.Status.PENDING)
            assert not RatingSummary.objects.filter(page=practitioner).exists()
            decide_review(review.pk, by=make_moderator(), approve=True)
        finally:
            post_save.disconnect(listener, sender=RatingSummary)
        assert RatingSummary.objects.get(page=practitioner).count == 1
        assert practitioner.pk in saved

    def test_removing_every_review_empties_the_average(self, practitioner):
        review = make_review(practitioner)
        Review.objects.filter(pk=review.pk).update(status=Review.Status.REJECTED)
        summary = refresh_rating(practitioner.pk)
        assert (summary.count, summary.average) == (0, None)

    def test_testimonials_are_never_counted(self, clinic):
        SavedTestimonial.objects.create(
            clinic=clinic, quote="Great", display_name="A", consent_obtained_on="2026-01-01", consent_method="email"
        )
        assert refresh_rating(clinic.pk).count == 0


class TestReviewsSection:
    def test_it_shows_the_histogram_reviews_responses_labels_and_testimonials_apart(self, clinic, practitioner):
        review = make_review(practitioner, rating=5, title="Careful and kind", verified_visit=True)
        make_response(review, status="approved", body="Thank you; we pass kind words on to the team.")
        make_review(practitioner, rating=2, title="Hidden one", email="h@example.net", hidden_at="2026-11-01T00:00Z")
        make_review(practitioner, rating=1, title="Still pending", status="pending", email="p@example.net")
        SavedTestimonial.objects.create(
            clinic=clinic,
            practitioner=practitioner,
            quote="Booking was simple.",
            display_name="Lee",
            consent_obtained_on="2026-01-01",
            consent_method="email",
        )
        html = render("{% reviews_section page %}", practitioner)
        assert "Careful and kind" in html and "Verified visit" in html
        assert "we pass kind words on" in html
        assert "Hidden one" not in html and "Still pending" not in html
        assert "Testimonials selected by the clinic" in html and "not counted in the rating" in html
        assert "<caption>How patients rated Dr Ana Ruiz</caption>" in html
        assert "3.5 out of 5</strong>, from 2 published reviews" in html  # a hidden review still counts
        assert f'href="/reviews/write/{practitioner.pk}/"' in html
        assert f'href="/reviews/{review.pk}/report/"' in html

    def test_the_query_count_does_not_grow_with_the_number_of_reviews(
        self, practitioner, django_assert_max_num_queries
    ):
        for n in range(3):
            make_response(make_review(practitioner, email=f"a{n}@example.net"), status="approved")
        with django_assert_max_num_queries(8):
            small = render("{% reviews_section page %}", practitioner)
        for n in range(3, 25):
            review = make_review(practitioner, email=f"a{n}@example.net", technique_id=None)
            make_response(review, status="approved")
        with django_assert_max_num_queries(8):
            large = render("{% reviews_section page %}", practitioner)
        assert small.count('class="review"') == 3 and large.count('class="review"') == 10
        assert "Page 1 of 3" in large

    def test_later_pages_of_reviews(self, practitioner):
        for n in range(12):
            make_review(practitioner, title=f"Review number {n}", email=f"a{n}@example.net")
        html = render("{% reviews_section page %}", practitioner, RequestFactory().get("/?reviews_page=2"))
        assert html.count('class="review"') == 2 and "Page 2 of 2" in html

    def test_the_badge(self, practitioner, clinic):
        make_review(practitioner, rating=4)
        make_review(practitioner, rating=5, email="b@example.net")
        html = render("{% rating_badge page %}", practitioner)
        assert "4.5" in html and "(2 reviews)" in html and "out of 5" in html
        assert "No reviews yet" in render("{% rating_badge page %}", clinic)


class TestHelpful:
    def test_a_visitor_marks_a_review_helpful_once(self, client, practitioner):
        review = make_review(practitioner)
        first = client.post(f"/reviews/{review.pk}/helpful/")
        assert first.status_code == 302 and first["Location"].endswith(f"#review-{review.pk}")
        client.post(f"/reviews/{review.pk}/helpful/")
        review.refresh_from_db()
        assert review.helpful_count == 1

    def test_another_visitor_counts_too(self, client, practitioner):
        from django.test import Client

        review = make_review(practitioner)
        client.post(f"/reviews/{review.pk}/helpful/")
        Client().post(f"/reviews/{review.pk}/helpful/")
        review.refresh_from_db()
        assert review.helpful_count == 2

    def test_helpful_needs_a_post_and_a_published_review(self, client, practitioner):
        review = make_review(practitioner)
        pending = make_review(practitioner, status="pending", email="p@example.net")
        assert client.get(f"/reviews/{review.pk}/helpful/").status_code == 405
        assert client.post(f"/reviews/{pending.pk}/helpful/").status_code == 404

    def test_marks_are_rate_limited_per_address(self, client, practitioner, monkeypatch):
        from reviews import ratelimit

        monkeypatch.setitem(ratelimit.LIMITS, "helpful_per_address", (2, 3600))
        reviews = [make_review(practitioner, email=f"a{n}@example.net") for n in range(3)]
        statuses = [client.post(f"/reviews/{r.pk}/helpful/").status_code for r in reviews]
        assert statuses == [302, 302, 429]
