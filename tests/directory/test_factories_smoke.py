import pytest

from tests.factories import make_clinic, make_licence, make_practitioner

pytestmark = pytest.mark.django_db


def test_a_practitioner_lives_beneath_the_clinic_that_manages_it():
    clinic = make_clinic("Mile High Physio")
    practitioner = make_practitioner(clinic, "Dr Maya Ortiz")
    make_licence(practitioner)
    assert practitioner.get_parent().specific == clinic
    assert practitioner.practice_locations.get().location.clinic_id == clinic.pk
    assert practitioner.licences.verified().count() == 1
    assert clinic.team.group.name.startswith("Managers of Mile High Physio")
