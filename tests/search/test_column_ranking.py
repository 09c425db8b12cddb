"""The listing columns (search.columns, search.backends.column_ranking) answer exactly as the SQL
does, on a generated directory large enough for ties, shared ratings and several listings per
page; and the copy each process holds is never older than the last committed write.
"""

import unittest

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from bench.load import generate
from search import columns, concept_ranks, indexing
from search.models import SearchDocument, SearchListing
from tests.search import dataset
from tests.search.contract import run_search

DENVER = {"lat": 39.7392, "lon": -104.9903}
QUESTIONS = [
    {},
    {"sort": "rating"},
    {"sort": "rating", "page": 3, "page_size": 10},
    {"page": 4, "page_size": 7},
    {"type": "practitioner", "profession": "physiotherapist", "language": "en", "accepting": 1},
    {"gender": "female", "telehealth": 1, "min_rating": 4, "currency": "USD", "fee_max": 150},
    {"currency": "INR"},
    {"currency": "USD", "fee_min": 90, "sort": "rating"},
    {"where": "Denver", "radius": 25},
    {"where": "Denver", "radius": 50, "sort": "distance"},
    {"where": "Denver", "radius": 50, "sort": "distance", "page": 2, "page_size": 5},
    {"where": "London", "radius": 30, "sort": "rating", "unit": "mi"},
    {**DENVER, "radius": 40, "technique": "dry-needling", "in_scope": 1},
    {"where": "Mumbai", "radius": 50, "technique": "acupuncture", "in_scope": 1, "gender": "male"},
    {"q": "dry needling"},
    {"q": "physiotherapist", "page": 2, "page_size": 5},
    {"q": "sciatica", "type": "clinic"},
    {"q": "dry needling for sciatica"},
    {"q": "acupuncture", "sort": "rating"},
    {"q": "dry needling", "where": "Denver", "radius": 50},
    {"q": "low back pain", "where": "Toronto", "radius": 50, "sort": "distance"},
    {"q": "chiropractor", "language": "en", "min_rating": 3},
]


def answer(params):
    """Everything a search answers, scores to 9 significant digits (the SQL and numpy may round
    the last bit of a double differently)."""
    results = run_search(**params)
    hits = [
        (
            hit.page_id,
            hit.location and hit.location["id"],
            float(f"{hit.score:.9g}"),
            hit.distance_km and round(hit.distance_km, 9),
        )
        for hit in results.hits
    ]
    facets = {name: sorted((v.value, v.count) for v in values) for name, values in results.facets.items()}
    return hits, results.total, facets, results.fee_range


def with_columns(enabled):
    return {
        **settings.INSCOPE_SEARCH,
        "BACKEND": "search.backends.database.DatabaseBackend",
        "URL": None,
        "LISTING_COLUMNS": enabled,
    }


class ColumnAnswers(TestCase):
    """On one generated directory, made once for the class (each test's writes are rolled back)."""

    @classmethod
    def setUpTestData(cls):
        generate(240, seed=11)
        indexing.rebuild_all()

    def setUp(self):
        columns.forget()
        self.addCleanup(columns.forget)

    def columns_on(self):
        return override_settings(INSCOPE_SEARCH=with_columns(True))

    def test_every_question_gets_the_same_answer_from_columns_and_from_sql(self):
        with override_settings(INSCOPE_SEARCH=with_columns(False)):
            expected = {repr(params): answer(params) for params in QUESTIONS}
        with self.columns_on():
            for params in QUESTIONS:
                self.assertEqual(answer(params), expected[repr(params)], params)
        # The mix is not trivial: pages of results, facets and fee ranges were compared.
        self.assertGreater(sum(len(hits) for hits, *_ in expected.values()), 150)
        self.assertTrue(any(fee_range and fee_range["min"] is not None for *_, fee_range in expected.values()))

    def test_filters_places_and_sorts_are_answered_from_columns_and_free_words_in_sql(self):
        with self.columns_on():
            self.assertTrue(uses_columns({"gender": "female", "telehealth": 1}))
            self.assertTrue(uses_columns({"where": "Denver", "radius": 50, "sort": "distance"}))
            self.assertFalse(uses_columns({"q": "Cedar"}))  # a word, not a concept
        with override_settings(INSCOPE_SEARCH=with_columns(False)):
            self.assertFalse(uses_columns({"gender": "female", "telehealth": 1}))

    @unittest.skipUnless(concept_ranks.enabled(), "concept ranks are stored on PostgreSQL only")
    def test_concepts_with_stored_ranks_are_answered_from_columns(self):
        with self.columns_on():
            self.assertTrue(uses_columns({"q": "physiotherapist"}))

    def test_a_search_reads_one_value_when_nothing_changed(self):
        with self.columns_on():
            run_search(sort="rating")
            with CaptureQueriesContext(connection) as captured:
                run_search(sort="rating")
        generation_reads = [q for q in captured.captured_queries if "search_searchgeneration" in q["sql"]]
        self.assertEqual(len(generation_reads), 1)

    def test_a_stored_page_is_found_by_the_next_search(self):
        with self.columns_on():
            first = run_search(sort="rating").hits[0]
            lowest = SearchDocument.objects.exclude(rating_count=0).order_by("rating_average", "page_id").first()
            self.assertNotEqual(lowest.pk, first.page_id)
            SearchDocument.objects.filter(pk=lowest.pk).update(rating_average=5.0, rating_count=200)
            SearchListing.objects.filter(document=lowest).update(rating_average=5.0, rating_count=200)
            self.assertEqual(run_search(sort="rating").hits[0].page_id, lowest.pk)

    def test_a_deleted_page_is_gone_from_the_next_search(self):
        with self.columns_on():
            first = run_search(sort="rating").hits[0]
            SearchDocument.objects.filter(pk=first.page_id).delete()
            self.assertNotIn(first.page_id, [hit.page_id for hit in run_search(sort="rating").hits])

    def test_a_copy_read_inside_a_rolled_back_write_is_never_served(self):
        with self.columns_on():
            before = run_search(sort="rating")
            page_id = before.hits[0].page_id
            with self.assertRaises(RuntimeError), transaction.atomic():
                SearchDocument.objects.filter(pk=page_id).delete()
                self.assertNotIn(page_id, [hit.page_id for hit in run_search(sort="rating").hits])
                raise RuntimeError("roll back")
            after = run_search(sort="rating")
        self.assertEqual(after.hits[0].page_id, page_id)
        self.assertEqual(after.total, before.total)

    def test_every_write_to_a_search_table_changes_the_generation(self):
        document = SearchDocument.objects.filter(fee_rows__isnull=False).first()
        seen = {columns.generation()}
        for write in (
            lambda: SearchDocument.objects.filter(pk=document.pk).update(title="Renamed"),
            lambda: SearchListing.objects.filter(document=document).update(label="Elsewhere"),
            lambda: document.fee_rows.all().delete(),
        ):
            write()
            seen.add(columns.generation())
        self.assertEqual(len(seen), 4)
        self.assertNotIn(None, seen)


def uses_columns(params):
    """Whether a search was answered from the columns, not by RankingSQL's statement (its first CTE
    is the candidates, `c`)."""
    run_search(**params)  # the first search after a write reads the copy
    return uses_columns_now(**params)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_sql_answers_while_a_thread_loads_the_new_copy(full_database, settings, monkeypatch):
    settings.INSCOPE_SEARCH = with_columns(True)
    monkeypatch.setattr(columns, "RELOAD_INTERVAL", 0.0)
    pages = dataset.build()
    indexing.rebuild_all()
    columns.forget()
    assert not uses_columns_now(sort="rating")  # no copy yet: SQL, and a thread loads one
    columns.wait_for_load()
    assert uses_columns_now(sort="rating")
    ravi = pages["ravi"].pk
    assert run_search(sort="rating").hits[0].page_id != ravi
    SearchListing.objects.filter(document_id=ravi).update(rating_average=5.0, rating_count=1000)
    stale, results = uses_columns_now(sort="rating"), run_search(sort="rating")
    assert not stale
    assert results.hits[0].page_id == ravi  # SQL answered, with the write
    columns.wait_for_load()
    assert uses_columns_now(sort="rating")
    assert run_search(sort="rating").hits[0].page_id == ravi
    # At most one load per RELOAD_INTERVAL: writes faster than that leave searches in SQL.
    monkeypatch.setattr(columns, "RELOAD_INTERVAL", 3600.0)
    SearchListing.objects.filter(document_id=ravi).update(rating_average=None, rating_count=0)
    columns.wait_for_load()
    assert not uses_columns_now(sort="rating")
    assert ravi not in [hit.page_id for hit in run_search(sort="rating").hits[:1]]
    columns.forget()


def uses_columns_now(**params):
    with CaptureQueriesContext(connection) as captured:
        run_search(**params)
    return not any("WITH c AS" in query["sql"] for query in captured.captured_queries)
