"""A practitioner of one clinic practising at another's location: asked by one side, answered by the other."""

import pytest
from django.core import mail
from django.urls import reverse

from directory.models import PractitionerLocation, PractitionerPage
from onboarding import affiliations
from onboarding.models import Affiliation
from tests.assertions import assert_refused
from tests.factories import DELHI, make_clinic, make_location, make_manager, make_moderator, make_practitioner

pytestmark = pytest.mark.django_db

INDEX = "onboarding_admin:affiliations"
REQUEST = "onboarding_admin:request_affiliation"


@pytest.fixture
def home():
    return make_clinic("Home Clinic")


@pytest.fixture
def host():
    return make_clinic("Host Clinic", location=make_location(city="Aurora", street_address="2 Host Rd"))


@pytest.fixture
def practitioner(home):
    return make_practitioner(home, "Dr Roaming")


@pytest.fixture
def home_manager(home):
    return make_manager(home)


@pytest.fixture
def host_manager(host):
    return make_manager(host)


def ask(client, practitioner, location, note=""):
    return client.post(reverse(REQUEST), {"practitioner": practitioner.pk, "location": location.pk, "note": note})


def answer(client, affiliation, action, reason=""):
    return client.post(reverse(INDEX), {"affiliation": affiliation.pk, "action": action, "reason": reason})


def location_choices(client, practitioner):
    form = client.get(reverse("wagtailadmin_pages:edit", args=[practitioner.pk])).context["form"]
    return set(form.formsets["practice_locations"].empty_form.fields["location"].queryset)


class TestAsking:
    def test_the_host_finds_the_practitioner_and_asks_their_clinic(
        self, client, practitioner, host, host_manager, home_manager, django_capture_on_commit_callbacks
    ):
        client.force_login(host_manager)
        body = client.get(reverse(REQUEST), {"q": "roaming"}).content.decode()
        assert "Dr Roaming" in body
        with django_capture_on_commit_callbacks(execute=True):
            response = ask(client, practitioner, host.locations.get(), note="Tuesdays from January")
        assert response.status_code == 302
        affiliation = Affiliation.objects.get()
        assert affiliation.requested_by_host and affiliation.status == Affiliation.Status.PENDING
        assert affiliation.deciding_clinic_id == practitioner.get_parent().pk
        assert mail.outbox[0].to == [home_manager.email]
        assert "Tuesdays from January" in mail.outbox[0].body

    def test_the_home_clinic_may_ask_the_host_instead(self, client, practitioner, host, home_manager, host_manager):
        client.force_login(home_manager)
        assert ask(client, practitioner, host.locations.get()).status_code == 302
        affiliation = Affiliation.objects.get()
        assert not affiliation.requested_by_host
        assert affiliation.deciding_clinic_id == host.pk

    def test_a_clinic_uninvolved_cannot_ask(self, client, practitioner, host):
        client.force_login(make_manager(make_clinic("Bystander")))
        assert_refused(ask(client, practitioner, host.locations.get()))
        assert not Affiliation.objects.exists()

    def test_a_practitioners_own_clinic_location_is_not_an_affiliation(self, client, practitioner, home, home_manager):
        client.force_login(home_manager)
        response = ask(client, practitioner, home.locations.get())
        assert response.status_code == 400 and "own clinic" in response.content.decode()

    def test_asking_twice_is_refused_with_a_message(self, client, practitioner, host, host_manager):
        client.force_login(host_manager)
        ask(client, practitioner, host.locations.get())
        response = ask(client, practitioner, host.locations.get())
        assert response.status_code == 400 and "already has a request" in response.content.decode()
        assert Affiliation.objects.count() == 1

    def test_a_draft_practitioner_of_another_clinic_cannot_be_found_or_asked_for(
        self, client, home, host, host_manager
    ):
        hidden = make_practitioner(home, "Dr Unpublished", publish=False)
        PractitionerPage.objects.filter(pk=hidden.pk).update(live=False)
        client.force_login(host_manager)
        assert "Dr Unpublished" not in client.get(reverse(REQUEST), {"q": "unpub"}).content.decode()
        assert ask(client, hidden, host.locations.get()).status_code == 400
        assert not Affiliation.objects.exists()

    def test_one_manager_of_both_clinics_needs_nobody_elses_consent(self, client, practitioner, home, host):
        manager = make_manager(home)
        host.team.group.user_set.add(manager)
        client.force_login(manager)
        ask(client, practitioner, host.locations.get())
        assert Affiliation.objects.get().status == Affiliation.Status.ACCEPTED


class TestAnswering:
    @pytest.fixture
    def pending(self, practitioner, host, host_manager):
        return affiliations.request(practitioner, host.locations.get(), by=host_manager)

    def test_the_asked_clinic_accepts_and_the_location_is_offered_on_the_profile(
        self, client, pending, practitioner, home, host, home_manager, django_capture_on_commit_callbacks
    ):
        client.force_login(home_manager)
        assert location_choices(client, practitioner) == {home.locations.get()}
        with django_capture_on_commit_callbacks(execute=True):
            assert answer(client, pending, "accept").status_code == 302
        pending.refresh_from_db()
        assert pending.status == Affiliation.Status.ACCEPTED and pending.decided_by == home_manager
        assert location_choices(client, practitioner) == {home.locations.get(), host.locations.get()}
        assert "accepted" in mail.outbox[-1].subject

    def test_the_accepted_location_can_be_saved_on_the_profile_by_its_home_clinic(
        self, client, pending, practitioner, home, host, home_manager
    ):
        affiliations.decide(pending, by=home_manager, accept=True)
        page = PractitionerPage.objects.get(pk=practitioner.pk)
        page.practice_locations.add(PractitionerLocation(location=host.locations.get()))
        page.save_revision(user=home_manager).publish()
        assert set(page.practice_locations.values_list("location__clinic__title", flat=True)) == {
            "Home Clinic",
            "Host Clinic",
        }

    def test_a_location_without_an_accepted_affiliation_is_refused_by_the_page_form(
        self, client, pending, practitioner, host, home_manager
    ):
        client.force_login(home_manager)
        form = client.get(reverse("wagtailadmin_pages:edit", args=[practitioner.pk])).context["form"]
        assert host.locations.get() not in set(
            form.formsets["practice_locations"].empty_form.fields["location"].queryset
        )

    def test_the_asking_clinic_cannot_answer_its_own_request(self, client, pending, host_manager):
        client.force_login(host_manager)
        assert_refused(answer(client, pending, "accept"))
        pending.refresh_from_db()
        assert pending.status == Affiliation.Status.PENDING

    @pytest.mark.parametrize("role", ["other manager", "moderator", "anonymous"])
    def test_nobody_else_can_answer(self, client, pending, role):
        if role == "other manager":
            client.force_login(make_manager(make_clinic("Bystander")))
        elif role == "moderator":
            client.force_login(make_moderator())
        assert_refused(answer(client, pending, "accept"))
        pending.refresh_from_db()
        assert pending.status == Affiliation.Status.PENDING

    def test_declining_needs_a_reason_which_the_asker_receives(
        self, client, pending, home_manager, host_manager, django_capture_on_commit_callbacks
    ):
        client.force_login(home_manager)
        assert answer(client, pending, "decline").status_code == 400
        with django_capture_on_commit_callbacks(execute=True):
            assert answer(client, pending, "decline", reason="Not practising there yet").status_code == 302
        pending.refresh_from_db()
        assert pending.status == Affiliation.Status.DECLINED
        assert mail.outbox[-1].to == [host_manager.email]
        assert "Not practising there yet" in mail.outbox[-1].body

    def test_the_asker_may_withdraw_but_not_the_other_side(self, client, pending, home_manager, host_manager):
        client.force_login(home_manager)
        assert_refused(answer(client, pending, "withdraw"))
        client.force_login(host_manager)
        assert answer(client, pending, "withdraw").status_code == 302
        pending.refresh_from_db()
        assert pending.status == Affiliation.Status.WITHDRAWN

    def test_the_index_shows_each_side_what_is_theirs_to_do(self, client, pending, home_manager, host_manager):
        client.force_login(home_manager)
        assert "Accept" in client.get(reverse(INDEX)).content.decode()
        client.force_login(host_manager)
        body = client.get(reverse(INDEX)).content.decode()
        assert "Withdraw" in body and 'value="accept"' not in body


class TestEnding:
    @pytest.fixture
    def listed(self, practitioner, host, home_manager, host_manager):
        affiliation = affiliations.request(practitioner, host.locations.get(), by=host_manager)
        affiliations.decide(affiliation, by=home_manager, accept=True)
        page = PractitionerPage.objects.get(pk=practitioner.pk)
        page.practice_locations.add(PractitionerLocation(location=host.locations.get()))
        page.save_revision(user=home_manager).publish()
        return affiliation

    def test_the_host_ends_it_and_the_location_leaves_the_live_profile(
        self, client, listed, practitioner, host, host_manager
    ):
        client.force_login(host_manager)
        assert answer(client, listed, "end", reason="Moved away").status_code == 302
        page = PractitionerPage.objects.get(pk=practitioner.pk)
        assert not page.practice_locations.filter(location__clinic=host).exists()
        assert page.live and not page.has_unpublished_changes
        assert not page.get_latest_revision_as_object().practice_locations.filter(location__clinic=host).exists()

    def test_an_unpublished_draft_stays_a_draft_without_the_location(
        self, listed, practitioner, host, home_manager, host_manager
    ):
        page = PractitionerPage.objects.get(pk=practitioner.pk)
        draft = page.get_latest_revision_as_object()
        draft.post_nominals = "PT, DPT"
        draft.save_revision(user=home_manager)
        affiliations.end(listed, by=host_manager)
        page = PractitionerPage.objects.get(pk=practitioner.pk)
        assert page.post_nominals == "" and page.has_unpublished_changes
        latest = page.get_latest_revision_as_object()
        assert latest.post_nominals == "PT, DPT"
        assert [link.location.clinic.title for link in latest.practice_locations.all()] == ["Home Clinic"]

    def test_an_uninvolved_clinic_cannot_end_it(self, client, listed):
        client.force_login(
            make_manager(
                make_clinic("Bystander", location=make_location(coords=DELHI, jurisdiction="IN-DL", city="New Delhi"))
            )
        )
        assert answer(client, listed, "end").status_code == 404
        listed.refresh_from_db()
        assert listed.status == Affiliation.Status.ACCEPTED


def test_nobody_edits_another_clinics_practitioner_even_when_affiliated(
    client, practitioner, host, host_manager, home_manager
):
    affiliation = affiliations.request(practitioner, host.locations.get(), by=host_manager)
    affiliations.decide(affiliation, by=home_manager, accept=True)
    client.force_login(host_manager)
    assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[practitioner.pk])))
    client.post(reverse("wagtailadmin_pages:edit", args=[practitioner.pk]), {"title": "Hijacked"})
    assert PractitionerPage.objects.get(pk=practitioner.pk).title == "Dr Roaming"
