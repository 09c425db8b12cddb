"""A clinic's first publication goes through moderators; afterwards its managers publish at once."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.models import ClinicPage, PractitionerPage
from onboarding import applications, teams
from onboarding.models import Invitation
from onboarding.publication import LISTING_WORKFLOW
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_manager, make_moderator, make_practitioner
from tests.onboarding.helpers import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return make_moderator()


@pytest.fixture
def new_clinic(moderator):
    """An approved application whose contact accepted the invitation: a draft clinic and its manager."""
    application = applications.approve(make_application(clinic_name="Fresh Clinic"), by=moderator)
    manager = teams.accept(Invitation.objects.get(user=application.manager), password="a long unusual passphrase 42")
    return ClinicPage.objects.get(pk=application.clinic_id), manager


def clinic_edit_data(clinic, action, **changes):
    location = clinic.locations.get()
    data = {
        "title": clinic.title,
        "slug": clinic.slug,
        "description": rich_text(changes.pop("description", "")),
        "website": clinic.website,
        "phone": clinic.phone,
        "email": clinic.email,
        "locations": inline_formset(
            [
                {
                    "id": location.pk,
                    "street_address": location.street_address,
                    "city": location.city,
                    "jurisdiction": location.jurisdiction_id,
                    "latitude": str(location.latitude),
                    "longitude": str(location.longitude),
                    "accepting_new_patients": "on",
                    "accepting_confirmed_on": str(datetime.date.today()),
                    "opening_hours": inline_formset([{"weekday": "0", "opens": "09:00", "closes": "17:00"}]),
                }
            ],
            initial=1,
        ),
        "photos": inline_formset([]),
    }
    data.update(changes)
    data[action] = "1"
    return nested_form_data(data)


def edit(client, clinic, action, **changes):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[clinic.pk]), clinic_edit_data(clinic, action, **changes)
    )


class TestFirstPublication:
    def test_the_clinics_index_has_the_listing_review_workflow(self, new_clinic):
        clinic, _ = new_clinic
        assert clinic.get_workflow().name == LISTING_WORKFLOW
        task = clinic.get_workflow().tasks.get().specific
        assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]

    def test_the_manager_of_a_new_clinic_may_edit_and_submit_but_not_publish(self, client, new_clinic):
        clinic, manager = new_clinic
        permissions = clinic.permissions_for_user(manager)
        assert permissions.can_edit() and permissions.can_submit_for_moderation()
        assert not permissions.can_publish()
        client.force_login(manager)
        body = client.get(reverse("wagtailadmin_pages:edit", args=[clinic.pk])).content.decode()
        assert f"Submit to {LISTING_WORKFLOW}" in body
        assert 'name="action-publish"' not in body

    def test_publishing_directly_is_refused(self, client, new_clinic):
        clinic, manager = new_clinic
        client.force_login(manager)
        edit(client, clinic, "action-publish")
        assert not Page.objects.get(pk=clinic.pk).live

    def test_nothing_beneath_the_clinic_can_be_published_first(self, new_clinic):
        clinic, manager = new_clinic
        practitioner = make_practitioner(clinic, "Dr Early", publish=False)
        assert not practitioner.permissions_for_user(manager).can_publish()

    def test_submission_then_moderator_approval_publishes_and_frees_later_edits(self, client, new_clinic, moderator):
        clinic, manager = new_clinic
        client.force_login(manager)
        response = edit(client, clinic, "action-submit", description="<p>Sports physiotherapy.</p>")
        assert response.status_code == 302
        clinic = ClinicPage.objects.get(pk=clinic.pk)
        assert clinic.workflow_in_progress and not clinic.live

        client.force_login(moderator)
        task_state = clinic.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[clinic.pk, "approve", task_state.pk])
        assert client.post(url).status_code in (200, 302)
        clinic = ClinicPage.objects.get(pk=clinic.pk)
        assert clinic.live and "Sports physiotherapy" in clinic.description

        assert clinic.permissions_for_user(manager).can_publish()
        client.force_login(manager)
        edit(client, clinic, "action-publish", description="<p>Now open on Saturdays.</p>")
        clinic = ClinicPage.objects.get(pk=clinic.pk)
        assert clinic.live and "Saturdays" in clinic.description and not clinic.workflow_in_progress

    def test_a_moderator_may_approve_but_never_edit_the_listing(self, client, new_clinic, moderator):
        clinic, manager = new_clinic
        clinic.get_workflow().start(clinic, manager)
        client.force_login(moderator)
        assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[clinic.pk])))
        edit(client, clinic, "action-publish", title="Renamed by a moderator")
        assert Page.objects.get(pk=clinic.pk).title == "Fresh Clinic"

    def test_the_moderator_reviews_from_the_preview_and_the_dashboard(
        self, client, new_clinic, moderator, settings, tmp_path
    ):
        # The public clinic template belongs to the site issue; a stand-in renders the preview here.
        (tmp_path / "directory").mkdir()
        (tmp_path / "directory" / "clinic_page.html").write_text("<h1>{{ page.title }}</h1>")
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
        clinic, manager = new_clinic
        clinic.get_workflow().start(clinic, manager)
        clinic = ClinicPage.objects.get(pk=clinic.pk)
        client.force_login(moderator)
        task = clinic.current_workflow_task
        preview = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[clinic.pk, task.pk]))
        assert preview.status_code == 200 and "<h1>Fresh Clinic</h1>" in preview.content.decode()
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Awaiting your review" in dashboard and "Fresh Clinic" in dashboard

    def test_a_manager_of_another_clinic_can_neither_approve_nor_submit(self, client, new_clinic):
        clinic, manager = new_clinic
        clinic.get_workflow().start(clinic, manager)
        clinic = ClinicPage.objects.get(pk=clinic.pk)
        client.force_login(make_manager(make_clinic()))
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[clinic.pk, "approve", clinic.current_workflow_task_state.pk]
        )
        assert_refused(client.post(url))
        assert not Page.objects.get(pk=clinic.pk).live

    def test_a_manager_cannot_approve_their_own_submission(self, client, new_clinic):
        clinic, manager = new_clinic
        clinic.get_workflow().start(clinic, manager)
        clinic = ClinicPage.objects.get(pk=clinic.pk)
        client.force_login(manager)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[clinic.pk, "approve", clinic.current_workflow_task_state.pk]
        )
        assert_refused(client.post(url))
        assert not Page.objects.get(pk=clinic.pk).live


class TestEstablishedClinics:
    def test_managers_of_a_published_clinic_publish_ordinary_edits_at_once(self, client):
        clinic = make_clinic("Established Clinic")
        manager = make_manager(clinic)
        client.force_login(manager)
        assert edit(client, clinic, "action-publish", description="<p>New photos soon.</p>").status_code == 302
        clinic = ClinicPage.objects.get(pk=clinic.pk)
        assert "New photos soon" in clinic.description and not clinic.has_unpublished_changes

    def test_their_practitioners_publish_at_once_too(self):
        clinic = make_clinic()
        manager = make_manager(clinic)
        practitioner = make_practitioner(clinic)
        assert PractitionerPage.objects.get(pk=practitioner.pk).permissions_for_user(manager).can_publish()

    def test_republishing_later_does_not_restore_a_withdrawn_permission(self, moderator):
        clinic = make_clinic()
        from onboarding.publication import managers_may_publish, withhold_publication

        withhold_publication(clinic)  # e.g. an administrator puts a listing back under review
        clinic.save_revision(user=moderator).publish(user=None)
        assert not managers_may_publish(clinic)
