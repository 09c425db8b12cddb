"""The shipped reference data: every jurisdiction we serve, the vocabulary patients use,
and a dry-needling rule table where every rule names its source and review date."""

import datetime
import io

import pytest
from django.core.management import call_command

from directory.models import Condition, Jurisdiction, Profession, ScopeRule, Technique

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("country", "kind", "count"),
    [
        ("US", "state", 50),
        ("US", "district", 1),
        ("IN", "state", 28),
        ("IN", "union_territory", 8),
        ("CA", "province", 10),
        ("CA", "territory", 3),
        ("AU", "state", 6),
        ("AU", "territory", 2),
        ("GB", "nation", 4),
    ],
)
def test_every_jurisdiction_is_present(country, kind, count):
    assert Jurisdiction.objects.filter(country=country, kind=kind).count() == count


def test_jurisdiction_codes_are_iso_3166_2():
    for jurisdiction in Jurisdiction.objects.all():
        jurisdiction.full_clean()
    assert Jurisdiction.objects.get(code="IN-HR").name == "Haryana"
    assert Jurisdiction.objects.get(code="GB-SCT").name == "Scotland"


def test_dry_needling_and_its_named_methods():
    methods = set(Technique.objects.get(name="Dry needling").methods.values_list("name", flat=True))
    assert {"Trigger point dry needling", "Functional dry needling", "Intramuscular stimulation"} <= methods


@pytest.mark.parametrize(
    ("model", "term", "name"),
    [
        (Technique, "ims", "Intramuscular stimulation"),
        (Profession, "physio", "Physiotherapist"),
        (Profession, "physical therapist", "Physiotherapist"),
        (Condition, "sciatic", "Sciatica"),
        (Condition, "tennis elbow", "Lateral elbow pain"),
    ],
)
def test_synonyms_patients_type_lead_to_the_concept(model, term, name):
    matches = [concept.name for concept in model.objects.all() if term in concept.terms]
    assert matches == [name]


def test_every_scope_rule_has_a_source_url_and_review_date():
    rules = ScopeRule.objects.all()
    assert rules.count() > 100
    for rule in rules:
        rule.full_clean()
        assert rule.source_url.startswith("https://")
        assert rule.last_reviewed is not None


def test_every_us_state_and_dc_has_a_physiotherapy_dry_needling_rule():
    covered = ScopeRule.objects.filter(
        profession__name="Physiotherapist", technique__name="Dry needling", jurisdiction__country="US"
    ).count()
    assert covered == 51


@pytest.mark.parametrize(
    ("code", "profession", "status"),
    [
        ("US-CA", "Physiotherapist", "prohibited"),
        ("US-NY", "Physiotherapist", "prohibited"),
        ("US-CO", "Physiotherapist", "conditional"),
        ("US-IL", "Physiotherapist", "unclear"),
        ("US-PA", "Physiotherapist", "unclear"),
        ("IN-DL", "Physiotherapist", "unclear"),
        ("IN-MH", "Physiotherapist", "unclear"),
        ("CA-ON", "Physiotherapist", "conditional"),
        ("GB-ENG", "Physiotherapist", "conditional"),
        ("US-FL", "Chiropractor", "unclear"),
        ("US-CA", "Chiropractor", "prohibited"),
        ("US-WA", "Acupuncturist", "permitted"),
    ],
)
def test_rules_follow_the_reference(code, profession, status):
    rule = ScopeRule.objects.get(jurisdiction__code=code, profession__name=profession, technique__name="Dry needling")
    assert rule.status == status


def test_conflicting_sources_use_the_stricter_figure_and_say_so():
    colorado = ScopeRule.objects.get(jurisdiction__code="US-CO", profession__name="Physiotherapist")
    assert colorado.min_training_hours == 50
    assert "conflict" in colorado.notes


def test_every_indian_jurisdiction_is_unclear_for_physiotherapists():
    indian = Jurisdiction.objects.filter(country="IN").count()
    unclear = ScopeRule.objects.filter(
        jurisdiction__country="IN", profession__name="Physiotherapist", status="unclear"
    ).count()
    assert unclear == indian == 36


def test_australia_has_no_rule_rather_than_a_guess():
    assert not ScopeRule.objects.filter(jurisdiction__country="AU").exists()


def test_loading_twice_changes_nothing():
    before = {model: model.objects.count() for model in (Jurisdiction, Profession, Technique, Condition, ScopeRule)}
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert {model: model.objects.count() for model in before} == before
    assert "0 created" in out.getvalue()


def test_an_editors_later_review_survives_a_reload():
    rule = ScopeRule.objects.get(jurisdiction__code="US-OR", profession__name="Physiotherapist")
    ScopeRule.objects.filter(pk=rule.pk).update(
        status="conditional", conditions="Board rules adopted", last_reviewed=datetime.date(2027, 3, 1)
    )
    call_command("load_reference_data", stdout=io.StringIO())
    rule.refresh_from_db()
    assert rule.status == "conditional"


def test_a_stale_stored_rule_is_refreshed_from_a_newer_shipped_review():
    rule = ScopeRule.objects.get(jurisdiction__code="US-CA", profession__name="Physiotherapist")
    ScopeRule.objects.filter(pk=rule.pk).update(status="permitted", last_reviewed=datetime.date(2020, 1, 1))
    call_command("load_reference_data", stdout=io.StringIO())
    rule.refresh_from_db()
    assert rule.status == "prohibited"


def test_overwrite_replaces_editors_changes_with_the_shipped_table():
    Technique.objects.filter(name="Cupping").update(description="edited")
    call_command("load_reference_data", "--overwrite", stdout=io.StringIO())
    assert Technique.objects.get(name="Cupping").description == "Suction cups applied to the skin."
