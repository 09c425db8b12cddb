"""Text from the public, through the real forms: scripts, markup, right-to-left text, emoji and very
long strings are stored exactly as typed and shown escaped on public pages, in the admin and in
e-mails (plain text); control characters are refused with a message naming them (home/text.py)."""

import re

import pytest
from django.core import mail

from directory.models import AppointmentRequest
from onboarding.models import ClinicApplication
from reviews.models import Review, ReviewReport, ReviewResponse
from reviews.moderation import decide_response, decide_review
from tests.factories import make_clinic, make_manager, make_moderator, make_practitioner
from tests.onboarding.helpers import application_form
from tests.reviews.builders import make_review, post_review

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
# One line: markup, an attribute break-out, a template tag, right-to-left Arabic and Hebrew with an
# override character, emoji with a skin tone and a joiner, and an ampersand.
LINE = f'{SCRIPT} <b onmouseover="x()">bold</b> {{{{ 7*7 }}}} \u202eمرحبا שלום\u202c 👩🏽‍⚕️ Tom & Jerry'
TEXT = f"{LINE}\r\nSecond line\twith a tab, and it is long enough to be a review body."


def assert_escaped(html):
    assert SCRIPT not in html and '<b onmouseover="x()">' not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "مرحبا שלום" in html and "👩🏽‍⚕️" in html


def assert_plain_text_email(message, *texts):
    assert not getattr(message, "alternatives", None), "e-mails are plain text only"
    for text in texts:
        assert text in message.body


@pytest.fixture
def practitioner():
    return make_practitioner(make_clinic("Escape Clinic"), "Dr Escape")


@pytest.fixture
def moderator():
    return make_moderator()


def confirm(client):
    link = re.search(r"http://testserver(/reviews/confirm/[^/\s]+/)", mail.outbox[-1].body).group(1)
    assert client.post(link).status_code == 200


def test_a_review_is_stored_as_typed_and_shown_escaped_in_the_queue_on_the_page_and_in_e_mails(
    client, practitioner, moderator, django_capture_on_commit_callbacks
):
    assert post_review(client, practitioner, title=LINE[:120], body=TEXT, display_name=LINE[:60]).status_code == 302
    review = Review.objects.get()
    assert (review.title, review.body, review.display_name) == (LINE[:120], TEXT, LINE[:60])
    assert_plain_text_email(mail.outbox[-1], LINE[:60])
    confirm(client)

    client.force_login(moderator)
    assert_escaped(client.get("/admin/moderation/").content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        decide_review(review.pk, by=moderator, approve=True)
    assert_plain_text_email(mail.outbox[-1], LINE[:120], LINE[:60])
    client.logout()
    assert_escaped(client.get(practitioner.url).content.decode())


def test_a_clinic_response_is_stored_as_typed_and_shown_escaped(client, practitioner, moderator):
    review = make_review(practitioner)
    client.force_login(make_manager(practitioner.get_parent().specific))
    response = client.post(f"/admin/clinic-reviews/respond/{review.pk}/", {"body": TEXT})
    assert response.status_code == 302, response.content.decode()[:2000]
    reply = ReviewResponse.objects.get()
    assert reply.body == TEXT

    client.force_login(moderator)
    assert_escaped(client.get("/admin/moderation/").content.decode())
    decide_response(reply.pk, by=moderator, approve=True)
    client.logout()
    assert_escaped(client.get(practitioner.url).content.decode())


def test_a_report_is_stored_as_typed_and_shown_escaped_to_moderators(client, practitioner, moderator):
    review = make_review(practitioner)
    response = client.post(f"/reviews/{review.pk}/report/", {"reason": "not_genuine", "details": TEXT})
    assert response.status_code == 200
    assert ReviewReport.objects.get().details == TEXT
    client.force_login(moderator)
    assert_escaped(client.get("/admin/moderation/").content.decode())


def test_an_appointment_request_is_stored_as_typed_and_shown_escaped_in_the_inbox(client, practitioner):
    data = {
        "name": LINE,
        "email": "alex@example.net",
        "preferred_times": LINE,
        "reason": TEXT,
        "consent_to_contact": "on",
    }
    assert client.post(f"/appointments/{practitioner.pk}/", data).status_code == 302
    appointment = AppointmentRequest.objects.get()
    assert (appointment.name, appointment.preferred_times, appointment.reason) == (LINE, LINE, TEXT)
    assert not any(SCRIPT in message.body or "Tom & Jerry" in message.body for message in mail.outbox)

    client.force_login(make_manager(practitioner.get_parent().specific))
    assert_escaped(client.get("/admin/appointments/").content.decode())
    assert_escaped(client.get(f"/admin/appointments/edit/{appointment.pk}/").content.decode())


def test_a_clinic_application_is_stored_as_typed_and_shown_escaped_to_moderators(client, moderator):
    fields = {"clinic_name": LINE, "contact_name": LINE, "street_address": LINE, "message": TEXT}
    assert client.post("/list-your-clinic/", application_form(**fields)).status_code == 302
    application = ClinicApplication.objects.get()
    assert {name: getattr(application, name) for name in fields} == fields

    client.force_login(moderator)
    assert_escaped(client.get("/admin/onboarding/clinic-applications/").content.decode())
    assert_escaped(client.get(f"/admin/onboarding/clinic-applications/{application.pk}/").content.decode())


def test_the_longest_review_is_kept_whole_and_a_longer_one_is_refused_with_its_limit(client, practitioner):
    longest = "😀 très bien " * 416 + "the end."  # 5,000 characters, some outside the BMP
    assert len(longest) == 5000
    assert post_review(client, practitioner, body=longest).status_code == 302
    assert Review.objects.get().body == longest

    response = post_review(client, practitioner, body=longest + "!", email="other@example.net")
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()


@pytest.mark.parametrize(
    "url, base, field",
    [
        ("/reviews/write/{practitioner}/", "review", "body"),
        ("/reviews/write/{practitioner}/", "review", "display_name"),
        ("/appointments/{practitioner}/", "appointment", "reason"),
        ("/appointments/{practitioner}/", "appointment", "name"),
        ("/reviews/{review}/report/", "report", "details"),
        ("/list-your-clinic/", "application", "message"),
        ("/list-your-clinic/", "application", "clinic_name"),
    ],
)
@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x0b"])
def test_control_characters_are_refused_with_a_message_naming_them(client, practitioner, url, base, field, character):
    review = make_review(practitioner)
    data = {
        "review": {
            "rating": "4",
            "title": "Clear advice",
            "body": "She explained what was going on and gave me exercises.",
            "visit_month": "2026-09",
            "display_name": "Sam K.",
            "email": "sam@example.net",
            "own_experience": "on",
        },
        "appointment": {"name": "Alex", "email": "a@example.net", "reason": "Back pain.", "consent_to_contact": "on"},
        "report": {"reason": "not_genuine", "details": ""},
        "application": application_form(),
    }[base]
    data[field] = f"{data[field]} before{character}after and more words to pass any length check"
    response = client.post(url.format(practitioner=practitioner.pk, review=review.pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"U+{ord(character):04X}" in html or "Null characters are not allowed" in html
    assert not AppointmentRequest.objects.exists() and not ClinicApplication.objects.exists()
    assert Review.objects.count() == 1 and not ReviewReport.objects.exists()


def test_a_line_break_in_a_one_line_field_is_refused(client, practitioner):
    response = post_review(client, practitioner, title="Good\r\nBcc: victim@example.net")
    assert response.status_code == 400
    assert "single line" in response.content.decode()
