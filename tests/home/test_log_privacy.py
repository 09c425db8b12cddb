"""Logs never contain personal data: the main flows run with every logger at DEBUG, and no record
holds an e-mail address, a phone number, a name or the text of a request or review. Whatever an
exception might quote is masked by the site's log formatter (home/logs.py)."""

import logging
import re
import smtplib
import sys

import pytest
from django.core import mail
from django.db import IntegrityError

from home.logs import RedactingFormatter
from onboarding.applications import decline
from onboarding.models import ClinicApplication
from reviews.models import Review
from reviews.moderation import decide_review
from tests.factories import make_clinic, make_manager, make_moderator, make_practitioner
from tests.onboarding.helpers import application_form
from tests.reviews.builders import make_review, post_review

pytestmark = pytest.mark.django_db

EMAIL = "casey.private@example.net"
PHONE = "+1 303 555 0199"
NAME = "Casey Privatename"
SECRET_TEXT = "my confidential sciatica story"
PERSONAL = [EMAIL, "casey.private", "555 0199", "5550199", NAME, "Privatename", SECRET_TEXT]


def everything_logged(caplog):
    formatter = logging.Formatter()
    texts = []
    for record in caplog.records:
        texts.append(record.getMessage())
        if record.exc_info:
            texts.append(formatter.formatException(record.exc_info))
    return "\n".join(texts)


def assert_nothing_personal(caplog):
    logged = everything_logged(caplog)
    assert caplog.records, "the flows should have logged something (requests refused, pages published...)"
    for value in PERSONAL:
        assert value not in logged, f"{value!r} was logged"


def test_the_main_flows_log_no_personal_data(client, caplog, monkeypatch, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    clinic = make_clinic("Log Clinic")
    make_manager(clinic)  # the clinic has someone to e-mail
    practitioner = make_practitioner(clinic, "Dr Log")
    moderator = make_moderator()
    appointment = {"name": NAME, "email": EMAIL, "phone": PHONE, "reason": SECRET_TEXT, "consent_to_contact": "on"}

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/appointments/{practitioner.pk}/", appointment).status_code == 302
        # Refused: a bad phone number, then the rate limit; and a failing mail server.
        assert client.post(f"/appointments/{practitioner.pk}/", {**appointment, "phone": "12"}).status_code == 400
        monkeypatch.setattr(
            "directory.appointments.send_mail",
            lambda *a, **k: (_ for _ in ()).throw(smtplib.SMTPRecipientsRefused({EMAIL: (550, b"no")})),
        )
        client.post(f"/appointments/{practitioner.pk}/", appointment)
        for _ in range(4):
            client.post(f"/appointments/{practitioner.pk}/", appointment)

        assert (
            post_review(client, practitioner, body=SECRET_TEXT * 2, display_name=NAME, email=EMAIL).status_code == 302
        )
        link = re.search(r"http://testserver(/reviews/confirm/[^/\s]+/)", mail.outbox[-1].body).group(1)
        client.post(link)
        decide_review(Review.objects.get(email=EMAIL).pk, by=moderator, approve=True)
        review = make_review(practitioner)
        client.post(f"/reviews/{review.pk}/report/", {"reason": "personal_information", "details": SECRET_TEXT})
        client.post(f"/reviews/{review.pk}/report/", {"reason": "nonsense", "email": EMAIL})

        fields = {"contact_name": NAME, "contact_email": EMAIL, "phone": PHONE, "message": SECRET_TEXT}
        assert client.post("/list-your-clinic/", application_form(**fields)).status_code == 302
        client.post("/list-your-clinic/", application_form(**fields))  # a duplicate, refused
        decline(ClinicApplication.objects.get(), by=moderator, reason="We could not verify the licence.")

    assert_nothing_personal(caplog)


def test_what_an_exception_quotes_is_masked_by_the_sites_formatter():
    try:
        raise IntegrityError(f"duplicate key value violates unique constraint: (email)=({EMAIL}) phone {PHONE}")
    except IntegrityError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Failed for %s", (EMAIL,), exc_info=sys.exc_info()
        )
    output = RedactingFormatter("%(message)s").format(record)
    assert EMAIL not in output and "555 0199" not in output
    assert "Failed for [email]" in output and "(email)=([email]) phone [phone]" in output
    assert record.getMessage() == f"Failed for {EMAIL}", "other handlers see the record unchanged"


def test_the_lines_own_timestamp_is_not_mistaken_for_a_phone_number():
    record = logging.getLogger("search").makeRecord("search", logging.WARNING, __file__, 1, "Call %s", (PHONE,), None)
    output = RedactingFormatter("%(asctime)s %(message)s", datefmt="%Y-%m-%d %H:%M:%S").format(record)
    assert output.endswith("Call [phone]")
    assert output[:19] == logging.Formatter(datefmt="%Y-%m-%d %H:%M:%S").formatTime(record, "%Y-%m-%d %H:%M:%S")


def test_every_handler_of_the_site_masks_personal_data(settings):
    config = settings.LOGGING
    assert all(formatter["()"] == "home.logs.RedactingFormatter" for formatter in config["formatters"].values())
    assert all(handler.get("formatter") in config["formatters"] for handler in config["handlers"].values())
    # Django's own console and mail_admins handlers would bypass the masking.
    assert config["loggers"]["django"]["handlers"] == []
