"""Managers run their own clinic's team: invite colleagues, remove them, never touch another clinic's."""

import pytest
from django.core import mail
from django.urls import reverse

from onboarding import teams
from onboarding.models import Invitation
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_manager, make_moderator, make_user
from tests.onboarding.helpers import invitation_link

pytestmark = pytest.mark.django_db

TEAM = "onboarding_admin:team"


@pytest.fixture
def clinic_a():
    return make_clinic("Clinic A")


@pytest.fixture
def clinic_b():
    return make_clinic("Clinic B")


@pytest.fixture
def manager_a(client, clinic_a):
    user = make_manager(clinic_a)
    client.force_login(user)
    return user


def post(client, **data):
    return client.post(reverse(TEAM), data)


class TestInviting:
    def test_a_manager_sees_their_team(self, client, manager_a, clinic_a, clinic_b):
        colleague = make_manager(clinic_a)
        outsider = make_manager(clinic_b)
        body = client.get(reverse(TEAM)).content.decode()
        assert manager_a.email in body and colleague.email in body
        assert outsider.email not in body and "Clinic B" not in body

    def test_a_manager_invites_a_colleague_who_then_manages_the_clinic(
        self, client, manager_a, clinic_a, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, action="invite", clinic=clinic_a.pk, email="colleague@example.org")
        assert response.status_code == 302
        assert mail.outbox[0].to == ["colleague@example.org"]
        client.logout()
        password = "another long passphrase 77"
        client.post(invitation_link(), {"password1": password, "password2": password})
        assert teams.managers_of(clinic_a).filter(email="colleague@example.org").exists()

    def test_a_manager_cannot_invite_into_another_clinic(self, client, manager_a, clinic_b):
        response = post(client, action="invite", clinic=clinic_b.pk, email="sneaky@example.org")
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
        assert not Invitation.objects.exists()
        assert mail.outbox == []

    def test_a_manager_cannot_put_themselves_into_another_clinic(self, client, manager_a, clinic_b):
        post(client, action="invite", clinic=clinic_b.pk, email=manager_a.email)
        assert not Invitation.objects.exists()
        assert not teams.managers_of(clinic_b).filter(pk=manager_a.pk).exists()

    def test_inviting_an_existing_manager_of_the_clinic_is_refused_with_a_message(self, client, manager_a, clinic_a):
        colleague = make_manager(clinic_a)
        response = post(client, action="invite", clinic=clinic_a.pk, email=colleague.email)
        assert response.status_code == 400 and "already manages" in response.content.decode()

    def test_a_moderator_cannot_be_made_a_manager(self, client, manager_a, clinic_a):
        moderator = make_moderator()
        response = post(client, action="invite", clinic=clinic_a.pk, email=moderator.email)
        assert response.status_code == 400 and "moderator" in response.content.decode()
        assert not Invitation.objects.exists()

    def test_a_bad_email_is_refused(self, client, manager_a, clinic_a):
        response = post(client, action="invite", clinic=clinic_a.pk, email="not an address")
        assert response.status_code == 400 and not Invitation.objects.exists()

    def test_a_pending_invitation_can_be_withdrawn(self, client, manager_a, clinic_a):
        invitation = teams.invite(clinic_a, "later@example.org", invited_by=manager_a)
        assert post(client, action="revoke", clinic=clinic_a.pk, invitation=invitation.pk).status_code == 302
        invitation.refresh_from_db()
        assert invitation.state == "revoked"

    def test_another_clinics_invitation_cannot_be_withdrawn(self, client, manager_a, clinic_a, clinic_b):
        invitation = teams.invite(clinic_b, "theirs@example.org", invited_by=make_manager(clinic_b))
        assert post(client, action="revoke", clinic=clinic_b.pk, invitation=invitation.pk).status_code == 404
        assert post(client, action="revoke", clinic=clinic_a.pk, invitation=invitation.pk).status_code == 404
        invitation.refresh_from_db()
        assert invitation.state == "open"


class TestRemoving:
    def test_a_manager_removes_a_colleague(self, client, manager_a, clinic_a):
        colleague = make_manager(clinic_a)
        open_invitation = Invitation.objects.create(
            clinic=clinic_a,
            user=colleague,
            email=colleague.email,
            secret_hash="0" * 64,
            expires_at="2099-01-01T00:00:00Z",
        )
        assert post(client, action="remove", clinic=clinic_a.pk, user=colleague.pk).status_code == 302
        assert not teams.managers_of(clinic_a).filter(pk=colleague.pk).exists()
        open_invitation.refresh_from_db()
        assert open_invitation.state == "revoked"
        assert not clinic_a.permissions_for_user(colleague).can_edit()

    def test_a_manager_cannot_remove_themselves(self, client, manager_a, clinic_a):
        response = post(client, action="remove", clinic=clinic_a.pk, user=manager_a.pk)
        assert response.status_code == 400 and "cannot remove yourself" in response.content.decode()
        assert teams.managers_of(clinic_a).filter(pk=manager_a.pk).exists()

    def test_a_manager_cannot_remove_another_clinics_manager(self, client, manager_a, clinic_b):
        outsider = make_manager(clinic_b)
        assert post(client, action="remove", clinic=clinic_b.pk, user=outsider.pk).status_code == 404
        assert teams.managers_of(clinic_b).filter(pk=outsider.pk).exists()

    def test_naming_their_own_clinic_does_not_reach_another_clinics_manager(
        self, client, manager_a, clinic_a, clinic_b
    ):
        outsider = make_manager(clinic_b)
        response = post(client, action="remove", clinic=clinic_a.pk, user=outsider.pk)
        assert response.status_code == 400
        assert teams.managers_of(clinic_b).filter(pk=outsider.pk).exists()


class TestWhoRunsTeams:
    @pytest.mark.parametrize("role", ["anonymous", "plain user", "moderator"])
    def test_others_are_refused(self, client, clinic_a, role):
        manager = make_manager(clinic_a)
        if role == "plain user":
            client.force_login(make_user())
        elif role == "moderator":
            client.force_login(make_moderator())
        assert_refused(client.get(reverse(TEAM)))
        assert_refused(post(client, action="invite", clinic=clinic_a.pk, email="x@example.org"))
        assert_refused(post(client, action="remove", clinic=clinic_a.pk, user=manager.pk))
        assert not Invitation.objects.exists()
        assert teams.managers_of(clinic_a).filter(pk=manager.pk).exists()

    def test_the_menu_shows_team_to_managers_only(self, client, clinic_a):
        client.force_login(make_manager(clinic_a))
        assert reverse(TEAM) in client.get(reverse("wagtailadmin_home")).content.decode()
        client.force_login(make_moderator())
        body = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse(TEAM) not in body
        assert reverse("onboarding_admin:applications") in body
