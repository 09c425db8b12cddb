from directory.models.appointments import AppointmentRequest
from directory.models.clinics import ClinicIndexPage, ClinicLocation, ClinicPage, ClinicPhoto, ClinicTeam, OpeningHours
from directory.models.practitioners import (
    Certification,
    Fee,
    Licence,
    PractitionerLocation,
    PractitionerPage,
)
from directory.models.reference import (
    Condition,
    InsurancePlan,
    Jurisdiction,
    Language,
    Profession,
    ScopeRule,
    Technique,
)

__all__ = [
    "AppointmentRequest",
    "Certification",
    "ClinicIndexPage",
    "ClinicLocation",
    "ClinicPage",
    "ClinicPhoto",
    "ClinicTeam",
    "Condition",
    "Fee",
    "InsurancePlan",
    "Jurisdiction",
    "Language",
    "Licence",
    "OpeningHours",
    "PractitionerLocation",
    "PractitionerPage",
    "Profession",
    "ScopeRule",
    "Technique",
]
