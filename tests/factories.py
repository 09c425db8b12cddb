"""Small builders for the objects tests need, with sensible defaults a test overrides by name.

They go through the same paths as the admin (add_child, save_revision, publish), so a
clinic built here has its managers group and a practitioner sits beneath its clinic.
"""

import datetime
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from directory.models import (
    Certification,
    ClinicIndexPage,
    ClinicLocation,
    ClinicPage,
    Condition,
    Fee,
    Jurisdiction,
    Licence,
    OpeningHours,
    PractitionerLocation,
    PractitionerPage,
    Profession,
    Technique,
)
from directory.roles import add_manager, moderators_group

_sequence = itertools.count(1)

DENVER = (Decimal("39.739200"), Decimal("-104.990300"))
DELHI = (Decimal("28.613900"), Decimal("77.209000"))


def unique(prefix):
    return f"{prefix}{next(_sequence)}"


def make_location(clinic=None, *, jurisdiction="US-CO", city="Denver", coords=DENVER, hours=True, **fields):
    location = ClinicLocation(
        street_address=fields.pop("street_address", "1550 Larimer St"),
        city=city,
        jurisdiction=Jurisdiction.objects.get(code=jurisdiction),
        latitude=coords[0],
        longitude=coords[1],
        **fields,
    )
    if hours:
        location.opening_hours = [
            OpeningHours(weekday=day, opens=datetime.time(9), closes=datetime.time(17)) for day in range(5)
        ]
    if clinic is not None:
        location.clinic = clinic
        location.save()
    return location


def make_clinic(title=None, *, location=None, publish=True, **fields):
    """A published clinic under /clinics/ with one location (Denver, Colorado, unless given)."""
    title = title or unique("Test Clinic ")
    clinic = ClinicPage(title=title, slug=slugify(title), **fields)
    clinic.locations = [location or make_location()]
    ClinicIndexPage.objects.get().add_child(instance=clinic)
    revision = clinic.save_revision()
    if publish:
        revision.publish()
    else:
        clinic.live = False
        clinic.save(update_fields=["live"])
    clinic.refresh_from_db()
    return clinic


def make_practitioner(
    clinic,
    title=None,
    *,
    professions=("Physiotherapist",),
    techniques=("Dry needling",),
    conditions=("Sciatica",),
    locations=None,
    certifications=(("Dry needling", 54),),
    fees=(("Initial assessment", "120.00", "USD"),),
    publish=True,
    **fields,
):
    """A practitioner beneath `clinic`, practising at its first location unless told otherwise."""
    title = title or unique("Dr Test ")
    practitioner = PractitionerPage(title=title, slug=slugify(title), **fields)
    practitioner.professions = list(Profession.objects.filter(name__in=professions))
    practitioner.techniques = list(Technique.objects.filter(name__in=techniques))
    practitioner.conditions = list(Condition.objects.filter(name__in=conditions))
    practitioner.practice_locations = [
        PractitionerLocation(location=location) for location in (locations or [clinic.locations.first()])
    ]
    practitioner.certifications = [
        Certification(
            technique=Technique.objects.get(name=technique),
            title=f"{technique} course",
            provider="Test Institute",
            hours=hours,
            completed_on=datetime.date(2020, 1, 1),
        )
        for technique, hours in certifications
    ]
    practitioner.fees = [Fee(service=service, amount=Decimal(amount), currency=cur) for service, amount, cur in fees]
    clinic.add_child(instance=practitioner)
    revision = practitioner.save_revision()
    if publish:
        revision.publish()
    practitioner.refresh_from_db()
    return practitioner


def make_licence(
    practitioner,
    *,
    jurisdiction="US-CO",
    profession="Physiotherapist",
    number=None,
    status=Licence.Status.ACTIVE,
    verified=True,
    issued_on=datetime.date(2015, 6, 1),
    expires_on=None,
    verifier=None,
):
    licence = Licence.objects.create(
        practitioner=practitioner,
        profession=Profession.objects.get(name=profession),
        jurisdiction=Jurisdiction.objects.get(code=jurisdiction),
        number=number or unique("PT-"),
        status=status,
        issued_on=issued_on,
        expires_on=expires_on if expires_on is not None else datetime.date.today() + datetime.timedelta(days=365),
    )
    if verified:
        licence.record_verification(by=verifier, verified=True, source="State board register (test)")
    return licence


def make_user(username=None, *, superuser=False, password="correct horse battery staple", **fields):
    username = username or unique("user")
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", password, **fields)
    return User.objects.create_user(username, f"{username}@example.org", password, **fields)


def make_manager(clinic, username=None):
    user = make_user(username)
    add_manager(clinic, user)
    return user


def make_moderator(username=None):
    user = make_user(username)
    user.groups.add(moderators_group())
    return user
