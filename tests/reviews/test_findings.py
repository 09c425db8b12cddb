"""Automatic findings on crafted texts: they point a moderator at something; they decide nothing."""

import pytest

from reviews import findings
from reviews.models import Review
from tests.factories import make_clinic, make_practitioner
from tests.reviews.builders import make_review


def codes(found):
    return {f.code for f in found}


class TestContactDetails:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ("Write to dr.ruiz+clinic@gmail.com for a slot", {"contact_email"}),
            ("Call 303-555-0143 today", {"contact_phone"}),
            ("Call +91 98765 43210 today", {"contact_phone"}),
            ("Ring (020) 7946 0958", {"contact_phone"}),
            ("See https://cheap-needles.example/offer", {"contact_link"}),
            ("Visit www.bestphysio.com", {"contact_link"}),
            ("Visit bestphysio.com now", {"contact_link"}),
        ],
    )
    def test_contact_details_are_found(self, text, expected):
        assert codes(findings.contact_details(text)) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "I went three times in 2026 and paid $120 each time.",
            "My visit on 12/09/2026 was on time.",
            "Pain went from 8/10 to 3/10 over six weeks.",
            "The clinic is on the 2nd floor. I waited 15 minutes.",
        ],
    )
    def test_ordinary_numbers_are_not_phone_numbers(self, text):
        assert findings.contact_details(text) == []


class TestProfanity:
    @pytest.mark.parametrize("text", ["What a shit experience", "F*ck this place", "total bullsh*t", "a real wanker"])
    def test_profanity_is_found_even_when_masked(self, text):
        assert codes(findings.profanity(text)) == {"profanity"}

    @pytest.mark.parametrize("text", ["Scunthorpe clinic was fine", "She was thorough and kind", "A shitake risotto"])
    def test_innocent_words_are_not_profanity(self, text):
        assert findings.profanity(text) == []


class TestLength:
    def test_very_short_and_very_long_texts(self):
        assert codes(findings.length("Great.")) == {"very_short"}
        assert codes(findings.length("word " * 800)) == {"very_long"}
        assert findings.length("A sensible review of a reasonable length, with some detail.") == []


@pytest.mark.django_db
class TestNeighbours:
    @pytest.fixture
    def practitioner(self):
        return make_practitioner(make_clinic("Mile High Physio", website="https://www.milehighphysio.example.org"))

    def test_a_near_duplicate_of_another_review_is_found(self, practitioner):
        text = "Dr Ruiz is the best physio in Denver, she fixed my back in one session and I recommend her to everyone."
        first = make_review(practitioner, body=text, email="a@example.net")
        copy = make_review(
            practitioner, body=text.replace("everyone", "all my friends"), email="b@example.net", status="pending"
        )
        found = {f["code"]: f["detail"] for f in copy.findings}
        assert "duplicate" in found and f"review #{first.pk}" in found["duplicate"]

    def test_different_reviews_are_not_duplicates(self, practitioner):
        make_review(practitioner, body="The wait was long but the assessment was careful and unhurried.")
        other = make_review(practitioner, body="Parking was easy and reception booked my follow-up quickly.")
        assert "duplicate" not in {f["code"] for f in other.findings}

    def test_many_reviews_from_one_address_or_email_in_a_day(self, practitioner):
        clinic = practitioner.clinic
        for n in range(3):
            review = make_review(
                clinic if n % 2 else practitioner,
                email="same@example.net",
                ip_hash="abc",
                status="pending",
                body=f"Review number {n} about a different thing each time, written with care.",
            )
        assert {"burst_address", "burst_email"} <= {f["code"] for f in review.findings}

    def test_a_reviewer_on_the_clinics_own_domain(self, practitioner):
        review = make_review(practitioner, email="frontdesk@milehighphysio.example.org", status="pending")
        assert "own_domain" in {f["code"] for f in review.findings}
        other = make_review(practitioner, email="someone@gmail.com", status="pending")
        assert "own_domain" not in {f["code"] for f in other.findings}

    def test_findings_are_filterable_by_exact_code(self, practitioner):
        review = make_review(practitioner, body="Email me at x@example.com about the clinic, please.", status="pending")
        assert Review.objects.filter(finding_codes__contains=",contact_email,").get() == review
