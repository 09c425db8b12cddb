"""How complete a clinic's listing is, and the next thing to do about each gap.

Read from the latest revision of each page (what the manager is working on), so a
fix shows as done as soon as it is saved.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from directory.models import Licence, PractitionerPage


@dataclass(frozen=True)
class Check:
    label: str
    done: bool
    todo: str = ""
    url: str = ""


def _working_copy(page):
    return page.get_latest_revision_as_object() if page.has_unpublished_changes else page


def _first_missing(pages, test):
    return next((page for page in pages if not test(page)), None)


def listing_checks(clinic, *, on=None):
    on = on or datetime.date.today()
    edit_clinic = reverse("wagtailadmin_pages:edit", args=[clinic.pk])
    page = _working_copy(clinic)
    locations = list(page.locations.all())
    practitioners = [
        _working_copy(p)
        for p in PractitionerPage.objects.child_of(clinic).order_by("title").prefetch_related("fees", "techniques")
    ]

    def edit(practitioner):
        return reverse("wagtailadmin_pages:edit", args=[practitioner.pk])

    checks = [
        Check(
            "Photo",
            bool(page.logo_id or list(page.photos.all())),
            "Add a logo or a photo of the clinic.",
            edit_clinic,
        ),
        Check(
            "Opening hours",
            bool(locations) and all(list(location.opening_hours.all()) for location in locations),
            "Add opening hours to every location.",
            edit_clinic,
        ),
        Check(
            "Insurance",
            bool(list(page.insurance_plans.all())),
            "Say which insurance plans you accept.",
            edit_clinic,
        ),
    ]
    if _position_is_approximate(clinic, locations):
        checks.insert(
            0,
            Check(
                "Map position",
                False,
                "Your location is pinned at the city centre: enter the latitude and longitude of your door.",
                edit_clinic,
            ),
        )
    if not practitioners:
        checks.append(
            Check(
                "Practitioners",
                False,
                "Add your first practitioner.",
                reverse("wagtailadmin_pages:add", args=["directory", "practitionerpage", clinic.pk]),
            )
        )
        return checks

    no_fee = _first_missing(practitioners, lambda p: list(p.fees.all()))
    checks.append(
        Check("Fees", no_fee is None, f"Add fees for {no_fee.title}." if no_fee else "", edit(no_fee) if no_fee else "")
    )
    no_technique = _first_missing(practitioners, lambda p: list(p.techniques.all()))
    checks.append(
        Check(
            "Techniques",
            no_technique is None,
            f"List the techniques {no_technique.title} offers." if no_technique else "",
            edit(no_technique) if no_technique else "",
        )
    )
    verified = set(
        Licence.objects.filter(practitioner__in=[p.pk for p in practitioners])
        .verified()
        .current(on)
        .values_list("practitioner_id", flat=True)
    )
    unverified = _first_missing(practitioners, lambda p: p.pk in verified)
    checks.append(
        Check(
            "Verified licences",
            unverified is None,
            f"Add {unverified.title}'s licence; a moderator then checks it against the register." if unverified else "",
            reverse("wagtailsnippets_onboarding_licencechange:add") if unverified else "",
        )
    )
    return checks


def _position_is_approximate(clinic, locations):
    """True while a location still sits where approval put it, at the city centre."""
    application = clinic.applications.filter(position_is_approximate=True, status="approved").first()
    return bool(application) and any(
        (location.latitude, location.longitude) == (application.latitude, application.longitude)
        for location in locations
    )
