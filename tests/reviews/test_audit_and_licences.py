"""The audit log cannot be changed; licence decisions and expiries are logged in it."""

import datetime
import io

import pytest
from django.core.management import call_command

from directory.models import Licence
from reviews.models import AuditEntry, ImmutableEntry
from tests.assertions import assert_refused
from tests.factories import make_clinic, make_licence, make_manager, make_moderator, make_practitioner

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    practitioner = make_practitioner(make_clinic())
    licence = make_licence(practitioner, verified=False)
    return AuditEntry.record(actor=None, action=AuditEntry.Action.LICENCE_EXPIRED, target=licence, by="test")


class TestAuditLogIsAppendOnly:
    def test_an_entry_cannot_be_saved_again(self, entry):
        entry.note = "rewritten"
        with pytest.raises(ImmutableEntry):
            entry.save()

    def test_an_entry_cannot_be_deleted(self, entry):
        with pytest.raises(ImmutableEntry):
            entry.delete()
        with pytest.raises(ImmutableEntry):
            AuditEntry.objects.all().delete()
        with pytest.raises(ImmutableEntry):
            AuditEntry.objects.filter(pk=entry.pk).update(note="rewritten")
        assert AuditEntry.objects.get(pk=entry.pk).note == ""

    def test_the_admin_has_no_edit_or_delete_view_even_for_a_superuser(self, client, entry, admin_user):
        client.force_login(admin_user)
        assert client.get("/admin/audit-log/").status_code == 200
        assert client.get(f"/admin/audit-log/inspect/{entry.pk}/").status_code == 200
        for path in (
            f"/admin/audit-log/edit/{entry.pk}/",
            f"/admin/audit-log/delete/{entry.pk}/",
            "/admin/audit-log/new/",
        ):
            assert client.post(path, {"note": "x"}).status_code == 404
        assert AuditEntry.objects.get(pk=entry.pk).note == ""

    def test_moderators_read_it_and_managers_cannot(self, client, entry):
        client.force_login(make_moderator())
        assert client.get("/admin/audit-log/").status_code == 200
        client.force_login(make_manager(make_clinic()))
        assert_refused(client.get("/admin/audit-log/"))
        assert_refused(client.get(f"/admin/audit-log/inspect/{entry.pk}/"))


class TestLicenceQueue:
    @pytest.fixture
    def licences(self):
        practitioner = make_practitioner(make_clinic())
        newer = make_licence(practitioner, verified=False, number="PT-NEW")
        older = make_licence(practitioner, verified=False, number="PT-OLD", profession="Chiropractor")
        Licence.objects.filter(pk=older.pk).update(created_at=newer.created_at - datetime.timedelta(days=10))
        make_licence(practitioner, verified=True, number="PT-DONE", profession="Acupuncturist")
        return older, newer

    def test_moderators_see_unverified_licences_oldest_first(self, client, licences):
        client.force_login(make_moderator())
        body = client.get("/admin/licence-queue/").content.decode()
        assert body.index("PT-OLD") < body.index("PT-NEW") and "PT-DONE" not in body

    def test_a_decision_records_the_source_and_is_logged(self, client, licences):
        moderator = make_moderator("checker")
        client.force_login(moderator)
        older, _ = licences
        page = client.get(f"/admin/licence-queue/{older.pk}/").content.decode()
        seen = page.split('name="seen_updated_at" value="')[1].split('"')[0]
        data = {"decision": "rejected", "source": "https://dpo.colorado.gov/ (no match)", "seen_updated_at": seen}
        assert client.post(f"/admin/licence-queue/{older.pk}/", data).status_code == 302
        older.refresh_from_db()
        assert older.verification_status == "rejected" and older.verified_by == moderator
        entry = AuditEntry.objects.get(action=AuditEntry.Action.LICENCE_REJECTED)
        assert (entry.actor, entry.previous_state, entry.target_id) == (moderator, "unverified", str(older.pk))
        assert "dpo.colorado.gov" in entry.note

    def test_a_decision_through_the_directory_verify_view_is_logged_too(self, client, licences):
        moderator = make_moderator()
        client.force_login(moderator)
        older, _ = licences
        client.post(f"/admin/licences/verify/{older.pk}/", {"decision": "verified", "source": "Register"})
        assert AuditEntry.objects.get(action="licence_verified", target_id=str(older.pk)).actor == moderator

    def test_a_stale_decision_is_not_recorded(self, client, licences):
        older, _ = licences
        client.force_login(make_moderator("late"))
        page = client.get(f"/admin/licence-queue/{older.pk}/").content.decode()
        seen = page.split('name="seen_updated_at" value="')[1].split('"')[0]
        older.record_verification(by=make_moderator("early"), verified=True, source="Register")
        response = client.post(
            f"/admin/licence-queue/{older.pk}/",
            {"decision": "rejected", "source": "x", "seen_updated_at": seen},
            follow=True,
        )
        assert "changed while you were checking it" in response.content.decode()
        older.refresh_from_db()
        assert older.verification_status == "verified"

    def test_managers_cannot_use_the_queue(self, client, licences):
        older, _ = licences
        client.force_login(make_manager(make_clinic()))
        assert_refused(client.get("/admin/licence-queue/"))
        assert_refused(client.post(f"/admin/licence-queue/{older.pk}/", {"decision": "verified", "source": "me"}))
        older.refresh_from_db()
        assert older.verification_status == "unverified"


class TestFlagExpiredLicences:
    def test_expired_licences_are_flagged_logged_and_the_command_is_idempotent(self):
        practitioner = make_practitioner(make_clinic())
        lapsed = make_licence(practitioner, expires_on=datetime.date(2026, 1, 31))
        current = make_licence(practitioner, profession="Chiropractor", expires_on=datetime.date(2027, 6, 1))
        suspended = make_licence(
            practitioner, profession="Acupuncturist", status="suspended", expires_on=datetime.date(2025, 1, 1)
        )
        out = io.StringIO()
        call_command("flag_expired_licences", "--date", "2026-11-21", stdout=out, stderr=io.StringIO())
        assert "Flagged 1 licence as expired" in out.getvalue()
        lapsed.refresh_from_db()
        assert lapsed.status == "expired" and lapsed.verification_status == "unverified"
        entry = AuditEntry.objects.get(action=AuditEntry.Action.LICENCE_EXPIRED)
        assert (entry.actor_name, entry.previous_state, entry.target_id) == (
            "flag_expired_licences",
            "active",
            str(lapsed.pk),
        )
        assert Licence.objects.get(pk=current.pk).status == "active"
        assert Licence.objects.get(pk=suspended.pk).status == "suspended"

        call_command("flag_expired_licences", "--date", "2026-11-21", stdout=out, stderr=io.StringIO())
        assert AuditEntry.objects.filter(action=AuditEntry.Action.LICENCE_EXPIRED).count() == 1
