"""On PostgreSQL, the statements whose plans the planner gets wrong run with settings of their own,
set for their transaction only (search.backends.dialects: WORD_SEARCH_SETTINGS, PREFIX_SETTINGS).

A transaction test: in a test case's enclosing transaction, SET LOCAL would last to its end.
"""

import unittest

from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.test.utils import CaptureQueriesContext

from search.backends import get_backend
from tests.search.contract import run_search

DATABASE = {**settings.INSCOPE_SEARCH, "BACKEND": "search.backends.database.DatabaseBackend", "URL": None}


def show(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL planner settings")
@override_settings(INSCOPE_SEARCH=DATABASE)
class PlannerSettings(TransactionTestCase):
    def settings_run(self, search):
        with CaptureQueriesContext(connection) as captured:
            search()
        return [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SET LOCAL")]

    def test_words_across_the_directory_are_matched_at_ssd_page_pricing_for_that_search_only(self):
        default = show("random_page_cost")
        self.assertEqual(self.settings_run(lambda: run_search(q="Whitfield")), ["SET LOCAL random_page_cost = 1.1"])
        self.assertEqual(show("random_page_cost"), default)

    def test_searches_in_a_place_or_without_words_keep_the_servers_settings(self):
        self.assertEqual(self.settings_run(lambda: run_search(q="sciatica", lat=39.74, lon=-104.99, radius=25)), [])
        self.assertEqual(self.settings_run(lambda: run_search(type="practitioner")), [])

    def test_autocomplete_runs_without_parallel_workers_for_that_lookup_only(self):
        default = show("max_parallel_workers_per_gather")
        ran = self.settings_run(lambda: get_backend().autocomplete("phy", 8, "all"))
        self.assertEqual(ran, ["SET LOCAL max_parallel_workers_per_gather = 0"])
        self.assertEqual(show("max_parallel_workers_per_gather"), default)
