"""Invitation links are signed, single-use and expire, and say so plainly when they cannot be used."""

import datetime

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from onboarding import applications, teams
from onboarding.models import Invitation
from tests.factories import make_clinic, make_manager, make_moderator, make_user
from tests.onboarding.helpers import invitation_link, make_application

pytestmark = pytest.mark.django_db

PASSWORD = {"password1": "a long unusual passphrase 42", "password2": "a long unusual passphrase 42"}


@pytest.fixture
def invited(django_capture_on_commit_callbacks):
    """An approved application: its contact has a new account and an invitation e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        application = applications.approve(make_application(contact_email="new@clinic.example"), by=make_moderator())
    return application


class TestNewAccount:
    def test_opening_the_link_shows_the_password_form_and_uses_nothing(self, client, invited):
        link = invitation_link()
        for _ in range(2):  # e-mail scanners open links too
            response = client.get(link)
            assert response.status_code == 200
            assert "Choose a password" in response.content.decode()
        assert Invitation.objects.get().state == "open"

    def test_setting_a_password_makes_a_logged_in_manager_of_that_clinic(self, client, invited):
        response = client.post(invitation_link(), PASSWORD)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        manager = invited.manager
        manager.refresh_from_db()
        assert manager.check_password(PASSWORD["password1"])
        assert invited.clinic.team.group.user_set.filter(pk=manager.pk).exists()
        assert Invitation.objects.get().state == "accepted"
        assert client.get(reverse("wagtailadmin_pages:edit", args=[invited.clinic.pk])).status_code == 200

    def test_a_weak_or_mismatched_password_is_refused_and_the_link_still_works(self, client, invited):
        link = invitation_link()
        response = client.post(link, {"password1": "12345678", "password2": "12345678"})
        assert response.status_code == 400
        assert "too common" in response.content.decode() or "entirely numeric" in response.content.decode()
        response = client.post(link, {"password1": PASSWORD["password1"], "password2": "something else entirely"})
        assert response.status_code == 400 and "The two passwords differ" in response.content.decode()
        assert Invitation.objects.get().state == "open"
        assert client.post(link, PASSWORD).status_code == 302

    def test_a_used_link_says_it_was_used(self, client, invited):
        link = invitation_link()
        client.post(link, PASSWORD)
        client.logout()
        for method in (client.get, lambda url: client.post(url, PASSWORD)):
            response = method(link)
            assert response.status_code == 410
            assert "already been used" in response.content.decode()

    def test_an_expired_link_says_when_it_expired_and_what_to_do(self, client, invited):
        Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
        response = client.get(invitation_link())
        assert response.status_code == 410
        body = response.content.decode()
        assert "expired on" in body and "send a new one" in body
        response = client.post(invitation_link(), PASSWORD)
        assert response.status_code == 410
        invited.manager.refresh_from_db()
        assert not invited.manager.has_usable_password()

    def test_links_last_the_configured_number_of_days(self, invited, settings):
        invitation = Invitation.objects.get()
        assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=settings.INVITATION_VALID_DAYS)

    def test_a_replaced_link_says_it_was_replaced(self, client, invited, django_capture_on_commit_callbacks):
        old_link = invitation_link()
        with django_capture_on_commit_callbacks(execute=True):
            applications.resend_invitation(invited, by=make_moderator())
        response = client.get(old_link)
        assert response.status_code == 410 and "replaced by a newer one" in response.content.decode()
        assert client.get(invitation_link()).status_code == 200

    @pytest.mark.parametrize(
        "tamper",
        [
            lambda link: link[:-6] + "AAAAA/",
            lambda link: "/invitation/not-a-token/",
            lambda link: (
                "/invitation/"
                + signing.dumps({"i": Invitation.objects.get().pk, "s": "guessed"}, salt="onboarding.invitation")
                + "/"
            ),
            lambda link: (
                "/invitation/" + signing.dumps({"i": Invitation.objects.get().pk, "s": "x"}, salt="other") + "/"
            ),
        ],
    )
    def test_a_forged_or_damaged_link_is_not_found(self, client, invited, tamper):
        response = client.get(tamper(invitation_link()))
        assert response.status_code == 404
        assert "not valid" in response.content.decode()
        assert client.post(tamper(invitation_link()), PASSWORD).status_code == 404
        assert Invitation.objects.get().state == "open"

    def test_the_database_alone_cannot_make_a_link(self, invited):
        invitation = Invitation.objects.get()
        assert invitation.secret_hash not in invitation_link()
        assert len(invitation.secret_hash) == 64

    def test_a_link_accepted_twice_at_once_is_used_once(self, invited):
        invitation = Invitation.objects.get()
        teams.accept(invitation, password=PASSWORD["password1"])
        with pytest.raises(teams.InvitationLinkError):
            teams.accept(invitation, password="another password entirely")
        invited.manager.refresh_from_db()
        assert invited.manager.check_password(PASSWORD["password1"])


class TestExistingAccount:
    @pytest.fixture
    def existing(self, django_capture_on_commit_callbacks):
        clinic_a, clinic_b = make_clinic("Clinic A"), make_clinic("Clinic B")
        inviter, invitee = make_manager(clinic_b), make_manager(clinic_a)
        with django_capture_on_commit_callbacks(execute=True):
            teams.invite(clinic_b, invitee.email, invited_by=inviter)
        return invitee, clinic_b

    def test_the_invitee_must_log_in_as_themselves_to_accept(self, client, existing):
        invitee, clinic_b = existing
        response = client.get(invitation_link())
        assert response.status_code == 200 and "Log in with that account" in response.content.decode()
        assert "Choose a password" not in response.content.decode()
        assert client.post(invitation_link()).status_code == 403
        client.force_login(make_user())
        assert client.post(invitation_link()).status_code == 403
        assert not clinic_b.team.group.user_set.filter(pk=invitee.pk).exists()

    def test_accepting_while_logged_in_adds_the_clinic_and_keeps_the_password(self, client, existing):
        invitee, clinic_b = existing
        client.force_login(invitee)
        assert "Accept the invitation" in client.get(invitation_link()).content.decode()
        assert client.post(invitation_link()).status_code == 302
        invitee.refresh_from_db()
        assert invitee.check_password("correct horse battery staple")
        assert clinic_b.team.group.user_set.filter(pk=invitee.pk).exists()

    def test_an_account_that_became_a_moderator_cannot_accept(self, client, existing):
        invitee, clinic_b = existing
        from directory.roles import moderators_group

        invitee.groups.add(moderators_group())
        client.force_login(invitee)
        response = client.post(invitation_link())
        assert response.status_code == 403
        assert "moderator" in response.content.decode()
        assert not clinic_b.team.group.user_set.filter(pk=invitee.pk).exists()


def test_the_email_says_how_long_the_link_works(invited):
    assert "expires on" in mail.outbox[0].body
