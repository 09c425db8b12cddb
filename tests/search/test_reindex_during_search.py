"""A page reindexed while a database search reads it: the search reads again, no 500.

Found by bench/load_test.py: a moderator's approval refreshes a rating and reindexes the
page (its listings get new rows) between the search's candidate query and its fetch of
the hits, which then missed a row.
"""

from unittest import mock

from django.conf import settings
from django.test import TestCase, override_settings

from search import indexing
from search.models import SearchListing
from tests.factories import make_clinic, make_practitioner
from tests.search.contract import names, run_search

DATABASE = {**settings.INSCOPE_SEARCH, "BACKEND": "search.backends.database.DatabaseBackend", "URL": None}


@override_settings(INSCOPE_SEARCH=DATABASE)
class ReindexDuringSearch(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.dana = make_practitioner(make_clinic("Front Range Physio"), "Dana Whitfield")
        indexing.rebuild_all()

    def reindex_during_fetch(self, times):
        """SearchListing.objects.in_bulk that first reindexes Dana, `times` times."""
        real = SearchListing.objects.in_bulk
        calls = []

        def in_bulk(ids):
            if len(calls) < times:
                indexing.rebuild_documents([self.dana.pk])  # her listing rows are replaced
            calls.append(ids)
            return real(ids)

        return mock.patch.object(SearchListing.objects, "in_bulk", side_effect=in_bulk), calls

    def test_the_search_reads_again_and_finds_the_reindexed_page(self):
        patch, calls = self.reindex_during_fetch(times=1)
        with patch:
            results = run_search(q="Whitfield")
        self.assertEqual(names(results), ["Dana Whitfield"])
        self.assertEqual(len(calls), 2)

    def test_a_page_reindexed_on_every_attempt_is_left_out_rather_than_failing(self):
        patch, calls = self.reindex_during_fetch(times=10)
        with patch:
            results = run_search(q="Whitfield")
        self.assertEqual(names(results), [])
        self.assertEqual(len(calls), 3)
