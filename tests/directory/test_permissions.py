"""Who may touch what. A clinic's managers run their own listing and nothing else;
moderators verify licences and edit no listing.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from directory.models import ClinicPage, Licence, Profession
from directory.permissions import clinics_managed_by, licence_policy, practitioners_managed_by
from directory.roles import MODERATORS_GROUP
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_licence, make_manager, make_moderator, make_practitioner, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def clinic_a():
    return make_clinic("Clinic A")


@pytest.fixture
def clinic_b():
    return make_clinic("Clinic B")


@pytest.fixture
def practitioner_a(clinic_a):
    practitioner = make_practitioner(clinic_a, "Dr A")
    make_licence(practitioner, number="PT-A-1", verified=False)
    return practitioner


@pytest.fixture
def practitioner_b(clinic_b):
    practitioner = make_practitioner(clinic_b, "Dr B")
    make_licence(practitioner, number="PT-B-1", verified=False)
    return practitioner


@pytest.fixture
def manager_a(clinic_a, client):
    user = make_manager(clinic_a)
    client.login(username=user.username, password=PASSWORD)
    return user


def login(client, user):
    client.force_login(user)
    return client


class TestClinicTeams:
    def test_a_new_clinic_gets_its_own_managers_group_with_rights_on_its_subtree(self, clinic_a):
        team = clinic_a.team
        permissions = {p.permission.codename for p in team.group.page_permissions.all()}
        assert permissions == {"add_page", "change_page", "publish_page"}
        assert {p.page_id for p in team.group.page_permissions.all()} == {clinic_a.pk}
        assert team.collection.get_parent().is_root()
        collection_permissions = team.group.collection_permissions.filter(collection=team.collection)
        assert set(collection_permissions.values_list("permission__codename", flat=True)) == {
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        }

    def test_each_clinic_has_a_separate_group(self, clinic_a, clinic_b):
        assert clinic_a.team.group != clinic_b.team.group

    def test_publishing_an_old_revision_keeps_the_team(self, clinic_a):
        revision = clinic_a.latest_revision
        clinic_a.title = "Clinic A renamed"
        clinic_a.save_revision().publish()
        revision.publish()
        assert ClinicPage.objects.get(pk=clinic_a.pk).team.group_id is not None

    def test_moderators_have_no_page_or_collection_rights(self):
        moderators = Group.objects.get(name=MODERATORS_GROUP)
        assert not moderators.page_permissions.exists()
        assert not moderators.collection_permissions.exists()
        assert set(moderators.permissions.values_list("codename", flat=True)) == {
            "access_admin",
            "view_licence",
            "verify_licence",
        }


class TestPagesAcrossClinics:
    def test_a_manager_may_edit_their_clinic_and_its_practitioners(self, manager_a, clinic_a, practitioner_a):
        assert clinic_a.permissions_for_user(manager_a).can_edit()
        assert practitioner_a.permissions_for_user(manager_a).can_edit()
        assert clinic_a.permissions_for_user(manager_a).can_add_subpage()

    def test_a_manager_may_not_edit_another_clinic_or_its_practitioners(self, manager_a, clinic_b, practitioner_b):
        assert not clinic_b.permissions_for_user(manager_a).can_edit()
        assert not practitioner_b.permissions_for_user(manager_a).can_edit()
        assert not clinic_b.permissions_for_user(manager_a).can_add_subpage()

    def test_another_clinics_edit_page_is_refused_over_http(self, client, manager_a, clinic_b, practitioner_b):
        for page in (clinic_b, practitioner_b):
            assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))

    def test_another_clinics_page_cannot_be_changed_by_posting(self, client, manager_a, clinic_b):
        client.post(reverse("wagtailadmin_pages:edit", args=[clinic_b.pk]), {"title": "Hijacked"})
        assert Page.objects.get(pk=clinic_b.pk).title == "Clinic B"

    def test_a_manager_cannot_add_a_practitioner_under_another_clinic(self, client, manager_a, clinic_b):
        url = reverse("wagtailadmin_pages:add", args=["directory", "practitionerpage", clinic_b.pk])
        assert_refused(client.get(url))

    def test_own_edit_page_opens(self, client, manager_a, clinic_a, practitioner_a):
        assert client.get(reverse("wagtailadmin_pages:edit", args=[clinic_a.pk])).status_code == 200
        assert client.get(reverse("wagtailadmin_pages:edit", args=[practitioner_a.pk])).status_code == 200

    def test_the_explorer_lists_only_the_managers_clinic(self, client, manager_a, clinic_a, clinic_b):
        response = client.get(reverse("wagtailadmin_explore", args=[clinic_a.get_parent().pk]))
        if response.status_code == 302:  # Wagtail jumps straight to the one explorable page
            response = client.get(response["Location"])
        body = response.content.decode()
        assert "Clinic B" not in body

    def test_scoping_helpers_follow_group_membership(self, manager_a, clinic_a, practitioner_a, practitioner_b):
        assert list(clinics_managed_by(manager_a)) == [clinic_a]
        assert list(practitioners_managed_by(manager_a)) == [practitioner_a]

    def test_a_moderator_may_not_edit_any_listing(self, client, clinic_a, practitioner_a):
        moderator = make_moderator()
        assert not clinic_a.permissions_for_user(moderator).can_edit()
        assert not practitioner_a.permissions_for_user(moderator).can_edit()
        login(client, moderator)
        assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[clinic_a.pk])))


class TestLicencesAcrossClinics:
    def test_the_licence_list_shows_only_the_managers_own(self, client, manager_a, practitioner_a, practitioner_b):
        body = client.get(reverse("licences:index")).content.decode()
        assert "PT-A-1" in body
        assert "PT-B-1" not in body

    def test_another_clinics_licence_is_not_found(self, client, manager_a, practitioner_b):
        licence = practitioner_b.licences.get()
        assert client.get(reverse("licences:inspect", args=[licence.pk])).status_code == 404
        for name in ("licences:edit", "licences:delete"):
            assert_refused(client.get(reverse(name, args=[licence.pk])))

    def test_another_clinics_licence_cannot_be_changed_or_deleted_by_posting(self, client, manager_a, practitioner_b):
        licence = practitioner_b.licences.get()
        client.post(reverse("licences:edit", args=[licence.pk]), {"number": "HIJACK1", "status": "revoked"})
        client.post(reverse("licences:delete", args=[licence.pk]))
        licence.refresh_from_db()
        assert licence.number == "PT-B-1" and licence.status == Licence.Status.ACTIVE

    def test_a_manager_changes_no_licence_directly_not_even_their_own(self, client, manager_a, practitioner_a):
        """Licence changes are proposals a moderator approves (tests/onboarding/test_licence_changes.py)."""
        licence = practitioner_a.licences.get()
        data = {
            "practitioner": practitioner_a.pk,
            "profession": Profession.objects.get(name="Physiotherapist").pk,
            "jurisdiction": licence.jurisdiction_id,
            "number": "PT-A-2",
            "status": "active",
        }
        assert_refused(client.get(reverse("licences:add")))
        assert_refused(client.post(reverse("licences:add"), data))
        assert_refused(client.post(reverse("licences:edit", args=[licence.pk]), data))
        assert_refused(client.post(reverse("licences:delete", args=[licence.pk])))
        assert not Licence.objects.filter(number="PT-A-2").exists()
        licence.refresh_from_db()
        assert licence.number == "PT-A-1"

    def test_a_manager_sees_their_own_licences(self, client, manager_a, practitioner_a):
        licence = practitioner_a.licences.get()
        assert client.get(reverse("licences:inspect", args=[licence.pk])).status_code == 200

    def test_a_manager_cannot_verify_any_licence(self, client, manager_a, practitioner_a):
        licence = practitioner_a.licences.get()
        url = reverse("licences:verify", args=[licence.pk])
        assert_refused(client.get(url))
        assert_refused(client.post(url, {"decision": "verified", "source": "trust me"}))
        licence.refresh_from_db()
        assert not licence.is_verified
        assert not licence_policy.user_has_permission(manager_a, "verify")

    def test_a_moderator_verifies_with_a_source(self, client, practitioner_b):
        moderator = make_moderator()
        login(client, moderator)
        licence = practitioner_b.licences.get()
        url = reverse("licences:verify", args=[licence.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"decision": "verified", "source": "https://apps.colorado.gov/dora/licensing/Lookup"}
        )
        assert response.status_code == 302
        licence.refresh_from_db()
        assert licence.is_verified and licence.verified_by == moderator

    def test_a_verification_without_a_source_is_refused_with_a_message(self, client, practitioner_b):
        login(client, make_moderator())
        licence = practitioner_b.licences.get()
        response = client.post(reverse("licences:verify", args=[licence.pk]), {"decision": "verified", "source": ""})
        assert response.status_code == 200
        assert "This field is required" in response.content.decode()
        licence.refresh_from_db()
        assert not licence.is_verified

    def test_a_moderator_sees_all_licences_but_cannot_edit_them(self, client, practitioner_a, practitioner_b):
        login(client, make_moderator())
        body = client.get(reverse("licences:index")).content.decode()
        assert "PT-A-1" in body and "PT-B-1" in body
        licence = practitioner_a.licences.get()
        assert_refused(client.get(reverse("licences:edit", args=[licence.pk])))

    def test_a_user_without_a_role_gets_nothing(self, client, practitioner_a):
        login(client, make_user())
        licence = practitioner_a.licences.get()
        assert_refused(client.get(reverse("licences:index")))
        assert_refused(client.get(reverse("licences:verify", args=[licence.pk])))

    def test_anonymous_visitors_are_sent_to_log_in(self, client, practitioner_a):
        licence = practitioner_a.licences.get()
        response = client.get(reverse("licences:verify", args=[licence.pk]))
        assert response.status_code == 302 and "/admin/login" in response["Location"]


class TestPractitionerLocations:
    def test_the_page_form_offers_only_the_clinics_own_locations(self, client, manager_a, clinic_a, clinic_b):
        url = reverse("wagtailadmin_pages:add", args=["directory", "practitionerpage", clinic_a.pk])
        form = client.get(url).context["form"]
        formset = form.formsets["practice_locations"]
        assert set(formset.empty_form.fields["location"].queryset) == set(clinic_a.locations.all())

    def test_apps_may_offer_more_locations_through_a_hook(self, client, manager_a, practitioner_a, clinic_b):
        from wagtail import hooks

        def offer_clinic_b(locations, practitioner, parent_page):
            assert practitioner.pk == practitioner_a.pk
            return locations | clinic_b.locations.all()

        url = reverse("wagtailadmin_pages:edit", args=[practitioner_a.pk])
        with hooks.register_temporarily("construct_practitioner_location_choices", offer_clinic_b):
            form = client.get(url).context["form"]
        offered = set(form.formsets["practice_locations"].empty_form.fields["location"].queryset)
        assert offered == set(practitioner_a.get_parent().specific.locations.all()) | set(clinic_b.locations.all())

    def test_superusers_reach_everything(self, client, clinic_b, practitioner_b):
        login(client, make_user(superuser=True))
        assert client.get(reverse("wagtailadmin_pages:edit", args=[clinic_b.pk])).status_code == 200
        assert client.get(reverse("licences:verify", args=[practitioner_b.licences.get().pk])).status_code == 200
