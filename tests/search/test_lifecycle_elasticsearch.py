"""Index lifecycle on Elasticsearch (osmem-server): alias swaps, outages and replays."""

import io

from django.core.management import call_command
from django.test import TestCase, override_settings

from search import indexing
from search.backends import get_backend
from search.models import PendingChange, SearchDocument, SearchListing
from tests.factories import make_practitioner
from tests.search.contract import names, run_search
from tests.search.elastic import osmem_config
from tests.search.lifecycle import IndexLifecycleContract

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens there


class ElasticsearchIndexLifecycle(IndexLifecycleContract, TestCase):
    def search_settings(self):
        if not hasattr(self, "config"):
            clone, self.config = osmem_config()
            self.addCleanup(clone.close)
        return self.config

    def engine_counts(self):
        backend = get_backend()
        status = backend.status()
        return status["pages"], status["listings"]

    def test_rebuild_swaps_the_alias_and_drops_the_old_index(self):
        backend = get_backend()
        first = backend.status()["index"]
        info = backend.rebuild()
        client = backend.client
        self.assertEqual(list(client.indices.get_alias(name=backend.alias).body), [info["index"]])
        self.assertFalse(client.indices.exists(index=first))
        self.assertNotEqual(first, info["index"])
        self.assertEqual(self.engine_counts(), (SearchDocument.objects.count(), SearchListing.objects.count()))
        self.assertEqual(names(run_search(q="Whitfield")), ["Dana Whitfield"])

    def test_an_outage_loses_nothing(self):
        down = {**self.config, "URL": UNREACHABLE, "TIMEOUT": 1}
        with override_settings(INSCOPE_SEARCH=down):
            # Writes succeed while the engine is unreachable; the change stays queued.
            with self.captureOnCommitCallbacks(execute=True):
                noor = make_practitioner(self.clinic, "Noor Haddad")
            self.assertTrue(noor.live)
            queued = PendingChange.objects.get(page_id=noor.pk)
            self.assertIn("ConnectionError", queued.last_error)
            # Searches fall back to the database, which already has the change, and say so in the log.
            with self.assertLogs("search", level="WARNING") as logs:
                results = run_search(q="Haddad")
            self.assertTrue(results.degraded)
            self.assertEqual(names(results), ["Noor Haddad"])
            self.assertIn("answering from the database", logs.output[0])
            with self.assertLogs("search", level="WARNING"):
                self.assertEqual(get_backend().autocomplete("hadd")[0]["label"], "Noor Haddad")
        # The engine is back: it has not seen the change until sync replays the queue.
        self.assertEqual(names(run_search(q="Haddad")), [])
        call_command("search_index", "sync", "--no-progress", stdout=io.StringIO())
        self.assertFalse(PendingChange.objects.exists())
        results = run_search(q="Haddad")
        self.assertEqual((names(results), results.degraded), (["Noor Haddad"], False))
        self.assertEqual(self.engine_counts(), (SearchDocument.objects.count(), SearchListing.objects.count()))

    def test_sync_fails_loudly_while_the_engine_is_down(self):
        from django.core.management.base import CommandError

        indexing.enqueue([self.dana.pk])
        down = override_settings(INSCOPE_SEARCH={**self.config, "URL": UNREACHABLE, "TIMEOUT": 1})
        with down, self.assertRaisesRegex(CommandError, "still queued"), self.assertLogs("search", "WARNING"):
            call_command("search_index", "sync", "--no-progress", stdout=io.StringIO())
        self.assertEqual(PendingChange.objects.get().attempts, 1)
