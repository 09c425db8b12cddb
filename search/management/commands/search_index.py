"""`search_index rebuild | sync | status`: the search index's whole lifecycle.

rebuild: rebuild every stored search document from the directory (streamed in chunks),
         vacuum and analyse the search tables (PostgreSQL), then have the engine rebuild
         from them (Elasticsearch: a new index, alias swap, old index dropped; searches
         keep working throughout).
sync:    apply queued changes (and documents whose licence dates have passed), and rank
         concepts whose ranks are missing or stale; what still fails stays queued and the
         command exits non-zero.
status:  documents expected, stored and in the engine, and what is queued.
"""

import time
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from home.progress import command_progress
from search import concept_ranks, documents, indexing, storage
from search.backends import get_backend
from search.backends.base import EngineUnavailable
from search.backends.database import DatabaseBackend
from search.models import PendingChange, SearchListing


class Command(BaseCommand):
    help = "Rebuild the search index, apply queued changes, or show its status."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "sync", "status"])
        parser.add_argument("--chunk-size", type=int, default=documents.CHUNK_SIZE)
        parser.add_argument("--no-progress", action="store_true", help="No progress bars (logs, CI).")

    def handle(self, action, chunk_size, no_progress, **options):
        self.quiet = no_progress or options["verbosity"] == 0
        getattr(self, action)(chunk_size)

    def bar(self, total, desc, unit="doc"):
        return command_progress(
            total=total, command=self, verbosity=0 if self.quiet else 1, desc=desc, unit=unit, leave=False
        )

    def rebuild(self, chunk_size):
        backend = get_backend()
        expected = storage.searchable_count()
        started = time.monotonic()
        stale_concepts = len(concept_ranks.stale())
        concepts = self.bar(stale_concepts, "Ranking concepts", unit="concept") if stale_concepts else nullcontext()
        with self.bar(expected, "Building documents") as bar, concepts as concept_bar:
            written = indexing.rebuild_all(
                progress=bar.update, chunk_size=chunk_size, concept_progress=concept_bar and concept_bar.update
            )
        built_in = time.monotonic() - started
        rate = written / built_in if built_in else 0
        self.stdout.write(f"Built {written} search documents in {built_in:.1f} s ({rate:.0f} docs/s).")
        if stale_concepts:
            self.stdout.write(f"Ranked {stale_concepts} concepts' names in every document (PostgreSQL).")
        if storage.vacuum():
            self.stdout.write("Vacuumed and analysed the search tables (PostgreSQL).")
        listings = SearchListing.objects.count()
        try:
            with self.bar(listings, f"Loading the {backend.name} index") as bar:
                info = backend.rebuild(progress=bar.update) or {}
        except EngineUnavailable as error:
            raise CommandError(f"The {backend.name} index could not be rebuilt: {error}") from error
        # Documents are current; anything queued before the rebuild is now applied.
        PendingChange.objects.filter(queued_at__lte=_as_datetime(started)).delete()
        details = ", ".join(f"{k} {v}" for k, v in info.items())
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt ({backend.name}{': ' + details if details else ''}).")
        )

    def sync(self, chunk_size):
        expired = indexing.queue_expired()
        if expired:
            self.stdout.write(f"{expired} documents queued because a licence date has passed.")
        pending = list(PendingChange.objects.values_list("page_id", flat=True))
        applied = failed = 0
        with self.bar(len(pending), "Applying changes") as bar:
            for start in range(0, len(pending), chunk_size):
                ok, bad = indexing.apply(pending[start : start + chunk_size])
                applied, failed = applied + ok, failed + bad
                bar.update(ok + bad)
        self.stdout.write(f"Applied {applied} queued changes.")
        # Concepts never ranked (a new database, an upgrade) or whose ranking after an edit failed.
        ranked = concept_ranks.refresh()
        if ranked:
            self.stdout.write(f"Ranked {len(ranked)} concepts' names in every document (PostgreSQL).")
        if failed:
            last = PendingChange.objects.exclude(last_error="").values_list("last_error", flat=True).first()
            raise CommandError(f"{failed} changes are still queued: {last}")

    def status(self, chunk_size):
        backend = get_backend()
        expected = storage.searchable_count()
        rows = [("live practitioner and clinic pages", expected)]
        rows += [(f"{backend.name}: {name}", value) for name, value in backend.status().items()]
        database = DatabaseBackend()
        if backend.name != database.name:
            rows += [(f"database: {name}", value) for name, value in database.status().items()]
        pending = PendingChange.objects.order_by("queued_at")
        oldest = pending.first()
        rows.append(("queued changes", pending.count()))
        if oldest:
            rows.append(
                ("oldest queued", f"{oldest.queued_at:%Y-%m-%d %H:%M} ({oldest.reason}, {oldest.attempts} tries)")
            )
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            self.stdout.write(f"{name.ljust(width)}  {value}")


def _as_datetime(monotonic_start):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(seconds=time.monotonic() - monotonic_start)
