"""Everything the site holds about one e-mail address: found, exported, erased.

Key ideas:
- One address is matched wherever it is stored: reviews (by the same normalised key as the
  one-review rule, so case and "+tags" match too), reports, appointment requests, clinic
  applications, invitations and admin accounts. Helpful marks are keyed by a hash of a random
  browser cookie, never by an address, so they cannot be found and hold nothing to erase.
- Erasing keeps what other people rely on and no longer identifies anyone: a published review
  keeps its moderated text and rating (so a practitioner's rating does not silently change)
  but loses the address, the name shown with it and the network hash; `delete_published`
  removes those reviews too and recomputes the ratings. Everything never published
  (unconfirmed, pending or rejected reviews), appointment requests, invitations and
  undecided or declined applications are deleted. An approved application keeps the clinic's
  business details but not the contact's name or address. Accounts are deactivated and
  anonymised, not deleted: the audit log must keep who decided what, and names its actors.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.forms.models import model_to_dict

from directory.models import AppointmentRequest
from onboarding.models import ClinicApplication, Invitation
from reviews.models import Review, ReviewReport
from reviews.models.reviews import normalise_email
from reviews.ratings import refresh_rating

ANONYMOUS = "Anonymous"


def records(email):
    """{kind: queryset} of everything stored about `email`."""
    email = email.strip()
    return {
        "reviews": Review.objects.filter(email_key=normalise_email(email)).order_by("pk"),
        "review_reports": ReviewReport.objects.filter(reporter_email__iexact=email).order_by("pk"),
        "appointment_requests": AppointmentRequest.objects.filter(email__iexact=email).order_by("pk"),
        "clinic_applications": ClinicApplication.objects.filter(contact_email__iexact=email).order_by("pk"),
        "invitations": Invitation.objects.filter(email__iexact=email).order_by("pk"),
        "users": get_user_model().objects.filter(email__iexact=email).order_by("pk"),
    }


def _row(obj):
    data = model_to_dict(obj)
    for name in ("password", "secret_hash", "confirmation_nonce", "ip_hash", "user_permissions"):
        data.pop(name, None)  # secrets and keyed hashes say nothing about the person
    for name in ("created_at", "confirmed_at", "decided_at", "expires_at", "accepted_at", "date_joined"):
        if getattr(obj, name, None) is not None:
            data[name] = getattr(obj, name)
    if "groups" in data:
        data["groups"] = [group.name for group in data["groups"]]
    for name in ("professions", "techniques"):
        if name in data:
            data[name] = [str(item) for item in data[name]]
    if isinstance(obj, Review):
        data["about"] = obj.page.title
    return data


def export(email):
    """A JSON-ready dict of every record, for a subject access request."""
    return {"email": email, **{kind: [_row(obj) for obj in queryset] for kind, queryset in records(email).items()}}


def _delete(queryset):
    """How many rows of the queryset's own model were deleted (cascades are not counted)."""
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


def erase(email, *, delete_published=False, dry_run=False, step=lambda kind, count: None):
    """Erase `email` as the module docstring says; returns {action: count}. `step` reports progress."""
    found = records(email)
    summary = {}
    with transaction.atomic():
        reviews = found["reviews"]
        published = reviews.filter(status=Review.Status.APPROVED)
        pages = set(published.values_list("page_id", flat=True))
        if delete_published:
            summary["reviews deleted"] = _delete(reviews)
            for page_id in pages:
                refresh_rating(page_id)
        else:
            summary["published reviews anonymised"] = published.update(
                email="", email_key="", display_name=ANONYMOUS, ip_hash="", confirmation_nonce=""
            )
            summary["unpublished reviews deleted"] = _delete(reviews.exclude(status=Review.Status.APPROVED))
        step("reviews", sum(summary.values()))

        summary["reports anonymised"] = found["review_reports"].update(reporter_email="", ip_hash="")
        step("review reports", summary["reports anonymised"])
        summary["appointment requests deleted"] = _delete(found["appointment_requests"])
        step("appointment requests", summary["appointment requests deleted"])

        applications = found["clinic_applications"]
        undecided_or_declined = applications.exclude(status=ClinicApplication.Status.APPROVED)
        summary["other applications deleted"] = _delete(undecided_or_declined)
        summary["approved applications anonymised"] = applications.update(contact_name=ANONYMOUS, contact_email="")
        step("clinic applications", summary["other applications deleted"] + summary["approved applications anonymised"])

        summary["invitations deleted"] = _delete(found["invitations"])
        step("invitations", summary["invitations deleted"])
        users = list(found["users"])
        for user in users:
            user.username = f"erased-{user.pk}"
            user.email = user.first_name = user.last_name = ""
            user.is_active = False
            user.set_unusable_password()
            user.save()
        summary["accounts deactivated and anonymised"] = len(users)
        step("accounts", len(users))
        if dry_run:
            transaction.set_rollback(True)
    return summary
