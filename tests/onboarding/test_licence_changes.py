"""Licence changes are proposals: not live until a moderator approves them through the workflow."""

import datetime

import pytest
from django.urls import reverse

from directory.models import Jurisdiction, Licence, Profession
from onboarding.licence_changes import licence_change_policy
from onboarding.models import LicenceChange
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_licence, make_manager, make_moderator, make_practitioner, make_user

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_onboarding_licencechange"


@pytest.fixture
def clinic():
    return make_clinic("Licence Clinic")


@pytest.fixture
def practitioner(clinic):
    return make_practitioner(clinic, "Dr Licensed")


@pytest.fixture
def manager(clinic):
    return make_manager(clinic)


@pytest.fixture
def moderator():
    return make_moderator()


def proposal(practitioner, *, action="add", licence=None, number="PT-NEW-1", submit="action-submit", **fields):
    data = {
        "action": action,
        "practitioner": practitioner.pk,
        "licence": licence.pk if licence else "",
        "profession": Profession.objects.get(name="Physiotherapist").pk,
        "jurisdiction": Jurisdiction.objects.get(code="US-CO").pk,
        "number": number,
        "status": "active",
        "issued_on": "2016-01-01",
        "expires_on": str(datetime.date.today() + datetime.timedelta(days=700)),
        "note": "Checked on the DORA register",
        submit: "1",
    }
    data.update(fields)
    return data


def propose(client, user, data):
    client.force_login(user)
    return client.post(reverse(f"{NS}:add"), data)


def approve(client, moderator, change):
    change = LicenceChange.objects.get(pk=change.pk)
    task_state = change.current_workflow_task_state
    client.force_login(moderator)
    url = reverse(f"{NS}:workflow_action", args=[change.pk, "approve", task_state.pk])
    return client.post(url)


class TestProposing:
    def test_a_new_licence_waits_for_the_moderator_then_appears_unverified(
        self, client, practitioner, manager, moderator
    ):
        response = propose(client, manager, proposal(practitioner))
        assert response.status_code == 302, response.content.decode()[:2000]
        change = LicenceChange.objects.get()
        assert change.workflow_in_progress and not change.live
        assert not Licence.objects.filter(number="PT-NEW-1").exists()  # not live yet

        approve(client, moderator, change)
        change.refresh_from_db()
        licence = Licence.objects.get(number="PT-NEW-1")
        assert change.live and change.applied_at and change.licence == licence
        assert licence.practitioner_id == practitioner.pk
        assert licence.verification_status == Licence.Verification.UNVERIFIED

    def test_changing_a_verified_fact_waits_then_resets_the_verification(
        self, client, practitioner, manager, moderator
    ):
        licence = make_licence(practitioner, number="PT-OLD-1", verified=True)
        client.force_login(manager)
        form = client.get(reverse(f"{NS}:add"), {"licence": licence.pk}).context["form"]
        assert form.initial["number"] == "PT-OLD-1" and form.initial["action"] == "change"
        propose(client, manager, proposal(practitioner, action="change", licence=licence, number="PT-OLD-2"))
        licence.refresh_from_db()
        assert licence.number == "PT-OLD-1" and licence.is_verified  # unchanged while pending

        approve(client, moderator, LicenceChange.objects.get())
        licence.refresh_from_db()
        assert licence.number == "PT-OLD-2"
        assert licence.verification_status == Licence.Verification.UNVERIFIED
        assert licence.verified_at is None and licence.verification_source == ""

    def test_removal_happens_only_on_approval(self, client, practitioner, manager, moderator):
        licence = make_licence(practitioner, number="PT-GONE", status=Licence.Status.SUSPENDED)
        propose(
            client,
            manager,
            proposal(practitioner, action="remove", licence=licence, number="PT-GONE", status="suspended"),
        )
        assert Licence.objects.filter(pk=licence.pk).exists()
        approve(client, moderator, LicenceChange.objects.get())
        assert not Licence.objects.filter(pk=licence.pk).exists()

    def test_a_manager_cannot_publish_a_change_without_review(self, client, practitioner, manager):
        assert not licence_change_policy.user_has_permission(manager, "publish")
        propose(client, manager, proposal(practitioner, submit="action-publish"))
        assert not Licence.objects.filter(number="PT-NEW-1").exists()
        assert not LicenceChange.objects.filter(live=True).exists()

    def test_a_bad_licence_number_is_refused_at_once(self, client, practitioner, manager):
        response = propose(client, manager, proposal(practitioner, number="<script>"))
        assert response.status_code == 200 and "licensing board" in response.content.decode()
        assert not LicenceChange.objects.exists()

    def test_a_number_already_on_the_board_is_refused_at_once(self, client, practitioner, manager):
        make_licence(make_practitioner(make_clinic()), number="PT-TAKEN")
        response = propose(client, manager, proposal(practitioner, number="PT-TAKEN"))
        assert response.status_code == 200
        assert not LicenceChange.objects.exists()

    def test_a_moderator_sending_it_back_changes_nothing(self, client, practitioner, manager, moderator):
        propose(client, manager, proposal(practitioner))
        change = LicenceChange.objects.get()
        client.force_login(moderator)
        url = reverse(f"{NS}:workflow_action", args=[change.pk, "reject", change.current_workflow_task_state.pk])
        client.post(url, {"comment": "Which register?"})
        assert not Licence.objects.filter(number="PT-NEW-1").exists()


class TestStaleVerification:
    def test_the_proposal_never_carries_verification_fields(self, client, practitioner, manager):
        propose(client, manager, proposal(practitioner))
        content = LicenceChange.objects.get().latest_revision.content
        assert not {"verification_status", "verified_by", "verified_at", "verification_source"} & set(content)

    def test_republishing_an_applied_change_leaves_a_later_verification_alone(
        self, client, practitioner, manager, moderator
    ):
        propose(client, manager, proposal(practitioner))
        change = LicenceChange.objects.get()
        approve(client, moderator, change)
        licence = Licence.objects.get(number="PT-NEW-1")
        licence.record_verification(by=moderator, verified=True, source="DORA register")
        change.refresh_from_db()
        change.latest_revision.publish(user=make_user(superuser=True))  # e.g. an administrator reverts
        licence.refresh_from_db()
        assert licence.is_verified and licence.verification_source == "DORA register"

    def test_approving_a_change_to_a_fact_nobody_verifies_keeps_the_verification(
        self, client, practitioner, manager, moderator
    ):
        licence = make_licence(practitioner, number="PT-KEEP", verified=True)
        data = proposal(
            practitioner,
            action="change",
            licence=licence,
            number="PT-KEEP",
            issued_on=str(licence.issued_on),
            expires_on=str(licence.expires_on),
            note="No change to the facts, just confirming",
        )
        propose(client, manager, data)
        approve(client, moderator, LicenceChange.objects.get())
        licence.refresh_from_db()
        assert licence.is_verified

    def test_a_clash_found_only_at_approval_is_recorded_not_raised(self, client, practitioner, manager, moderator):
        propose(client, manager, proposal(practitioner, number="PT-RACE"))
        make_licence(make_practitioner(make_clinic()), number="PT-RACE")  # registered meanwhile elsewhere
        response = approve(client, moderator, LicenceChange.objects.get())
        assert response.status_code < 500
        change = LicenceChange.objects.get()
        assert change.live and change.applied_at is None
        assert "Approved but not applied" in change.apply_error
        assert Licence.objects.filter(number="PT-RACE").count() == 1


class TestWhoMayDoWhat:
    @pytest.fixture
    def pending(self, client, practitioner, manager):
        propose(client, manager, proposal(practitioner))
        client.logout()
        return LicenceChange.objects.get()

    def test_another_clinics_manager_sees_nothing_and_touches_nothing(self, client, pending, practitioner, moderator):
        other = make_manager(make_clinic("Other Clinic"))
        client.force_login(other)
        assert "PT-NEW-1" not in client.get(reverse(f"{NS}:list")).content.decode()
        for name in ("edit", "delete", "history", "inspect"):
            assert client.get(reverse(f"{NS}:{name}", args=[pending.pk])).status_code == 404
        url = reverse(f"{NS}:workflow_action", args=[pending.pk, "approve", pending.current_workflow_task_state.pk])
        assert client.post(url).status_code == 404
        assert not Licence.objects.filter(number="PT-NEW-1").exists()

    @pytest.mark.parametrize("report", ["workflow", "workflow_tasks", "site_history"])
    def test_wagtails_reports_show_a_proposal_to_its_own_clinic_not_another(
        self, client, pending, manager, moderator, report
    ):
        url = reverse(f"wagtailadmin_reports:{report}")
        client.force_login(make_manager(make_clinic("Other Clinic")))
        assert "PT-NEW-1" not in client.get(url).content.decode()
        client.force_login(manager)
        assert "PT-NEW-1" in client.get(url).content.decode()
        client.force_login(make_user(superuser=True))
        assert "PT-NEW-1" in client.get(url).content.decode()

    def test_another_clinics_manager_cannot_propose_for_our_practitioner(self, client, practitioner):
        other = make_manager(make_clinic("Other Clinic"))
        response = propose(client, other, proposal(practitioner, number="PT-SNEAK"))
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
        assert not LicenceChange.objects.exists()

    def test_a_manager_cannot_approve_their_own_proposal(self, client, pending, manager):
        client.force_login(manager)
        url = reverse(f"{NS}:workflow_action", args=[pending.pk, "approve", pending.current_workflow_task_state.pk])
        assert_refused(client.post(url))
        assert not Licence.objects.filter(number="PT-NEW-1").exists()

    def test_the_moderator_reviews_the_preview_but_cannot_edit(self, client, pending, moderator):
        client.force_login(moderator)
        task = pending.current_workflow_task
        preview = client.get(reverse(f"{NS}:workflow_preview", args=[pending.pk, task.pk]))
        assert preview.status_code == 200 and "PT-NEW-1" in preview.content.decode()
        assert_refused(client.get(reverse(f"{NS}:edit", args=[pending.pk])))
        assert "Awaiting your review" in client.get(reverse("wagtailadmin_home")).content.decode()

    def test_an_applied_change_can_be_read_but_not_edited(self, client, pending, manager, moderator):
        approve(client, moderator, pending)
        client.force_login(manager)
        assert client.get(reverse(f"{NS}:edit", args=[pending.pk])).status_code == 404
        assert client.get(reverse(f"{NS}:inspect", args=[pending.pk])).status_code == 200

    def test_anonymous_visitors_are_sent_to_log_in(self, client, pending):
        assert_refused(client.get(reverse(f"{NS}:list")))
        assert_refused(client.get(reverse(f"{NS}:edit", args=[pending.pk])))


class TestWhereManagersStart:
    def test_the_licence_screens_offer_proposals_to_managers(self, client, practitioner, manager):
        licence = make_licence(practitioner, number="PT-SHOWN-1")
        client.force_login(manager)
        index = client.get(reverse("licences:index")).content.decode()
        assert "Propose a new licence" in index
        inspect = client.get(reverse("licences:inspect", args=[licence.pk])).content.decode()
        add = reverse("wagtailsnippets_onboarding_licencechange:add")
        assert f"{add}?licence={licence.pk}&amp;action=change" in inspect
        assert f"{add}?licence={licence.pk}&amp;action=remove" in inspect

    def test_moderators_are_not_offered_proposals(self, client, practitioner, moderator):
        licence = make_licence(practitioner, number="PT-SHOWN-2")
        client.force_login(moderator)
        assert "Propose a change" not in client.get(reverse("licences:inspect", args=[licence.pk])).content.decode()
        assert "Propose a new licence" not in client.get(reverse("licences:index")).content.decode()
