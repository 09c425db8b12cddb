"""Concept ranks kept from storing time (search.concept_ranks, PostgreSQL): a search for concepts
alone reads them instead of ranking every matching document, answers exactly as the live ranking
does, and never uses ranks computed from names the concept no longer has.
"""

import io
import unittest

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from directory.models import Technique
from search import concept_ranks, indexing
from search.models import ConceptRank, RankedConcept, SearchDocument
from search.understanding import forget_lexicon
from tests.search import dataset
from tests.search.contract import facet, names, run_search

# The SQL's use of stored ranks; the listing columns read them once per process and are held to
# the SQL's answers in test_column_ranking.py.
DATABASE = {
    **settings.INSCOPE_SEARCH,
    "BACKEND": "search.backends.database.DatabaseBackend",
    "URL": None,
    "LISTING_COLUMNS": False,
}
CONCEPT_SEARCHES = [
    {"q": "dry needling"},
    {"q": "sciatica"},
    {"q": "physiotherapist", "type": "practitioner"},
    {"q": "dry needling for sciatica"},
    {"q": "acupuncture", "language": "hi"},
    {"q": "IMS", "sort": "rating"},
    {"q": "dry needling", "lat": 39.7392, "lon": -104.9903, "radius": 50},
    {
        "q": "dry needling for sciatica",
        "lat": 39.7392,
        "lon": -104.9903,
        "radius": 50,
        "sort": "distance",
        "in_scope": 1,
    },
]


def reads_stored_ranks(**params):
    with CaptureQueriesContext(connection) as captured:
        results = run_search(**params)
    return results, any("search_conceptrank" in query["sql"] for query in captured.captured_queries)


def answer(results):
    """What a patient sees, with scores to the precision the API reports."""
    hits = [(hit.title, round(hit.score, 4), hit.distance_km) for hit in results.hits]
    return hits, results.total, {name: facet(results, name) for name in results.facets}


@unittest.skipUnless(connection.vendor == "postgresql", "ranks are kept on PostgreSQL only")
@override_settings(INSCOPE_SEARCH=DATABASE)
class StoredConceptRanks(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = dataset.build()
        indexing.rebuild_all()

    def setUp(self):
        self.addCleanup(forget_lexicon)

    def test_a_rebuild_ranks_every_concept_under_its_current_names(self):
        recorded = dict(RankedConcept.objects.values_list("concept", "names"))
        self.assertEqual(recorded, concept_ranks.concept_names())
        self.assertEqual(concept_ranks.stale(), [])
        dana = self.pages["dana"].pk
        self.assertTrue(
            ConceptRank.objects.filter(concept__concept="technique:dry-needling", document_id=dana).exists()
        )

    def test_concept_searches_read_stored_ranks_and_answer_as_live_ranking_does(self):
        stored = {}
        for params in CONCEPT_SEARCHES:
            results, used = reads_stored_ranks(**params)
            self.assertTrue(used, params)
            self.assertTrue(results.hits, params)
            stored[str(params)] = answer(results)
        RankedConcept.objects.all().delete()  # every concept is ranked live now
        for params in CONCEPT_SEARCHES:
            results, used = reads_stored_ranks(**params)
            self.assertFalse(used, params)
            self.assertEqual(answer(results), stored[str(params)], params)

    def test_searches_with_other_words_are_ranked_live(self):
        _, used = reads_stored_ranks(q="Whitfield dry needling")
        self.assertFalse(used)

    def test_storing_a_page_again_replaces_its_ranks(self):
        dana = self.pages["dana"].pk
        before = sorted(ConceptRank.objects.filter(document_id=dana).values_list("concept__concept", "rank"))
        indexing.rebuild_documents([dana])
        self.assertEqual(
            sorted(ConceptRank.objects.filter(document_id=dana).values_list("concept__concept", "rank")), before
        )
        SearchDocument.objects.filter(pk=dana).delete()
        self.assertFalse(ConceptRank.objects.filter(document_id=dana).exists())

    def test_a_new_synonym_is_ranked_live_until_its_concept_is_ranked_again(self):
        technique = Technique.objects.get(slug="dry-needling")
        technique.synonyms += "\nneedle therapy"
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            technique.save()
        forget_lexicon()
        results, used = reads_stored_ranks(q="needle therapy", type="practitioner")
        self.assertFalse(used)  # the stored ranks are of the old names
        self.assertIn("Dana Whitfield", names(results))
        for callback in callbacks:
            callback()
        self.assertIn("needle therapy", RankedConcept.objects.get(concept="technique:dry-needling").names)
        after, used = reads_stored_ranks(q="needle therapy", type="practitioner")
        self.assertTrue(used)
        self.assertEqual(answer(after), answer(results))

    def test_sync_ranks_concepts_never_ranked_as_after_an_upgrade(self):
        expected = sorted(ConceptRank.objects.values_list("concept__concept", "document_id", "rank"))
        RankedConcept.objects.all().delete()
        ConceptRank.objects.all().delete()
        out = io.StringIO()
        call_command("search_index", "sync", "--no-progress", stdout=out)
        self.assertIn(f"Ranked {len(concept_ranks.concept_names())} concepts", out.getvalue())
        self.assertEqual(sorted(ConceptRank.objects.values_list("concept__concept", "document_id", "rank")), expected)
        self.assertTrue(reads_stored_ranks(q="sciatica")[1])

    def test_a_concept_that_no_longer_exists_is_forgotten(self):
        RankedConcept.objects.create(concept="technique:retired", names=["Retired"])
        self.assertIn("technique:retired", concept_ranks.stale())
        concept_ranks.refresh()
        self.assertFalse(RankedConcept.objects.filter(concept="technique:retired").exists())
        self.assertEqual(concept_ranks.stale(), [])


@unittest.skipIf(connection.vendor == "postgresql", "SQLite keeps no ranks")
class NoStoredRanksOnSQLite(TestCase):
    def test_nothing_is_ranked_or_recorded(self):
        dataset.build()
        indexing.rebuild_all()
        self.assertEqual((concept_ranks.refresh(), concept_ranks.stale()), ([], []))
        self.assertFalse(ConceptRank.objects.exists() or RankedConcept.objects.exists())
