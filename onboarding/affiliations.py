"""Practitioners who practise at another clinic's location, with both clinics' consent.

The practitioner's page stays with its home clinic (the page's parent). Either clinic may
ask; the other one's managers accept or decline. An accepted affiliation adds the host's
location to the choices on the practitioner's page (see the
`construct_practitioner_location_choices` hook in wagtail_hooks.py); ending it takes the
location off the profile, in a new published revision so that search and history follow.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from directory.models import ClinicLocation, ClinicPage, PractitionerPage
from directory.permissions import clinics_managed_by
from onboarding import teams
from onboarding.emails import send_after_commit
from onboarding.models import Affiliation

OPEN = (Affiliation.Status.PENDING, Affiliation.Status.ACCEPTED)


class AffiliationError(Exception):
    """A request or decision that cannot be made, with the reason."""


def managed_clinic_ids(user):
    return set(clinics_managed_by(user).values_list("pk", flat=True))


def accepted_locations(practitioner):
    """Other clinics' locations this practitioner may be listed at."""
    return ClinicLocation.objects.filter(
        pk__in=Affiliation.objects.filter(practitioner=practitioner, status=Affiliation.Status.ACCEPTED).values(
            "location"
        )
    )


def accept_existing_links(practitioner):
    """Record accepted affiliations for links made outside this flow (imports, demo data).

    Returns how many were recorded; links that already have an open affiliation are left alone.
    """
    home = practitioner.get_parent()
    foreign = practitioner.practice_locations.exclude(location__clinic_id=home.pk).values_list("location", flat=True)
    recorded = 0
    for location_id in foreign:
        _, created = Affiliation.objects.get_or_create(
            practitioner=practitioner,
            location_id=location_id,
            status=Affiliation.Status.ACCEPTED,
            defaults={
                "requested_by_host": False,
                "decided_at": timezone.now(),
                "note": "Recorded from an existing link.",
            },
        )
        recorded += created
    return recorded


def involving(clinic_ids):
    """Affiliations where one of `clinic_ids` is the practitioner's home or the location's clinic."""
    condition = Q(location__clinic_id__in=clinic_ids)
    for path in ClinicPage.objects.filter(pk__in=clinic_ids).values_list("path", flat=True):
        condition |= Q(practitioner__path__startswith=path)
    return Affiliation.objects.filter(condition).select_related(
        "practitioner", "location__clinic", "requested_by", "decided_by"
    )


def _notify(affiliation, template, clinic_id, **context):
    clinic = ClinicPage.objects.get(pk=clinic_id)
    recipients = list(teams.managers_of(clinic).values_list("email", flat=True))
    send_after_commit(template, recipients, {"affiliation": affiliation, "clinic": clinic, **context})


@transaction.atomic
def request(practitioner, location, *, by, note=""):
    """Ask the other clinic; the requester must manage exactly the practitioner's clinic or the location's."""
    practitioner = PractitionerPage.objects.get(pk=practitioner.pk)
    home_id, host_id = practitioner.get_parent().pk, location.clinic_id
    if home_id == host_id:
        raise AffiliationError("This location belongs to the practitioner's own clinic: add it on their page.")
    mine = managed_clinic_ids(by)
    if host_id in mine and home_id in mine:
        by_host, status = True, Affiliation.Status.ACCEPTED  # one manager runs both: nobody else to ask
    elif host_id in mine:
        by_host, status = True, Affiliation.Status.PENDING
    elif home_id in mine:
        by_host, status = False, Affiliation.Status.PENDING
    else:
        raise PermissionDenied("You manage neither the practitioner's clinic nor this location's clinic.")
    if Affiliation.objects.filter(practitioner=practitioner, location=location, status__in=OPEN).exists():
        raise AffiliationError(f"{practitioner.title} already has a request or an affiliation at {location}.")
    affiliation = Affiliation.objects.create(
        practitioner=practitioner,
        location=location,
        requested_by_host=by_host,
        status=status,
        note=note.strip(),
        requested_by=by,
        decided_by=by if status == Affiliation.Status.ACCEPTED else None,
        decided_at=timezone.now() if status == Affiliation.Status.ACCEPTED else None,
    )
    if status == Affiliation.Status.PENDING:
        _notify(affiliation, "affiliation_requested", affiliation.deciding_clinic_id)
    return affiliation


def _locked(affiliation):
    return Affiliation.objects.select_for_update().select_related("location", "practitioner").get(pk=affiliation.pk)


@transaction.atomic
def decide(affiliation, *, by, accept, reason=""):
    """The asked clinic's managers accept or decline; nobody else may."""
    affiliation = _locked(affiliation)
    if affiliation.deciding_clinic_id not in managed_clinic_ids(by):
        raise PermissionDenied("Only the managers of the clinic that was asked may answer this request.")
    if affiliation.status != Affiliation.Status.PENDING:
        raise AffiliationError("This request has already been answered or withdrawn.")
    if not accept and not reason.strip():
        raise AffiliationError("Give the other clinic a reason for declining.")
    affiliation.status = Affiliation.Status.ACCEPTED if accept else Affiliation.Status.DECLINED
    affiliation.decided_by = by
    affiliation.decided_at = timezone.now()
    affiliation.decision_reason = reason.strip()
    affiliation.save()
    _notify(affiliation, "affiliation_answered", affiliation.requesting_clinic_id)
    return affiliation


@transaction.atomic
def withdraw(affiliation, *, by):
    affiliation = _locked(affiliation)
    if affiliation.requesting_clinic_id not in managed_clinic_ids(by):
        raise PermissionDenied("Only the clinic that asked may withdraw its request.")
    if affiliation.status != Affiliation.Status.PENDING:
        raise AffiliationError("Only a request still waiting for an answer can be withdrawn.")
    affiliation.status = Affiliation.Status.WITHDRAWN
    affiliation.decided_by, affiliation.decided_at = by, timezone.now()
    affiliation.save()
    return affiliation


@transaction.atomic
def end(affiliation, *, by, reason=""):
    """Either clinic may end an accepted affiliation; the location leaves the practitioner's profile."""
    affiliation = _locked(affiliation)
    mine = managed_clinic_ids(by)
    if affiliation.host_clinic_id not in mine and affiliation.home_clinic_id not in mine:
        raise PermissionDenied("Only the two clinics concerned may end this affiliation.")
    if affiliation.status != Affiliation.Status.ACCEPTED:
        raise AffiliationError("Only an accepted affiliation can be ended.")
    affiliation.status = Affiliation.Status.ENDED
    affiliation.decided_by, affiliation.decided_at = by, timezone.now()
    affiliation.decision_reason = reason.strip()
    affiliation.save()
    remove_location_from_profile(affiliation.practitioner, affiliation.location, by=by)
    other = affiliation.home_clinic_id if affiliation.host_clinic_id in mine else affiliation.host_clinic_id
    _notify(affiliation, "affiliation_ended", other)
    return affiliation


def remove_location_from_profile(practitioner, location, *, by):
    """Take `location` off the live profile and off any unpublished draft, keeping the draft a draft."""
    page = PractitionerPage.objects.get(pk=practitioner.pk)
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    if page.live and page.practice_locations.filter(location=location).exists():
        page.practice_locations = [link for link in page.practice_locations.all() if link.location_id != location.pk]
        # The clinic ending it may not publish this page itself; the change is the agreed consequence.
        page.save_revision(user=by, log_action=True).publish(user=by, skip_permission_checks=True)
    elif not page.live:
        page.practice_locations.filter(location=location).delete()
    if draft is not None:
        draft.practice_locations = [link for link in draft.practice_locations.all() if link.location_id != location.pk]
        draft.save_revision(user=by, log_action=True)
