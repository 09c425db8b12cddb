"""The scope check answers permitted / not permitted / unknown, and always says why.

Every branch of directory.scope is pinned here against the shipped rule table:
Colorado PTs (conditional: 50 h, 2 years), California PTs (prohibited), Illinois PTs
(unclear), Texas physicians (no rule recorded).
"""

import datetime

import pytest

from directory.models import Licence, ScopeRule, Technique
from directory.scope import NOT_PERMITTED, PERMITTED, UNKNOWN, check_scope
from tests.factories import make_clinic, make_licence, make_location, make_practitioner

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 21)


@pytest.fixture
def dry_needling():
    return Technique.objects.get(name="Dry needling")


@pytest.fixture
def denver_clinic():
    return make_clinic("Mile High Physio")


@pytest.fixture
def denver(denver_clinic):
    return denver_clinic.locations.get()


def practitioner_with(clinic, hours=54, **licence):
    practitioner = make_practitioner(clinic, certifications=(("Dry needling", hours),) if hours else ())
    if licence is not None:
        make_licence(practitioner, **licence)
    return practitioner


def test_active_verified_licence_with_enough_training_is_within_scope(denver_clinic, denver, dry_needling):
    practitioner = practitioner_with(denver_clinic, hours=54)
    result = check_scope(practitioner, dry_needling, denver, on=TODAY)
    assert result.verdict == PERMITTED
    assert result.reason_codes[0] == "permitted"
    assert result.summary.startswith(
        "Dry needling: within scope in Colorado — active verified physiotherapist licence, "
        "54 h certified training; state minimum 50 h"
    )


def test_conditional_rule_reports_its_conditions(denver_clinic, denver, dry_needling):
    result = check_scope(practitioner_with(denver_clinic), dry_needling, denver, on=TODAY)
    assert "conditions" in result.reason_codes
    assert "written consent" in result.summary


def test_no_licence_in_the_locations_jurisdiction_is_not_permitted(denver_clinic, denver, dry_needling):
    practitioner = make_practitioner(denver_clinic)
    make_licence(practitioner, jurisdiction="US-TX")  # licensed elsewhere only
    result = check_scope(practitioner, dry_needling, denver, on=TODAY)
    assert result.verdict == NOT_PERMITTED
    assert result.reason_codes == ["no_licence"]
    assert "no licence recorded in Colorado" in result.summary


def test_licence_past_its_expiry_date_is_not_permitted(denver_clinic, denver, dry_needling):
    practitioner = practitioner_with(denver_clinic, expires_on=TODAY - datetime.timedelta(days=1))
    result = check_scope(practitioner, dry_needling, denver, on=TODAY)
    assert (result.verdict, result.reason_codes) == (NOT_PERMITTED, ["licence_expired"])


def test_licence_marked_expired_is_not_permitted_even_without_a_date(denver_clinic, denver, dry_needling):
    practitioner = practitioner_with(denver_clinic, status=Licence.Status.EXPIRED)
    assert check_scope(practitioner, dry_needling, denver, on=TODAY).reason_codes == ["licence_expired"]


@pytest.mark.parametrize("status", [Licence.Status.SUSPENDED, Licence.Status.REVOKED, Licence.Status.INACTIVE])
def test_suspended_revoked_or_inactive_licence_is_not_permitted(denver_clinic, denver, dry_needling, status):
    result = check_scope(practitioner_with(denver_clinic, status=status), dry_needling, denver, on=TODAY)
    assert (result.verdict, result.reason_codes) == (NOT_PERMITTED, ["licence_inactive"])


def test_licence_on_probation_gives_unknown(denver_clinic, denver, dry_needling):
    result = check_scope(
        practitioner_with(denver_clinic, status=Licence.Status.PROBATION), dry_needling, denver, on=TODAY
    )
    assert (result.verdict, result.reason_codes) == (UNKNOWN, ["licence_restricted"])


def test_unverified_licence_gives_unknown(denver_clinic, denver, dry_needling):
    result = check_scope(practitioner_with(denver_clinic, verified=False), dry_needling, denver, on=TODAY)
    assert (result.verdict, result.reason_codes) == (UNKNOWN, ["licence_unverified"])
    assert "not yet verified" in result.summary


def test_licence_that_failed_verification_is_not_permitted(denver_clinic, denver, dry_needling):
    practitioner = make_practitioner(denver_clinic)
    licence = make_licence(practitioner, verified=False)
    licence.record_verification(by=None, verified=False, source="Colorado DORA lookup: no match")
    result = check_scope(practitioner, dry_needling, denver, on=TODAY)
    assert (result.verdict, result.reason_codes) == (NOT_PERMITTED, ["licence_rejected"])


def test_profession_prohibited_in_the_jurisdiction_is_not_permitted(dry_needling):
    clinic = make_clinic(location=make_location(jurisdiction="US-CA", city="San Francisco"))
    practitioner = practitioner_with(clinic, jurisdiction="US-CA")
    result = check_scope(practitioner, dry_needling, clinic.locations.get(), on=TODAY)
    assert (result.verdict, result.reason_codes) == (NOT_PERMITTED, ["profession_not_permitted"])
    assert result.rule.status == ScopeRule.Status.PROHIBITED


def test_unclear_rule_gives_unknown_with_the_reason(dry_needling):
    clinic = make_clinic(location=make_location(jurisdiction="US-IL", city="Chicago"))
    practitioner = practitioner_with(clinic, jurisdiction="US-IL")
    result = check_scope(practitioner, dry_needling, clinic.locations.get(), on=TODAY)
    assert (result.verdict, result.reason_codes) == (UNKNOWN, ["rule_unclear"])
    assert "repeal" in result.summary


def test_missing_rule_gives_unknown(dry_needling):
    clinic = make_clinic(location=make_location(jurisdiction="US-TX", city="Austin"))
    practitioner = practitioner_with(clinic, jurisdiction="US-TX", profession="Physician")
    result = check_scope(practitioner, dry_needling, clinic.locations.get(), on=TODAY)
    assert (result.verdict, result.reason_codes) == (UNKNOWN, ["no_rule"])
    assert result.rule is None


def test_too_few_training_hours_is_not_permitted(denver_clinic, denver, dry_needling):
    result = check_scope(practitioner_with(denver_clinic, hours=27), dry_needling, denver, on=TODAY)
    assert (result.verdict, result.reason_codes) == (NOT_PERMITTED, ["too_few_hours"])
    assert "27 h certified training; state minimum 50 h" in result.summary


def test_too_few_years_licensed_is_not_permitted(denver_clinic, denver, dry_needling):
    practitioner = practitioner_with(denver_clinic, issued_on=TODAY - datetime.timedelta(days=400))
    result = check_scope(practitioner, dry_needling, denver, on=TODAY)
    assert (result.verdict, result.reason_codes) == (NOT_PERMITTED, ["too_few_years"])


def test_unknown_issue_date_when_years_are_required_gives_unknown(denver_clinic, denver, dry_needling):
    practitioner = practitioner_with(denver_clinic, issued_on=None)
    result = check_scope(practitioner, dry_needling, denver, on=TODAY)
    assert (result.verdict, result.reason_codes) == (UNKNOWN, ["issue_date_unknown"])


def test_named_method_is_covered_by_its_familys_rule_and_training(denver_clinic, denver):
    ims = Technique.objects.get(name="Intramuscular stimulation")
    practitioner = make_practitioner(
        denver_clinic, certifications=(("Intramuscular stimulation", 30), ("Functional dry needling", 27))
    )
    make_licence(practitioner)
    result = check_scope(practitioner, ims, denver, on=TODAY)
    assert result.verdict == PERMITTED
    assert result.rule.technique.name == "Dry needling"
    assert result.training_hours == 57


def test_training_in_another_technique_does_not_count(denver_clinic, denver, dry_needling):
    practitioner = make_practitioner(denver_clinic, certifications=(("Acupuncture", 300),))
    make_licence(practitioner)
    result = check_scope(practitioner, dry_needling, denver, on=TODAY)
    assert result.reason_codes == ["too_few_hours"]
    assert result.training_hours == 0


def test_the_best_of_several_licences_decides(denver_clinic, denver, dry_needling):
    practitioner = make_practitioner(denver_clinic)
    make_licence(practitioner, status=Licence.Status.SUSPENDED)
    make_licence(practitioner, profession="Chiropractor")  # no Colorado chiropractor rule: unknown
    result = check_scope(practitioner, dry_needling, denver, on=TODAY)
    assert result.verdict == UNKNOWN
    make_licence(practitioner, profession="Physician", verified=True)
    ScopeRule.objects.create(
        jurisdiction=denver.jurisdiction,
        profession=result.licence.profession.__class__.objects.get(name="Physician"),
        technique=dry_needling,
        status=ScopeRule.Status.PERMITTED,
        source_name="Test rule",
        source_url="https://example.org/rule",
        last_reviewed=TODAY,
    )
    assert check_scope(practitioner, dry_needling, denver, on=TODAY).verdict == PERMITTED


def test_prefetched_licences_and_rules_cost_no_queries(denver_clinic, denver, dry_needling, django_assert_num_queries):
    practitioner = practitioner_with(denver_clinic)
    practitioner = type(practitioner).objects.prefetch_related("certifications").get(pk=practitioner.pk)
    licences = list(Licence.objects.select_related("profession", "jurisdiction"))
    rules = list(ScopeRule.objects.filter(jurisdiction=denver.jurisdiction))
    technique = Technique.objects.select_related("parent").get(pk=dry_needling.pk)
    technique.family_ids()  # remembered on the instance, as a bulk caller would warm it
    location = type(denver).objects.select_related("jurisdiction").get(pk=denver.pk)
    with django_assert_num_queries(0):
        result = check_scope(practitioner, technique, location, on=TODAY, licences=licences, rules=rules)
    assert result.verdict == PERMITTED
