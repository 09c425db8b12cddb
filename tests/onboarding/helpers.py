"""Builders for onboarding tests: a filled-in "List your clinic" form and applications made through it."""

import re

from django.core import mail
from django.urls import reverse

from directory.models import Jurisdiction, Profession, Technique
from onboarding.models import ClaimedLicence, ClinicApplication
from tests.factories import unique


def application_form(**overrides):
    """POST data for the public form: a new clinic in Denver with one Colorado licence."""
    licences = overrides.pop("licences", [("Dr Jane Doe", "Physiotherapist", "US-CO", "PT-12345")])
    data = {
        "clinic_name": "Mile High Physio",
        "website": "https://www.milehighphysio.example",
        "phone": "+1 303 555 0100",
        "street_address": "1550 Larimer St",
        "locality": "LoDo",
        "city": "Denver",
        "postcode": "80202",
        "jurisdiction": Jurisdiction.objects.get(code="US-CO").pk,
        "latitude": "",
        "longitude": "",
        "contact_name": "Jane Doe",
        "contact_email": "Jane@MileHighPhysio.example",
        "professions": [Profession.objects.get(name="Physiotherapist").pk],
        "techniques": [Technique.objects.get(name="Dry needling").pk],
        "message": "",
        "homepage": "",
        "licences-TOTAL_FORMS": str(max(len(licences), 1)),
        "licences-INITIAL_FORMS": "0",
        "licences-MIN_NUM_FORMS": "1",
        "licences-MAX_NUM_FORMS": "20",
    }
    for index, (holder, profession, jurisdiction, number) in enumerate(licences):
        data[f"licences-{index}-holder_name"] = holder
        data[f"licences-{index}-profession"] = Profession.objects.get(name=profession).pk
        data[f"licences-{index}-jurisdiction"] = Jurisdiction.objects.get(code=jurisdiction).pk
        data[f"licences-{index}-number"] = number
    data.update(overrides)
    return data


def make_application(
    *, kind=ClinicApplication.Kind.NEW, clinic=None, latitude="39.750000", longitude="-105.000000", **fields
):
    name = fields.pop("clinic_name", unique("Applicant Clinic "))
    application = ClinicApplication.objects.create(
        kind=kind,
        clinic=clinic,
        clinic_name=name,
        website=fields.pop("website", f"https://{name.lower().replace(' ', '')}.example"),
        street_address="1 Main St",
        city=fields.pop("city", "Denver"),
        jurisdiction=Jurisdiction.objects.get(code="US-CO"),
        latitude=latitude,
        longitude=longitude,
        contact_name="Pat Applicant",
        contact_email=fields.pop("contact_email", f"{unique('owner')}@example.org"),
        **fields,
    )
    ClaimedLicence.objects.create(
        application=application,
        holder_name="Dr Pat",
        profession=Profession.objects.get(name="Physiotherapist"),
        jurisdiction=Jurisdiction.objects.get(code="US-CO"),
        number=unique("PT-"),
    )
    return application


def invitation_link(message=None):
    """The invitation link in the latest e-mail (or the given one), as a path."""
    message = message or mail.outbox[-1]
    match = re.search(r"https?://[^/\s]+(/invitation/\S+/)", message.body)
    assert match, f"no invitation link in: {message.body}"
    return match.group(1)


def apply_url():
    return reverse("onboarding:apply")
