"""A moderator's decision: approval builds everything in one transaction; declining explains why."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Collection, GroupPagePermission, Page

from directory.models import ClinicIndexPage, ClinicPage, ClinicTeam
from onboarding import applications
from onboarding.models import ClinicApplication, Invitation
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_manager, make_moderator, make_user
from tests.onboarding.helpers import make_application

pytestmark = pytest.mark.django_db


def decide(client, application, **data):
    return client.post(reverse("onboarding_admin:application", args=[application.pk]), data)


@pytest.fixture
def moderator(client):
    user = make_moderator()
    client.force_login(user)
    return user


class TestApproval:
    def test_approval_creates_a_draft_listing_its_team_and_the_managers_invitation(
        self, client, moderator, django_capture_on_commit_callbacks
    ):
        application = make_application(clinic_name="Mile High Physio", contact_email="jane@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            response = decide(client, application, action="approve", latitude="39.750000", longitude="-105.000000")
        assert response.status_code == 302

        application.refresh_from_db()
        assert application.status == ClinicApplication.Status.APPROVED
        assert application.decided_by == moderator
        clinic = application.clinic
        assert isinstance(clinic, ClinicPage) and clinic.title == "Mile High Physio"
        assert not clinic.live and clinic.get_parent().specific_class is ClinicIndexPage
        assert clinic.latest_revision is not None  # the editor opens on a revision
        location = clinic.locations.get()
        assert (location.city, str(location.latitude)) == ("Denver", "39.750000")

        team = ClinicTeam.objects.get(clinic=clinic)
        page_permissions = set(team.group.page_permissions.values_list("permission__codename", flat=True))
        assert page_permissions == {"add_page", "change_page"}  # publishing waits for the first review
        assert team.group.collection_permissions.filter(collection=team.collection).count() == 6

        manager = get_user_model().objects.get(email="jane@example.org")
        assert application.manager == manager
        assert not manager.has_usable_password()
        assert not team.group.user_set.filter(pk=manager.pk).exists()  # only by accepting the invitation
        assert Page.objects.get(pk=clinic.pk).owner == manager
        invitation = Invitation.objects.get(user=manager)
        assert invitation.clinic_id == clinic.pk and invitation.state == "open"
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["jane@example.org"]
        assert "/invitation/" in mail.outbox[0].body and "works once" in mail.outbox[0].body

    def test_a_failure_part_way_leaves_nothing_behind(self, client, moderator, django_capture_on_commit_callbacks):
        application = make_application(clinic_name="Half Built Clinic", contact_email="half@example.org")
        counts = (Page.objects.count(), Group.objects.count(), Collection.objects.count(), ClinicTeam.objects.count())
        with (
            mock.patch("onboarding.teams.Invitation.objects.create", side_effect=RuntimeError("mail queue down")),
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
        ):
            applications.approve(application, by=moderator)
        assert (
            Page.objects.count(),
            Group.objects.count(),
            Collection.objects.count(),
            ClinicTeam.objects.count(),
        ) == counts
        assert not ClinicPage.objects.filter(title="Half Built Clinic").exists()
        assert not get_user_model().objects.filter(email="half@example.org").exists()
        assert not GroupPagePermission.objects.filter(group__name__contains="Half Built Clinic").exists()
        application.refresh_from_db()
        assert application.status == ClinicApplication.Status.PENDING and application.clinic is None
        assert mail.outbox == []

    def test_a_refused_invitation_rolls_the_listing_back_and_says_why(self, client, moderator):
        application = make_application(clinic_name="Moderated Clinic", contact_email=moderator.email)
        response = decide(client, application, action="approve")
        assert response.status_code == 400
        assert "moderator or administrator" in response.content.decode()
        assert not ClinicPage.objects.filter(title="Moderated Clinic").exists()
        application.refresh_from_db()
        assert application.is_pending

    def test_an_unknown_map_position_must_be_entered(self, client, moderator):
        application = make_application(latitude=None, longitude=None)
        response = decide(client, application, action="approve", latitude="", longitude="")
        assert response.status_code == 400
        assert "map position is unknown" in response.content.decode()
        assert decide(client, application, action="approve", latitude="39.7", longitude="-105").status_code == 302

    def test_two_clinics_with_one_name_get_different_addresses(self, moderator):
        make_clinic("Twin Clinic")
        application = make_application(clinic_name="Twin Clinic", city="Boulder")
        approved = applications.approve(application, by=moderator)
        assert approved.clinic.slug == "twin-clinic-2"

    def test_an_application_is_decided_once(self, client, moderator):
        application = make_application()
        decide(client, application, action="approve")
        response = decide(client, application, action="decline", reason="Changed my mind")
        assert response.status_code == 400
        assert "already been decided" in response.content.decode()
        application.refresh_from_db()
        assert application.status == ClinicApplication.Status.APPROVED

    def test_an_existing_account_is_invited_not_recreated(self, moderator):
        other_clinic = make_clinic()
        existing = make_manager(other_clinic)
        application = applications.approve(make_application(contact_email=existing.email.upper()), by=moderator)
        assert application.manager == existing
        assert get_user_model().objects.filter(email__iexact=existing.email).count() == 1

    def test_a_new_invitation_can_be_sent_for_an_approved_application(
        self, client, moderator, django_capture_on_commit_callbacks
    ):
        application = applications.approve(make_application(), by=moderator)
        first = Invitation.objects.get(user=application.manager)
        with django_capture_on_commit_callbacks(execute=True):
            assert decide(client, application, action="resend").status_code == 302
        first.refresh_from_db()
        assert first.state == "revoked"
        assert Invitation.objects.filter(user=application.manager).open().count() == 1
        assert len(mail.outbox) == 1


class TestClaimApproval:
    def test_a_claim_hands_over_the_existing_listing_after_verification(self, client, moderator):
        clinic = make_clinic("Imported Clinic")
        application = make_application(kind=ClinicApplication.Kind.CLAIM, clinic=clinic, contact_email="o@ic.example")
        pages_before = Page.objects.count()
        response = decide(client, application, action="approve", note="Called the listed number; spoke to the owner.")
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.clinic == clinic and application.decision_note.startswith("Called")
        assert Page.objects.count() == pages_before  # no new page
        assert Invitation.objects.get(user=application.manager).clinic_id == clinic.pk
        # A live listing keeps its managers' publish permission.
        assert clinic.team.group.page_permissions.filter(permission__codename="publish_page").exists()

    def test_a_claim_is_not_approved_without_saying_how_it_was_verified(self, client, moderator):
        clinic = make_clinic()
        application = make_application(kind=ClinicApplication.Kind.CLAIM, clinic=clinic)
        response = decide(client, application, action="approve", note="  ")
        assert response.status_code == 400
        assert "how you verified" in response.content.decode()
        assert ClinicApplication.objects.get(pk=application.pk).is_pending

    def test_claiming_a_never_published_listing_gates_its_first_publication(self, moderator):
        clinic = make_clinic("Draft Import", publish=False)
        application = make_application(kind=ClinicApplication.Kind.CLAIM, clinic=clinic)
        applications.approve(application, by=moderator, note="Checked the state register and called them.")
        assert not clinic.team.group.page_permissions.filter(permission__codename="publish_page").exists()


class TestDecline:
    def test_declining_emails_the_reason(self, client, moderator, django_capture_on_commit_callbacks):
        application = make_application(contact_email="jo@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            response = decide(client, application, action="decline", reason="We could not find the licence PT-1.")
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == ClinicApplication.Status.DECLINED
        assert application.decision_note == "We could not find the licence PT-1."
        assert mail.outbox[0].to == ["jo@example.org"]
        assert "We could not find the licence PT-1." in mail.outbox[0].body
        assert not ClinicPage.objects.filter(title=application.clinic_name).exists()

    def test_declining_needs_a_reason(self, client, moderator):
        application = make_application()
        response = decide(client, application, action="decline", reason="")
        assert response.status_code == 400
        assert ClinicApplication.objects.get(pk=application.pk).is_pending


class TestWhoDecides:
    @pytest.mark.parametrize("role", ["anonymous", "plain user", "manager", "manager of the claimed clinic"])
    def test_only_moderators_approve_or_decline(self, client, role):
        clinic = make_clinic()
        application = make_application(kind=ClinicApplication.Kind.CLAIM, clinic=clinic)
        if role == "plain user":
            client.force_login(make_user())
        elif role == "manager":
            client.force_login(make_manager(make_clinic()))
        elif role == "manager of the claimed clinic":
            client.force_login(make_manager(clinic))
        assert_refused(decide(client, application, action="approve", note="I say so"))
        assert_refused(decide(client, application, action="decline", reason="no"))
        assert ClinicApplication.objects.get(pk=application.pk).is_pending
        assert not Invitation.objects.exists()

    def test_superusers_may_decide(self, client):
        client.force_login(make_user(superuser=True))
        application = make_application()
        assert decide(client, application, action="approve").status_code == 302
