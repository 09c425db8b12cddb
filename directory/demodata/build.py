"""Turn a demo plan into pages, licences, images and users; each builder skips what exists.

Clinics are found by slug beneath the clinic index and practitioners by slug beneath
their clinic, so running the demo again creates nothing new. Pages go through
add_child, save_revision and publish, as an editor's would.
"""

import os

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.text import slugify

from directory.demodata import images
from directory.demodata.credentials import register_for
from directory.demodata.people import KIND_PROFESSIONS
from directory.demodata.places import CITIES
from directory.models import (
    Certification,
    ClinicIndexPage,
    ClinicLocation,
    ClinicPage,
    Condition,
    Fee,
    InsurancePlan,
    Jurisdiction,
    Language,
    Licence,
    OpeningHours,
    PractitionerLocation,
    PractitionerPage,
    Profession,
    ScopeRule,
    Technique,
)
from directory.referencedata import vocabulary
from directory.roles import add_manager, moderators_group

DEFAULT_PASSWORD = "inscope-demo"


class ReferenceDataMissing(ImproperlyConfigured):
    pass


class Reference:
    """Reference rows by natural key, loaded once, so building does no look-up queries."""

    def __init__(self):
        self.jurisdictions = {j.code: j for j in Jurisdiction.objects.all()}
        self.professions = {p.name: p for p in Profession.objects.all()}
        self.techniques = {t.name: t for t in Technique.objects.all()}
        self.conditions = {c.name: c for c in Condition.objects.all()}
        self.languages = {language.code: language for language in Language.objects.all()}
        self.insurance = {(plan.country, plan.name): plan for plan in InsurancePlan.objects.all()}
        self.has_scope_rules = ScopeRule.objects.exists()

    def missing(self):
        """What the demo needs from load_reference_data and cannot find, as short phrases."""
        wanted = [
            ("jurisdiction", self.jurisdictions, [city.jurisdiction for city in CITIES.values()]),
            ("profession", self.professions, sorted({name for kind in KIND_PROFESSIONS.values() for name in kind})),
            ("technique", self.techniques, [row[0] for row in vocabulary.TECHNIQUES]),
            ("condition", self.conditions, [row[0] for row in vocabulary.CONDITIONS]),
            ("language", self.languages, [code for code, _ in vocabulary.LANGUAGES]),
            ("insurance plan", self.insurance, [(c, n) for c, names in vocabulary.INSURANCE_PLANS for n in names]),
        ]
        gaps = []
        for label, found, keys in wanted:
            absent = [key for key in keys if key not in found]
            if 0 < len(absent) <= 3:
                gaps.append(f"{label} {', '.join(_key_name(key) for key in absent)}")
            elif absent:
                gaps.append(f"{len(absent)} {label}s")
        if not self.has_scope_rules:
            gaps.append("the scope rules")
        return gaps


def _key_name(key):
    return f"{key[1]} ({key[0]})" if isinstance(key, tuple) else key


def load_reference():
    reference = Reference()
    gaps = reference.missing()
    if gaps:
        raise ReferenceDataMissing(
            f"Reference data is missing ({', '.join(gaps)}). Run `manage.py load_reference_data` first."
        )
    if not ClinicIndexPage.objects.exists():
        raise ReferenceDataMissing("There is no clinic index page (/clinics/). Run `manage.py migrate` first.")
    return reference


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


@transaction.atomic
def ensure_users(password, counts):
    """The demo's three logins. Passwords are reset on every run, so the one printed always works;
    the manager gets a clinic later, in assign_manager."""
    User = get_user_model()
    users = {}
    for username, superuser in (("admin", True), ("moderator", False), ("manager", False)):
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org", "is_staff": superuser}
        )
        if superuser:
            user.is_superuser = user.is_staff = True
        user.set_password(password)
        user.save()
        counts["users"] += created
        users[username] = user
    users["moderator"].groups.add(moderators_group())
    return users


def build_clinic(plan, index_page, reference, counts):
    """The clinic page of `plan`, its team, logo and locations; an existing one is returned as is."""
    existing = ClinicPage.objects.child_of(index_page).filter(slug=plan.slug).first()
    if existing is not None:
        counts["clinics already present"] += 1
        return existing, False
    clinic = ClinicPage(
        title=plan.title,
        slug=plan.slug,
        description=plan.description,
        website=plan.website,
        phone=plan.phone,
        email=plan.email,
    )
    clinic.insurance_plans = [reference.insurance[(plan.country, name)] for name in plan.insurance]
    clinic.languages = [reference.languages[code] for code in plan.languages]
    clinic.locations = [build_location(location, reference) for location in plan.locations]
    index_page.add_child(instance=clinic)  # The post_save signal creates its team and collection.
    collection = clinic.team.collection
    clinic.logo = images.save_image(
        f"{plan.title} logo (generated)",
        f"demo-logo-{plan.slug}.png",
        images.logo_png(plan.title, plan.colour),
        collection,
    )
    clinic.save_revision().publish()
    counts["clinics"] += 1
    counts["locations"] += len(plan.locations)
    counts["images"] += 1
    return clinic, True


def build_location(plan, reference):
    location = ClinicLocation(
        name=plan.name,
        street_address=plan.street_address,
        locality=plan.locality,
        city=plan.city,
        postcode=plan.postcode,
        jurisdiction=reference.jurisdictions[plan.jurisdiction],
        latitude=plan.latitude,
        longitude=plan.longitude,
        phone=plan.phone,
        home_visits=bool(plan.home_visit_radius_km),
        home_visit_radius_km=plan.home_visit_radius_km,
        telehealth=plan.telehealth,
        accepting_new_patients=plan.accepting_new_patients,
        accepting_confirmed_on=plan.accepting_confirmed_on,
    )
    location.opening_hours = [
        OpeningHours(weekday=day, opens=opens, closes=closes) for day, opens, closes in plan.hours
    ]
    location.clean()
    return location


def build_practitioner(plan, clinic, reference, verifier, counts):
    """The practitioner page beneath `clinic`, with photo, fees, training and licences."""
    existing = PractitionerPage.objects.child_of(clinic).filter(slug=plan.slug).first()
    if existing is not None:
        counts["practitioners already present"] += 1
        return existing, False
    locations = list(clinic.locations.all())
    page = PractitionerPage(
        title=plan.title,
        slug=plan.slug,
        post_nominals=plan.post_nominals,
        bio=plan.bio,
        gender=plan.gender,
        accepting_new_patients=plan.accepting_new_patients,
    )
    page.professions = [reference.professions[name] for name in plan.professions]
    page.techniques = [reference.techniques[name] for name in plan.techniques]
    page.conditions = [reference.conditions[name] for name in plan.conditions]
    page.languages = [reference.languages[code] for code in plan.languages]
    page.practice_locations = [
        PractitionerLocation(location=locations[index % len(locations)], schedule_note=note)
        for index, note in plan.locations
    ]
    page.fees = [
        Fee(service=service, amount=amount, currency=currency, duration_minutes=minutes)
        for service, amount, currency, minutes in plan.fees
    ]
    page.certifications = [
        Certification(
            technique=reference.techniques[technique], title=title, provider=provider, hours=hours, completed_on=when
        )
        for technique, title, provider, hours, when in plan.certifications
    ]
    page.photo = images.save_image(
        f"{plan.title} avatar (generated)",
        f"demo-avatar-{slugify(plan.title)}.png",
        images.avatar_png(plan.title, plan.colour),
        clinic.team.collection,
    )
    clinic.add_child(instance=page)
    page.save_revision().publish()
    counts["practitioners"] += 1
    counts["certifications"] += len(plan.certifications)
    counts["images"] += 1
    for licence in plan.licences:
        build_licence(page, licence, reference, verifier, counts)
    return page, True


def build_licence(practitioner, plan, reference, verifier, counts):
    licence = Licence(
        practitioner=practitioner,
        profession=reference.professions[plan.profession],
        jurisdiction=reference.jurisdictions[plan.jurisdiction],
        number=plan.number,
        status=plan.status,
        issued_on=plan.issued_on,
        expires_on=plan.expires_on,
    )
    licence.full_clean()
    licence.save()
    if plan.verification != "unverified":
        licence.record_verification(
            by=verifier, verified=plan.verification == "verified", source=register_for(plan.jurisdiction)
        )
    counts["licences"] += 1
    return licence


@transaction.atomic
def link_other_clinics(plan, clinics, practitioners, counts):
    """Practitioners who also work at another clinic's location.

    Added through a published revision, as an editor would, so that the next publish of
    the page keeps them; onboarding's seed_demo step records the accepted affiliations
    that let the home clinic keep editing such a page.
    """
    for clinic_plan in plan.clinics:
        for practitioner_plan in clinic_plan.practitioners:
            page = practitioners[practitioner_plan.slug, clinic_plan.index]
            linked = set(page.practice_locations.values_list("location_id", flat=True))
            added = False
            for clinic_index, location_index in practitioner_plan.also_at:
                locations = list(clinics[clinic_index].locations.all())
                location = locations[location_index % len(locations)]
                if location.pk in linked:
                    continue
                page.practice_locations.add(
                    PractitionerLocation(location=location, schedule_note="Saturdays", sort_order=10 + location_index)
                )
                linked.add(location.pk)
                added = True
                counts["multi-clinic links"] += 1
            if added:
                page.save_revision().publish()
    return counts


def assign_manager(user, clinics):
    """Make `user` a manager of the first Denver clinic, the one the demo's scenarios centre on."""
    clinic = next((clinic for clinic in clinics if clinic.locations.filter(city="Denver").exists()), None)
    if clinic is not None:
        add_manager(clinic, user)
    return clinic
