"""Who manages a clinic: invitations in, removals out.

Membership is only ever granted by accepting an invitation, so the person who controls
an e-mail address agrees before their account gains a clinic, and nobody can put
someone else's account (or their own) into a clinic they do not manage.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from directory.models import ClinicTeam
from directory.roles import add_manager, ensure_clinic_team, is_moderator
from onboarding.emails import absolute_url, send_after_commit
from onboarding.models import Invitation

TOKEN_SALT = "onboarding.invitation"


class TeamError(Exception):
    """A refusal with a sentence the person can act on."""


class InvitationLinkError(Exception):
    """Why an invitation link cannot be used, and the HTTP status that says so."""

    def __init__(self, message, status):
        super().__init__(message)
        self.message = message
        self.status = status


def managers_of(clinic):
    team = ClinicTeam.objects.filter(clinic=clinic).select_related("group").first()
    if team is None:
        return get_user_model().objects.none()
    return team.group.user_set.filter(is_active=True).order_by("email")


def account_for(email):
    """The account an invitation to `email` is for: the existing one, or a new one without a password."""
    User = get_user_model()
    matches = list(User.objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise TeamError("Several accounts use this e-mail address. Contact InScope so we can sort it out first.")
    if matches:
        user = matches[0]
        if not user.is_active:
            raise TeamError("The account for this e-mail address is deactivated. Contact InScope.")
        if user.is_superuser or is_moderator(user):
            raise TeamError("This address belongs to an InScope moderator or administrator, who cannot run a listing.")
        return user
    username = email.lower()
    if User.objects.filter(username=username).exists():
        username = f"{username[:140]}-{secrets.token_hex(3)}"
    user = User(username=username, email=email.lower())
    user.set_unusable_password()
    user.save()
    return user


def invite(clinic, email, *, invited_by):
    """Send `email` a fresh invitation to manage `clinic`; an open older one for the same person stops working."""
    user = account_for(email)
    team = ensure_clinic_team(clinic)
    if team.group.user_set.filter(pk=user.pk).exists():
        raise TeamError(f"{email} already manages {clinic.title}.")
    now = timezone.now()
    Invitation.objects.open().filter(clinic=clinic, user=user).update(revoked_at=now)
    secret = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        clinic=clinic,
        user=user,
        email=email.lower(),
        invited_by=invited_by,
        secret_hash=Invitation.hash_secret(secret),
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    token = signing.dumps({"i": invitation.pk, "s": secret}, salt=TOKEN_SALT)
    send_after_commit(
        "invitation",
        [invitation.email],
        {
            "clinic": clinic,
            "invitation": invitation,
            "new_account": not user.has_usable_password(),
            "link": absolute_url(reverse("onboarding:invitation", args=[token])),
        },
    )
    return invitation


def open_invitation(token):
    """The invitation a link stands for, or InvitationLinkError saying plainly why it cannot be used."""
    invalid = InvitationLinkError(
        "This invitation link is not valid. Check that you opened the whole link from the e-mail.", 404
    )
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        pk, secret = int(data["i"]), str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise invalid from None
    invitation = Invitation.objects.select_related("clinic", "user").filter(pk=pk).first()
    if invitation is None or not constant_time_compare(invitation.secret_hash, Invitation.hash_secret(secret)):
        raise invalid
    state = invitation.state
    if state == "accepted":
        raise InvitationLinkError(
            "This invitation link has already been used. If it was you, log in with the password you chose; "
            "otherwise ask your clinic's managers for a new invitation.",
            410,
        )
    if state == "revoked":
        raise InvitationLinkError(
            "This invitation was withdrawn or replaced by a newer one. Use the link in the latest e-mail, "
            "or ask your clinic's managers to invite you again.",
            410,
        )
    if state == "expired":
        raise InvitationLinkError(
            f"This invitation link expired on {timezone.localtime(invitation.expires_at):%d %B %Y at %H:%M}. "
            "Ask your clinic's managers (or InScope, for a new clinic) to send a new one.",
            410,
        )
    return invitation


@transaction.atomic
def accept(invitation, *, password=None):
    """Use the invitation up (once, even under concurrent requests) and make its user a manager."""
    user = invitation.user
    if user.is_superuser or is_moderator(user):
        raise TeamError("This account belongs to an InScope moderator or administrator, who cannot run a listing.")
    used = Invitation.objects.open().filter(pk=invitation.pk).update(accepted_at=timezone.now())
    if not used:
        raise InvitationLinkError("This invitation link has already been used or is no longer valid.", 410)
    if password is not None:
        user.set_password(password)
        user.save(update_fields=["password"])
    add_manager(invitation.clinic, user)
    return user


@transaction.atomic
def remove_manager(clinic, user, *, removed_by):
    """Take `user` off `clinic`'s team; a manager cannot remove themselves (so a clinic keeps one)."""
    if user.pk == removed_by.pk:
        raise TeamError("You cannot remove yourself. Ask another manager of this clinic to do it.")
    team = ensure_clinic_team(clinic)
    if not team.group.user_set.filter(pk=user.pk).exists():
        raise TeamError(f"{user.email or user.get_username()} is not a manager of {clinic.title}.")
    team.group.user_set.remove(user)
    Invitation.objects.open().filter(clinic=clinic, user=user).update(revoked_at=timezone.now())


def revoke(invitation):
    Invitation.objects.open().filter(pk=invitation.pk).update(revoked_at=timezone.now())
