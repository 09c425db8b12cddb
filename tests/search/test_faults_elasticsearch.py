"""Elasticsearch dying mid-write and mid-rebuild loses nothing (issue #7, "Faults").

The engine sits behind tests/faultproxy.py, which lets an exact number of `_bulk`
requests through and then drops every connection, as a crashed server does. Each test
counts the pages and listings in the database and in the engine before and after.
Runs on osmem-server always, and on a real server when ELASTICSEARCH_URL is set.
"""

import io
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings

from search import indexing
from search.backends import get_backend
from search.models import PendingChange, SearchDocument, SearchListing
from tests.factories import make_clinic, make_location, make_practitioner
from tests.faultproxy import FaultProxy
from tests.search.contract import names, run_search
from tests.search.dataset import BOULDER
from tests.search.elastic import needs_real_server, osmem_config, real_config

PEOPLE = ["Ana Ortiz", "Ben Okafor", "Cara Lindqvist", "Dev Raman", "Eli Novak", "Fay Moreau"]


class EngineFaults:
    """Mixed into a TestCase with `engine_config()` returning settings for a live engine."""

    @classmethod
    def setUpTestData(cls):
        cls.clinic = make_clinic("Front Range Physio")
        cls.other = make_clinic("Flatirons Rehab", location=make_location(city="Boulder", coords=BOULDER))
        for name in PEOPLE:
            make_practitioner(cls.clinic if name < "D" else cls.other, name)

    def setUp(self):
        config = self.engine_config()
        self.proxy = FaultProxy(config["URL"])
        self.addCleanup(self.proxy.close)
        # Two listings per bulk request, so a small directory still takes several requests.
        self.enterContext(mock.patch("search.backends.elasticsearch.BULK_CHUNK", 2))
        self.enterContext(override_settings(INSCOPE_SEARCH={**config, "URL": self.proxy.url, "TIMEOUT": 2}))
        indexing.rebuild_all()
        self.first_index = get_backend().rebuild()["index"]
        PendingChange.objects.all().delete()
        self.assert_engine_matches_database()
        self.bulk_requests_at_start = self.proxy.requests("_bulk")

    # -- what the engine holds ----------------------------------------------------------

    def engine(self):
        """(alias targets, page ids, listing count) as the engine reports them."""
        backend = get_backend()
        client = backend.client
        targets = sorted(client.indices.get_alias(name=backend.alias).body)
        client.indices.refresh(index=backend.alias)
        found = client.search(index=backend.alias, size=10_000, source=["page_id"], query={"match_all": {}})
        hits = found["hits"]["hits"]
        return targets, {int(hit["_source"]["page_id"]) for hit in hits}, len(hits)

    def database(self):
        return set(SearchDocument.objects.values_list("page_id", flat=True)), SearchListing.objects.count()

    def assert_engine_matches_database(self):
        _, pages, listings = self.engine()
        self.assertEqual((pages, listings), self.database())
        self.assertEqual(len(pages), len(PEOPLE) + 2 + getattr(self, "added", 0))

    def rebuild_command(self):
        call_command("search_index", "rebuild", "--no-progress", stdout=io.StringIO())

    def write(self, name, clinic=None):
        with self.captureOnCommitCallbacks(execute=True):
            page = make_practitioner(clinic or self.clinic, name)
        self.added = getattr(self, "added", 0) + 1
        return page

    # -- the faults -----------------------------------------------------------------------

    def test_a_rebuild_cut_off_midway_leaves_the_alias_on_the_old_complete_index(self):
        self.proxy.cut_after("_bulk", 2)
        with self.assertRaisesRegex(CommandError, "could not be rebuilt"), self.assertLogs("search", "WARNING"):
            self.rebuild_command()
        self.assertGreater(self.proxy.refused, 0)
        self.assertEqual(self.proxy.requests("_bulk") - self.bulk_requests_at_start, 2)  # it died mid-load
        # While it is down, searches answer from the database, completely.
        with self.assertLogs("search", "WARNING"):
            results = run_search(page_size=50)
        self.assertTrue(results.degraded)
        self.assertEqual(results.total, len(PEOPLE) + 2)
        self.proxy.restore()
        targets, _, _ = self.engine()
        self.assertEqual(targets, [self.first_index])
        self.assert_engine_matches_database()
        self.assertEqual(sorted(names(run_search(type="practitioner", page_size=50))), PEOPLE)
        # The next rebuild succeeds and sweeps the half-built index away.
        self.rebuild_command()
        backend = get_backend()
        (current,) = self.engine()[0]
        leftovers = backend.client.indices.get(index=f"{backend.alias}-*").body
        self.assertEqual(sorted(leftovers), [current])
        self.assert_engine_matches_database()

    def test_writes_while_the_engine_dies_are_all_caught_up_by_sync(self):
        self.proxy.cut_after("_bulk", 2)  # the first write's bulk and the second's, then gone
        added = ["Gus Halvorsen", "Hana Sato", "Ivo Petrov", "Jo Mensah"]
        with self.assertLogs("search", "WARNING"):
            pages = [self.write(name) for name in added]
        self.assertTrue(all(page.live for page in pages))  # every write succeeded
        self.assertTrue(PendingChange.objects.exists())
        with self.assertLogs("search", "WARNING"):
            results = run_search(type="practitioner", page_size=50)
        self.assertTrue(results.degraded)
        self.assertEqual(sorted(names(results)), sorted(PEOPLE + added))
        self.proxy.restore()
        self.assertLess(len(self.engine()[1]), len(self.database()[0]))  # the engine missed some
        call_command("search_index", "sync", "--no-progress", stdout=io.StringIO())
        self.assertFalse(PendingChange.objects.exists())
        self.assert_engine_matches_database()
        results = run_search(type="practitioner", page_size=50)
        self.assertEqual((sorted(names(results)), results.degraded), (sorted(PEOPLE + added), False))

    def test_writes_during_an_outage_after_a_failed_rebuild_are_caught_up(self):
        self.proxy.cut_after("_bulk", 1)
        with self.assertRaises(CommandError), self.assertLogs("search", "WARNING"):
            self.rebuild_command()
        with self.assertLogs("search", "WARNING"):
            self.write("Kai Brennan", self.other)
        with self.assertLogs("search", "WARNING"), self.captureOnCommitCallbacks(execute=True):
            self.other.unpublish()  # and a clinic goes, with its listings
        self.proxy.restore()
        call_command("search_index", "sync", "--no-progress", stdout=io.StringIO())
        self.assertFalse(PendingChange.objects.exists())
        _, pages, listings = self.engine()
        self.assertEqual((pages, listings), self.database())
        self.assertNotIn(self.other.pk, pages)
        self.assertEqual(self.engine()[0], [self.first_index])


class OsmemEngineFaults(EngineFaults, TestCase):
    def engine_config(self):
        clone, config = osmem_config()
        self.addCleanup(clone.close)
        return config


@needs_real_server
class RealEngineFaults(EngineFaults, TestCase):
    def engine_config(self):
        return real_config()

        self.addCleanup(self.drop_indices)

    def drop_indices(self):
        self.proxy.restore()
        backend = get_backend()
        backend.client.indices.delete(index=f"{backend.alias}-*", ignore_unavailable=True)
