"""Validation that keeps listings honest: identifiers, dates, hours, money, vocabulary."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from directory.models import (
    Certification,
    ClinicLocation,
    Jurisdiction,
    Licence,
    OpeningHours,
    Profession,
    ScopeRule,
    Technique,
)
from directory.money import format_money
from directory.validators import validate_npi
from tests.factories import make_clinic, make_licence, make_location, make_practitioner, make_user

pytestmark = pytest.mark.django_db


class TestNPI:
    def test_a_valid_npi_passes(self):
        validate_npi("1993999998")

    @pytest.mark.parametrize("value", ["1993999997", "3993999998", "199399999", "19939999980", "19939999a8"])
    def test_a_wrong_check_digit_prefix_or_length_is_refused(self, value):
        with pytest.raises(ValidationError):
            validate_npi(value)


class TestLicence:
    @pytest.fixture
    def practitioner(self):
        return make_practitioner(make_clinic())

    def build(self, practitioner, **fields):
        values = {
            "practitioner": practitioner,
            "profession": Profession.objects.get(name="Physiotherapist"),
            "jurisdiction": Jurisdiction.objects.get(code="US-CO"),
            "number": "PT012345",
        }
        values.update(fields)
        return Licence(**values)

    def test_australian_numbers_follow_the_ahpra_format(self, practitioner):
        nsw = Jurisdiction.objects.get(code="AU-NSW")
        self.build(practitioner, jurisdiction=nsw, number="PHY0001234567").full_clean()
        with pytest.raises(ValidationError, match="Ahpra"):
            self.build(practitioner, jurisdiction=nsw, number="PT012345").full_clean()

    def test_uk_physiotherapists_use_hcpc_numbers(self, practitioner):
        england = Jurisdiction.objects.get(code="GB-ENG")
        self.build(practitioner, jurisdiction=england, number="PH123456").full_clean()
        with pytest.raises(ValidationError, match="HCPC"):
            self.build(practitioner, jurisdiction=england, number="123456").full_clean()

    def test_uk_doctors_use_gmc_numbers_and_other_uk_registers_are_free_form(self, practitioner):
        england = Jurisdiction.objects.get(code="GB-ENG")
        physician = Profession.objects.get(name="Physician")
        self.build(practitioner, jurisdiction=england, profession=physician, number="1234567").full_clean()
        with pytest.raises(ValidationError, match="GMC"):
            self.build(practitioner, jurisdiction=england, profession=physician, number="PH123456").full_clean()
        osteopath = Profession.objects.get(name="Osteopath")
        self.build(practitioner, jurisdiction=england, profession=osteopath, number="5678").full_clean()

    def test_markup_in_a_licence_number_is_refused(self, practitioner):
        with pytest.raises(ValidationError):
            self.build(practitioner, number="<script>").full_clean()

    def test_a_licence_must_expire_after_it_was_issued(self, practitioner):
        licence = self.build(practitioner, issued_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2019, 1, 1))
        with pytest.raises(ValidationError) as error:
            licence.full_clean()
        assert "expires_on" in error.value.message_dict

    def test_the_same_number_cannot_be_claimed_twice_on_one_board(self, practitioner):
        make_licence(practitioner, number="PT999")
        other = make_practitioner(make_clinic())
        with pytest.raises(ValidationError):
            self.build(other, number="PT999").full_clean()

    def test_changing_a_verified_fact_returns_the_licence_to_unverified(self, practitioner):
        licence = make_licence(practitioner, verified=True)
        assert licence.is_verified
        licence.number = "PT777777"
        licence.save()
        licence.refresh_from_db()
        assert licence.verification_status == Licence.Verification.UNVERIFIED
        assert licence.verified_at is None and licence.verification_source == ""

    def test_saving_without_changes_keeps_the_verification(self, practitioner):
        licence = make_licence(practitioner, verified=True)
        fresh = Licence.objects.get(pk=licence.pk)
        fresh.save()
        assert Licence.objects.get(pk=licence.pk).is_verified

    def test_a_verification_records_who_when_and_against_what(self, practitioner):
        moderator = make_user()
        licence = make_licence(practitioner, verified=False)
        licence.record_verification(
            by=moderator, verified=True, source="https://apps.colorado.gov/dora/licensing/Lookup"
        )
        licence.refresh_from_db()
        assert licence.verified_by == moderator
        assert licence.verified_at is not None
        assert licence.verification_source.startswith("https://apps.colorado.gov")

    def test_a_verification_without_a_source_is_refused(self, practitioner):
        licence = make_licence(practitioner, verified=False)
        with pytest.raises(ValidationError):
            licence.record_verification(by=None, verified=True, source="   ")
        licence.refresh_from_db()
        assert not licence.is_verified

    def test_current_licences_exclude_expired_and_inactive_ones(self, practitioner):
        current = make_licence(practitioner)
        make_licence(practitioner, expires_on=datetime.date.today() - datetime.timedelta(days=1))
        make_licence(practitioner, status=Licence.Status.SUSPENDED)
        assert list(Licence.objects.current()) == [current]


class TestScopeRule:
    def base(self, **fields):
        values = {
            "jurisdiction": Jurisdiction.objects.get(code="US-AK"),
            "profession": Profession.objects.get(name="Osteopath"),
            "technique": Technique.objects.get(name="Cupping"),
            "status": ScopeRule.Status.PERMITTED,
            "source_name": "Board",
            "source_url": "https://example.org/board",
            "last_reviewed": datetime.date(2026, 1, 1),
        }
        values.update(fields)
        return ScopeRule(**values)

    def test_a_rule_needs_a_source_url_and_review_date(self):
        with pytest.raises(ValidationError) as error:
            self.base(source_url="", last_reviewed=None).full_clean()
        assert {"source_url", "last_reviewed"} <= set(error.value.message_dict)

    def test_a_conditional_rule_must_say_its_conditions(self):
        with pytest.raises(ValidationError, match="conditions"):
            self.base(status=ScopeRule.Status.CONDITIONAL).full_clean()

    def test_an_unclear_rule_must_say_why(self):
        with pytest.raises(ValidationError, match="unclear"):
            self.base(status=ScopeRule.Status.UNCLEAR).full_clean()

    def test_a_prohibition_cannot_set_training_hours(self):
        with pytest.raises(ValidationError):
            self.base(status=ScopeRule.Status.PROHIBITED, min_training_hours=20).full_clean()

    def test_one_rule_per_jurisdiction_profession_and_technique(self):
        existing = ScopeRule.objects.get(jurisdiction__code="US-CO", profession__name="Physiotherapist")
        duplicate = self.base(
            jurisdiction=existing.jurisdiction, profession=existing.profession, technique=existing.technique
        )
        with pytest.raises(ValidationError):
            duplicate.full_clean()


class TestVocabulary:
    def test_a_synonym_cannot_name_two_concepts(self):
        technique = Technique(name="Needle therapy", synonyms="IMS")
        with pytest.raises(ValidationError, match="Intramuscular stimulation"):
            technique.full_clean()

    def test_terms_are_normalised_and_include_the_name(self):
        assert Technique.objects.get(name="Intramuscular stimulation").terms[:2] == ["intramuscular stimulation", "ims"]

    def test_a_technique_cannot_be_a_method_of_its_own_method(self):
        dry_needling = Technique.objects.get(name="Dry needling")
        dry_needling.parent = Technique.objects.get(name="Intramuscular stimulation")
        with pytest.raises(ValidationError, match="method of itself"):
            dry_needling.full_clean()

    def test_a_family_holds_its_methods(self):
        dry_needling = Technique.objects.get(name="Dry needling")
        names = set(Technique.objects.filter(pk__in=dry_needling.family_ids()).values_list("name", flat=True))
        assert {"Dry needling", "Intramuscular stimulation", "Functional dry needling"} <= names
        assert "Acupuncture" not in names

    def test_a_jurisdiction_code_matches_its_country(self):
        with pytest.raises(ValidationError):
            Jurisdiction(code="US-ZZ", name="Nowhere", country="CA", kind="province").full_clean()


class TestLocation:
    def test_home_visits_need_a_radius(self):
        location = make_location(home_visits=True)
        with pytest.raises(ValidationError, match="how far"):
            location.clean()

    def test_a_radius_without_home_visits_is_refused(self):
        with pytest.raises(ValidationError):
            make_location(home_visit_radius_km=10).clean()

    def test_coordinates_must_be_on_earth(self):
        location = make_location(coords=(Decimal("91"), Decimal("0")))
        with pytest.raises(ValidationError) as error:
            location.clean_fields(exclude=["clinic"])
        assert "latitude" in error.value.message_dict

    def test_confirmation_cannot_be_dated_in_the_future(self):
        location = make_location(accepting_confirmed_on=datetime.date.today() + datetime.timedelta(days=2))
        with pytest.raises(ValidationError):
            location.clean()

    def test_a_clinic_has_several_locations(self):
        clinic = make_clinic()
        make_location(clinic, city="Aurora")
        assert ClinicLocation.objects.filter(clinic=clinic).count() == 2

    def test_opening_hours_must_close_after_they_open(self):
        hours = OpeningHours(weekday=0, opens=datetime.time(17), closes=datetime.time(9))
        with pytest.raises(ValidationError, match="after opening"):
            hours.clean()


class TestCertification:
    def test_a_certification_cannot_be_completed_in_the_future(self):
        certification = Certification(completed_on=datetime.date.today() + datetime.timedelta(days=1))
        with pytest.raises(ValidationError):
            certification.clean()

    def test_hours_must_be_positive(self):
        practitioner = make_practitioner(make_clinic())
        certification = practitioner.certifications.first()
        certification.hours = 0
        with pytest.raises(ValidationError):
            certification.clean_fields()


class TestMoney:
    def test_rupees_group_in_lakhs(self):
        assert format_money(Decimal("150000"), "INR") == "₹1,50,000"

    def test_dollars_show_cents_only_when_there_are_some(self):
        assert format_money(Decimal("120"), "USD") == "$120"
        assert format_money(Decimal("120.50"), "USD") == "$120.50"

    def test_other_currencies_use_their_own_symbols(self):
        assert format_money(Decimal("95"), "GBP") == "£95"
        assert format_money(Decimal("110"), "CAD") == "$110"
        assert format_money(Decimal("110"), "AUD") == "$110"

    def test_a_fee_reads_in_its_currency(self):
        practitioner = make_practitioner(make_clinic(), fees=(("Initial assessment", "1500.00", "INR"),))
        assert practitioner.fees.get().formatted_amount == "₹1,500"

    def test_a_fee_needs_a_known_currency_and_a_sane_amount(self):
        practitioner = make_practitioner(make_clinic())
        fee = practitioner.fees.get()
        fee.currency, fee.amount = "XYZ", Decimal("-5")
        with pytest.raises(ValidationError) as error:
            fee.clean_fields()
        assert {"currency", "amount"} <= set(error.value.message_dict)
