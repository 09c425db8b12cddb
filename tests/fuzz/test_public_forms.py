"""Hypothesis throws hostile input at every public form and the search page: each answer is a
page (2xx, 3xx or 4xx), never a server error. Each case starts from a valid submission and
replaces, drops, repeats or adds fields; raw bodies also carry invalid UTF-8 and broken multipart."""

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from search.forms import SearchForm
from tests.factories import make_clinic, make_practitioner
from tests.fuzz.harness import VALUE, Tally, fuzz_settings, mutations
from tests.onboarding.helpers import application_form
from tests.reviews.builders import make_review

pytestmark = pytest.mark.django_db

APPOINTMENT = {
    "name": "Alex Patient",
    "email": "alex@example.net",
    "phone": "+1 303 555 0142",
    "preferred_times": "weekday mornings",
    "reason": "Low back pain for two weeks.",
    "consent_to_contact": "on",
    "website": "",
}
REVIEW = {
    "rating": "4",
    "explanation_rating": "5",
    "title": "Clear advice",
    "body": "She explained what was going on and gave me exercises I could do at home.",
    "visit_month": "2026-09",
    "display_name": "Sam K.",
    "email": "sam@example.net",
    "own_experience": "on",
    "website": "",
}
REPORT = {"reason": "not_genuine", "details": "Looks copied.", "email": "", "website": ""}


@pytest.fixture
def practitioner(db):
    return make_practitioner(make_clinic("Fuzz Clinic"), "Dr Fuzz")


def fuzz_post(client, url, base, name, default=40):
    tally = Tally(name)

    @given(data=mutations(base))
    @fuzz_settings(default)
    def post(data):
        cache.clear()  # rate limits would otherwise answer 429 to most cases
        tally.record(client.post(url, data, REMOTE_ADDR="203.0.113.9"), data)

    post()
    tally.report()
    return tally


def test_the_appointment_form_never_fails_with_a_server_error(client, practitioner):
    fuzz_post(client, f"/appointments/{practitioner.pk}/", APPOINTMENT, "appointment request")


def test_the_review_form_never_fails_with_a_server_error(client, practitioner):
    fuzz_post(client, f"/reviews/write/{practitioner.pk}/", REVIEW, "review submission")


def test_the_report_form_never_fails_with_a_server_error(client, practitioner):
    review = make_review(practitioner)
    fuzz_post(client, f"/reviews/{review.pk}/report/", REPORT, "review report")


def test_the_clinic_application_never_fails_with_a_server_error(client, practitioner):
    clinic = practitioner.get_parent()
    claim = application_form(claim="on", listing=clinic.url, clinic_name=clinic.title, website="https://fuzz.example")
    for base in (application_form(), claim):
        fuzz_post(client, "/list-your-clinic/", base, "clinic " + ("claim" if base is claim else "application"), 20)


def test_the_search_page_never_fails_with_a_server_error(client, practitioner):
    tally = Tally("search page")
    names = list(SearchForm.base_fields) + ["utm_source"]

    @given(params=st.dictionaries(st.sampled_from(names), VALUE, max_size=6))
    @fuzz_settings(60)
    def search(params):
        tally.record(client.get("/search/", params), params)

    search()
    tally.report()


def test_raw_bodies_with_invalid_encodings_never_fail_with_a_server_error(client, practitioner):
    tally = Tally("raw bodies")
    content_types = st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=latin-1",
            "application/x-www-form-urlencoded; charset=no-such-charset",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "text/plain",
        ]
    )
    urls = st.sampled_from(
        [f"/appointments/{practitioner.pk}/", f"/reviews/write/{practitioner.pk}/", "/list-your-clinic/"]
    )

    @given(url=urls, body=st.binary(max_size=300), content_type=content_types)
    @fuzz_settings(40)
    def post(url, body, content_type):
        cache.clear()
        tally.record(client.generic("POST", url, body, content_type=content_type), (url, body, content_type))

    post()
    tally.report()
