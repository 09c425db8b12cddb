"""seed_demo: repeatable demo data in every listed city that shows every branch of the scope check."""

import io
import shutil
import tempfile

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from directory.demodata.plan import DEFAULT_PRACTITIONERS, DEFAULT_SEED, SCENARIOS, plan_demo
from directory.demodata.run import HOOK_NAME
from directory.models import (
    Certification,
    ClinicLocation,
    ClinicPage,
    Fee,
    Jurisdiction,
    Licence,
    PractitionerLocation,
    PractitionerPage,
    Technique,
)
from directory.money import COUNTRY_CURRENCIES
from directory.referencedata import vocabulary
from directory.roles import MODERATORS_GROUP
from directory.scope import NOT_PERMITTED, PERMITTED, UNKNOWN, check_scope
from directory.validators import validate_licence_number

SMALL = 15
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LISTED_CITIES = {
    "New Delhi": "IN-DL",
    "Gurugram": "IN-HR",
    "Noida": "IN-UP",
    "Mumbai": "IN-MH",
    "Bengaluru": "IN-KA",
    "Denver": "US-CO",
    "Austin": "US-TX",
    "San Francisco": "US-CA",
    "New York": "US-NY",
    "Seattle": "US-WA",
    "Chicago": "US-IL",
    "Toronto": "CA-ON",
    "Vancouver": "CA-BC",
    "Sydney": "AU-NSW",
    "Melbourne": "AU-VIC",
    "London": "GB-ENG",
}


def seed_demo(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("seed_demo", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def row_counts():
    models = [
        Page,
        Revision,
        Licence,
        Certification,
        Fee,
        ClinicLocation,
        PractitionerLocation,
        get_image_model(),
        get_user_model(),
    ]
    return {model.__name__: model.objects.count() for model in models}


# The plan: pure Python, checked without a database.


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 1, 2, 12345])
def test_the_default_size_has_a_clinic_in_every_listed_city(seed):
    plan = plan_demo(DEFAULT_PRACTITIONERS, seed)
    places = {(location.city, location.jurisdiction) for clinic in plan.clinics for location in clinic.locations}
    assert set(LISTED_CITIES.items()) <= places
    assert len(plan.practitioners) == DEFAULT_PRACTITIONERS


def test_the_default_size_shows_every_licence_scenario():
    scenarios = {practitioner.scenario for practitioner in plan_demo().practitioners}
    assert scenarios - {""} == set(SCENARIOS)


def test_the_same_seed_plans_the_same_people_and_another_seed_does_not():
    names = [practitioner.title for practitioner in plan_demo(SMALL, 7).practitioners]
    assert names == [practitioner.title for practitioner in plan_demo(SMALL, 7).practitioners]
    assert names != [practitioner.title for practitioner in plan_demo(SMALL, 8).practitioners]


def test_a_bigger_demo_keeps_the_clinics_and_names_of_a_smaller_one():
    small, big = plan_demo(SMALL), plan_demo(DEFAULT_PRACTITIONERS)
    assert [clinic.slug for clinic in small.clinics] == [clinic.slug for clinic in big.clinics[: len(small.clinics)]]
    assert big.practitioners[0].title == small.practitioners[0].title


def test_the_plan_uses_only_shipped_vocabulary_and_valid_licence_numbers():
    plan = plan_demo(DEFAULT_PRACTITIONERS, 3)
    techniques = {row[0] for row in vocabulary.TECHNIQUES}
    conditions = {row[0] for row in vocabulary.CONDITIONS}
    languages = {code for code, _ in vocabulary.LANGUAGES}
    for practitioner in plan.practitioners:
        assert set(practitioner.techniques) <= techniques
        assert set(practitioner.conditions) <= conditions
        assert set(practitioner.languages) <= languages
        assert {course[0] for course in practitioner.certifications} <= techniques
        for licence in practitioner.licences:
            try:
                validate_licence_number(licence.number, licence.jurisdiction[:2])
            except ValidationError as error:
                pytest.fail(f"{licence.number} ({licence.jurisdiction}): {error}")


# The command against a database.


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class SmallDemoTests(TestCase):
    """One small demo, seeded twice with the same arguments."""

    @classmethod
    def setUpClass(cls):
        # Generated images go to a temporary MEDIA_ROOT; class cleanups run even if set-up fails.
        media_root = tempfile.mkdtemp(prefix="inscope-demo-media-")
        cls.addClassCleanup(shutil.rmtree, media_root, ignore_errors=True)
        media = override_settings(MEDIA_ROOT=media_root)
        media.enable()
        cls.addClassCleanup(media.disable)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        cls.plan = plan_demo(SMALL, DEFAULT_SEED)
        cls.first_out, cls.first_err = seed_demo("--practitioners", str(SMALL))
        cls.counts_after_first = row_counts()
        cls.second_out, _ = seed_demo("--practitioners", str(SMALL))
        cls.counts_after_second = row_counts()

    def test_creates_the_planned_practitioners_each_beneath_a_clinic_and_practising_somewhere(self):
        practitioners = PractitionerPage.objects.live()
        assert sorted(practitioners.values_list("title", flat=True)) == sorted(
            practitioner.title for practitioner in self.plan.practitioners
        )
        for practitioner in practitioners:
            assert isinstance(practitioner.get_parent().specific, ClinicPage)
            assert practitioner.practice_locations.exists()

    def test_licences_come_in_every_state_the_scope_check_tells_apart(self):
        licences = Licence.objects.all()
        assert licences.current().verified().exists()
        assert licences.filter(verification_status=Licence.Verification.UNVERIFIED).exists()
        assert licences.filter(verification_status=Licence.Verification.REJECTED).exists()
        assert licences.filter(status=Licence.Status.SUSPENDED).exists()
        assert licences.filter(status=Licence.Status.PROBATION).exists()
        assert any(licence.is_expired() for licence in licences)
        verified = licences.exclude(verification_status=Licence.Verification.UNVERIFIED)
        assert all(licence.verified_by.username == "moderator" for licence in verified)

    def test_dry_needling_is_within_scope_for_some_outside_for_others_and_unknown_for_the_rest(self):
        dry_needling = Technique.objects.get(name="Dry needling")
        verdicts, reasons = set(), set()
        for link in PractitionerLocation.objects.select_related("practitioner", "location__jurisdiction"):
            result = check_scope(link.practitioner, dry_needling, link.location)
            verdicts.add(result.verdict)
            reasons.update(result.reason_codes)
        assert verdicts == {PERMITTED, NOT_PERMITTED, UNKNOWN}
        assert {"too_few_hours", "too_few_years", "licence_inactive", "licence_rejected"} <= reasons

    def test_fees_are_in_the_currency_of_the_clinics_country(self):
        for fee in Fee.objects.select_related("practitioner"):
            country = fee.practitioner.get_parent().specific.locations.first().jurisdiction.country
            assert fee.currency == COUNTRY_CURRENCIES[country], fee

    def test_logos_and_photos_are_generated_images_in_the_clinics_own_collection(self):
        for clinic in ClinicPage.objects.all():
            assert clinic.logo.collection_id == clinic.team.collection_id
            assert "(generated)" in clinic.logo.title
            for practitioner in PractitionerPage.objects.child_of(clinic):
                assert practitioner.photo.collection_id == clinic.team.collection_id

    def test_some_practitioners_also_practise_at_another_clinic(self):
        elsewhere = [
            link
            for link in PractitionerLocation.objects.select_related("practitioner", "location")
            if link.location.clinic_id != link.practitioner.get_parent().pk
        ]
        assert elsewhere

    def test_a_second_run_with_the_same_arguments_creates_nothing(self):
        assert self.counts_after_second == self.counts_after_first
        assert "Created: nothing new." in self.second_out

    def test_demo_users_can_log_in_with_their_roles(self):
        User = get_user_model()
        admin = User.objects.get(username="admin")
        moderator = User.objects.get(username="moderator")
        manager = User.objects.get(username="manager")
        assert admin.is_superuser and admin.check_password("inscope-demo")
        assert moderator.groups.filter(name=MODERATORS_GROUP).exists() and not moderator.is_superuser
        managed = ClinicPage.objects.get(team__group__user=manager)
        assert managed.locations.filter(jurisdiction__code="US-CO").exists()

    def test_reports_progress_on_stderr_and_logins_on_stdout(self):
        assert "Practitioners" in self.first_err and f"{SMALL}/{SMALL}" in self.first_err
        assert "http://127.0.0.1:8000/admin/" in self.first_out
        assert "moderator" in self.first_out and "manager" in self.first_out


@pytest.mark.django_db
def test_without_reference_data_it_fails_and_says_what_to_run():
    Jurisdiction.objects.all().delete()  # Their scope rules go with them.
    with pytest.raises(CommandError, match="load_reference_data"):
        seed_demo("--practitioners", "3")
    assert not ClinicPage.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_other_apps_add_demo_steps_through_the_hook(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = FAST_HASHER
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-password")
    seen = []

    def count_practitioners(run):
        seen.append((len(run.practitioners), run.rng("test").random() == run.rng("test").random()))
        run.counts["test rows"] += 1

    with hooks.register_temporarily(HOOK_NAME, count_practitioners):
        out, _ = seed_demo("--practitioners", "3")
    assert seen == [(3, True)]
    assert "1 test rows" in out
    assert get_user_model().objects.get(username="admin").check_password("another-demo-password")


@pytest.mark.django_db
def test_a_negative_size_is_refused():
    with pytest.raises(CommandError, match="negative"):
        seed_demo("--practitioners", "-1")
