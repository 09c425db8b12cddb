"""One person's data, by e-mail address: exported whole, erased on request (home/privacy.py)."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from directory.models import AppointmentRequest
from onboarding.models import ClinicApplication, Invitation
from reviews.models import RatingSummary, Review, ReviewReport
from tests.factories import make_clinic, make_practitioner
from tests.onboarding.helpers import make_application
from tests.reviews.builders import make_review

pytestmark = pytest.mark.django_db

EMAIL = "Pat.Doe@Example.org"


@pytest.fixture
def people():
    """Pat's records everywhere, and a stranger's alongside them."""
    clinic = make_clinic("Privacy Clinic")
    practitioner = make_practitioner(clinic, "Dr Private")
    published = make_review(practitioner, rating=1, email="pat.doe+reviews@example.org", display_name="Pat D.")
    make_review(practitioner, rating=5, email="stranger@example.net", display_name="Stranger")
    pending = make_review(clinic, status=Review.Status.PENDING, email=EMAIL.upper())
    ReviewReport.objects.create(review=published, reason="not_genuine", reporter_email="pat.doe@example.org")
    for email in (EMAIL, "stranger@example.net"):
        AppointmentRequest.objects.create(
            clinic=clinic, name="Pat Doe", email=email, reason="Sciatica since May", consent_to_contact=True
        )
    make_application(contact_email="pat.doe@example.org")
    make_application(contact_email="pat.doe@example.org", status=ClinicApplication.Status.APPROVED)
    user = get_user_model().objects.create_user("patdoe", "pat.doe@example.org", "x", first_name="Pat", last_name="Doe")
    Invitation.objects.create(
        clinic=clinic,
        user=user,
        email="pat.doe@example.org",
        secret_hash="0" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    return {"practitioner": practitioner, "published": published, "pending": pending, "user": user}


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_export_holds_every_record_of_the_address_and_nothing_of_anyone_else(people):
    out, err = run("export_personal_data", EMAIL)
    data = json.loads(out)
    counts = {kind: len(rows) for kind, rows in data.items() if kind != "email"}
    assert counts == {
        "reviews": 2,
        "review_reports": 1,
        "appointment_requests": 1,
        "clinic_applications": 2,
        "invitations": 1,
        "users": 1,
    }
    assert {row["about"] for row in data["reviews"]} == {"Dr Private", "Privacy Clinic"}
    assert data["appointment_requests"][0]["reason"] == "Sciatica since May"
    assert "stranger" not in out
    assert "password" not in data["users"][0] and "secret_hash" not in data["invitations"][0]
    assert "Exported 2 reviews" in err


def test_the_export_can_be_written_to_a_file(people, tmp_path):
    target = tmp_path / "pat.json"
    run("export_personal_data", EMAIL, "--output", str(target))
    assert len(json.loads(target.read_text(encoding="utf-8"))["reviews"]) == 2


def test_a_dry_run_counts_and_changes_nothing(people):
    out, _ = run("erase_personal_data", EMAIL, "--dry-run")
    assert "Would change: 1 published reviews anonymised, 1 unpublished reviews deleted" in out
    assert "1 appointment requests deleted" in out
    assert Review.objects.filter(email_key="pat.doe@example.org").count() == 2
    assert AppointmentRequest.objects.count() == 2 and get_user_model().objects.get(username="patdoe").is_active


def test_erasing_asks_first_and_a_wrong_answer_changes_nothing(people, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was changed"):
        run("erase_personal_data", EMAIL)
    assert AppointmentRequest.objects.count() == 2


def test_erasing_keeps_the_published_text_and_rating_but_nothing_that_identifies_the_person(people, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "erase")
    practitioner = people["practitioner"]
    rating_before = RatingSummary.objects.get(page=practitioner).average
    out, err = run("erase_personal_data", EMAIL)
    assert "Done:" in out and "appointment requests: 1" in err

    review = Review.objects.get(pk=people["published"].pk)
    assert (review.email, review.display_name, review.ip_hash) == ("", "Anonymous", "")
    assert review.rating == 1 and review.body == people["published"].body
    assert RatingSummary.objects.get(page=practitioner).average == rating_before
    assert not Review.objects.filter(pk=people["pending"].pk).exists()
    assert ReviewReport.objects.get().reporter_email == ""
    assert list(AppointmentRequest.objects.values_list("email", flat=True)) == ["stranger@example.net"]
    assert list(ClinicApplication.objects.values_list("status", "contact_name", "contact_email")) == [
        ("approved", "Anonymous", "")
    ]
    assert not Invitation.objects.exists()
    user = get_user_model().objects.get(pk=people["user"].pk)
    assert (user.username, user.email, user.first_name, user.is_active) == (f"erased-{user.pk}", "", "", False)
    assert not user.has_usable_password()
    assert Review.objects.filter(email="stranger@example.net").exists()

    data = json.loads(run("export_personal_data", EMAIL)[0])
    assert not any(data[kind] for kind in data if kind != "email")


def test_published_reviews_can_be_deleted_too_and_the_rating_is_recomputed(people):
    practitioner = people["practitioner"]
    assert RatingSummary.objects.get(page=practitioner).count == 2
    out, _ = run("erase_personal_data", EMAIL, "--no-input", "--delete-published-reviews")
    assert "2 reviews deleted" in out
    summary = RatingSummary.objects.get(page=practitioner)
    assert (summary.count, summary.average) == (1, 5)


def test_an_unknown_address_is_reported_and_a_non_address_refused(people):
    out, _ = run("erase_personal_data", "nobody@example.org", "--no-input")
    assert "Nothing is stored about this address." in out
    with pytest.raises(CommandError, match="not an e-mail address"):
        run("erase_personal_data", "patdoe", "--no-input")
