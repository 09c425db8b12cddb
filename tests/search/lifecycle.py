"""How the index follows the directory, as tests bound to each backend.

Writes go through the real paths (publish, unpublish, move, delete, licence and rating
saves); on_commit callbacks run as they would after a real commit.
"""

import datetime
import io

from django.core.management import call_command
from django.test import override_settings

from directory.models import Licence
from reviews.models import RatingSummary
from search import indexing
from search.backends import get_backend
from search.models import PendingChange, SearchDocument
from tests.factories import make_clinic, make_licence, make_location, make_practitioner
from tests.search.contract import names, run_search
from tests.search.dataset import BOULDER


class IndexLifecycleContract:
    @classmethod
    def search_settings(cls):
        raise NotImplementedError

    @classmethod
    def setUpTestData(cls):
        cls.clinic = make_clinic("Front Range Physio")
        cls.other_clinic = make_clinic("Flatirons Rehab", location=make_location(city="Boulder", coords=BOULDER))
        cls.dana = make_practitioner(cls.clinic, "Dana Whitfield", certifications=(("Dry needling", 60),))
        cls.licence = make_licence(cls.dana)

    def setUp(self):
        self.enterContext(override_settings(INSCOPE_SEARCH=self.search_settings()))
        indexing.rebuild_all()
        get_backend().rebuild()
        PendingChange.objects.all().delete()

    def found(self, **params):
        return names(run_search(page_size=50, **params))

    def test_publishing_makes_a_practitioner_findable_after_commit(self):
        with self.captureOnCommitCallbacks(execute=True):
            make_practitioner(self.clinic, "Noor Haddad")
        self.assertIn("Noor Haddad", self.found(q="Haddad"))
        self.assertFalse(PendingChange.objects.exists())

    def test_unpublishing_removes_a_practitioner(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.dana.unpublish()
        self.assertEqual(self.found(q="Whitfield"), [])

    def test_deleting_removes_a_practitioner_and_updates_the_clinic(self):
        self.assertIn("Front Range Physio", self.found(technique="dry-needling", type="clinic"))
        with self.captureOnCommitCallbacks(execute=True):
            self.dana.delete()
        self.assertEqual(self.found(q="Whitfield"), [])
        self.assertNotIn("Front Range Physio", self.found(technique="dry-needling", type="clinic"))

    def test_moving_a_practitioner_changes_their_clinic_and_address(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.dana.move(self.other_clinic, pos="last-child")
        results = run_search(q="Whitfield")
        self.assertEqual(results.hits[0].url, "/clinics/flatirons-rehab/dana-whitfield/")

    def test_a_licence_change_updates_the_in_scope_filter(self):
        self.assertEqual(self.found(technique="dry-needling", in_scope=1, type="practitioner"), ["Dana Whitfield"])
        with self.captureOnCommitCallbacks(execute=True):
            self.licence.status = Licence.Status.SUSPENDED
            self.licence.save()
        self.assertEqual(self.found(technique="dry-needling", in_scope=1, type="practitioner"), [])

    def test_a_rating_summary_saved_updates_the_rating_filter(self):
        self.assertEqual(self.found(min_rating=4), [])
        with self.captureOnCommitCallbacks(execute=True):
            summary = RatingSummary(page=self.dana)
            summary.set_counts({5: 3, 4: 1})
            summary.save()
        self.assertEqual(self.found(min_rating=4), ["Dana Whitfield"])

    def test_a_rolled_back_write_queues_nothing(self):
        from django.db import transaction

        try:
            with transaction.atomic():
                make_practitioner(self.clinic, "Rolled Back")
                raise RuntimeError("the form failed")
        except RuntimeError:
            pass
        self.assertFalse(PendingChange.objects.exists())

    def test_replaying_the_queue_is_idempotent(self):
        indexing.enqueue([self.dana.pk, self.clinic.pk])
        before = run_search()
        self.assertEqual(indexing.apply(), (2, 0))
        indexing.enqueue([self.dana.pk, self.clinic.pk])
        call_command("search_index", "sync", "--no-progress", stdout=io.StringIO())
        after = run_search()
        self.assertEqual((names(before), before.total), (names(after), after.total))
        self.assertFalse(PendingChange.objects.exists())

    def test_sync_queues_documents_whose_licence_has_expired(self):
        SearchDocument.objects.filter(pk=self.dana.pk).update(valid_until="2020-01-01")
        call_command("search_index", "sync", "--no-progress", stdout=io.StringIO())
        self.assertGreater(SearchDocument.objects.get(pk=self.dana.pk).valid_until, datetime.date.today())

    def test_status_compares_the_index_with_the_database(self):
        out = io.StringIO()
        call_command("search_index", "status", stdout=out)
        self.assertRegex(out.getvalue(), r"live practitioner and clinic pages\s+3")
        self.assertRegex(out.getvalue(), r"queued changes\s+0")

    def test_a_new_synonym_works_at_once_without_a_reindex(self):
        from directory.models import Technique
        from search.understanding import forget_lexicon

        self.addCleanup(forget_lexicon)  # the rolled-back synonym must not outlive this test
        self.assertEqual(self.found(q="needle therapy", type="practitioner"), [])
        technique = Technique.objects.get(slug="dry-needling")
        technique.synonyms += "\nneedle therapy"
        with self.captureOnCommitCallbacks(execute=True):
            technique.save()
        PendingChange.objects.all().delete()  # prove the synonym needs no reindex
        self.assertEqual(self.found(q="needle therapy", type="practitioner"), ["Dana Whitfield"])

    def test_the_rebuild_command_reports_what_it_built(self):
        out = io.StringIO()
        call_command("search_index", "rebuild", "--no-progress", stdout=out)
        self.assertRegex(out.getvalue(), r"Built 3 search documents in [0-9.]+ s \([0-9]+ docs/s\)")
        self.assertIn("Search index rebuilt", out.getvalue())
