"""After `search_index rebuild` on PostgreSQL the search tables are vacuumed and analysed: a rebuild
rewrites every row, and until autovacuum catches up searches read the dead rows too and plan
with the old rows' statistics. Inside a transaction, where VACUUM cannot run, the rebuild still
succeeds without it.
"""

import io
import unittest

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase, override_settings

from search import storage

DATABASE = {**settings.INSCOPE_SEARCH, "BACKEND": "search.backends.database.DatabaseBackend", "URL": None}


def maintenance_counts():
    """{table: (vacuums, analyses)} as PostgreSQL's statistics report them now."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT relname, vacuum_count, analyze_count FROM pg_stat_user_tables WHERE relname = ANY(%s)",
            [list(storage.SEARCH_TABLES)],
        )
        return {name: (vacuums, analyses) for name, vacuums, analyses in cursor.fetchall()}


def rebuild():
    out = io.StringIO()
    call_command("search_index", "rebuild", "--no-progress", stdout=out)
    return out.getvalue()


@unittest.skipUnless(connection.vendor == "postgresql", "VACUUM is PostgreSQL's")
@override_settings(INSCOPE_SEARCH=DATABASE)
class VacuumAfterRebuild(TransactionTestCase):
    def test_a_rebuild_vacuums_and_analyses_every_search_table(self):
        before = maintenance_counts()
        self.assertIn("Vacuumed and analysed the search tables", rebuild())
        after = maintenance_counts()
        self.assertEqual(set(after), set(storage.SEARCH_TABLES))
        for table in storage.SEARCH_TABLES:
            vacuums, analyses = before.get(table, (0, 0))
            self.assertEqual(after[table], (vacuums + 1, analyses + 1), table)


@override_settings(INSCOPE_SEARCH=DATABASE)
class NoVacuumInATransaction(TestCase):
    def test_a_rebuild_inside_a_transaction_skips_it_and_succeeds(self):
        output = rebuild()
        self.assertIn("Search index rebuilt", output)
        self.assertNotIn("Vacuumed", output)
