"""Keeping the index current: queue in the writer's transaction, apply after commit.

Key ideas:
- `enqueue()` writes PendingChange rows inside the caller's transaction (a rolled-back
  write queues nothing) and registers one on_commit callback per transaction.
- `apply()` rebuilds the stored documents of the queued pages (practitioners before
  clinics, which are built from their practitioners), then asks the engine to index
  them. A row is deleted only when both steps succeeded and nobody re-queued the
  page meanwhile; otherwise it stays, with its error, for `search_index sync`.
- Everything is idempotent: applying a page twice gives the same documents.
"""

import logging
import threading

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from directory.models import ClinicLocation, ClinicPage, PractitionerLocation, PractitionerPage
from search import cache as search_cache
from search import concept_ranks, documents, storage
from search.backends import get_backend
from search.backends.base import EngineUnavailable
from search.models import PendingChange, SearchDocument, SearchListing

logger = logging.getLogger("search")
ON_COMMIT_LIMIT = 500  # larger batches (a renamed technique) wait for `search_index sync`
_local = threading.local()


def enqueue(page_ids, reason=""):
    """Queue pages for reindexing after the current transaction commits."""
    page_ids = {int(pk) for pk in page_ids if pk}
    if not page_ids:
        return
    now = timezone.now()
    PendingChange.objects.bulk_create(
        [PendingChange(page_id=pk, reason=reason[:60], queued_at=now) for pk in page_ids],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["queued_at", "reason"],
    )
    # One set per thread, drained by whichever callback runs first; a rolled-back
    # transaction leaves ids here whose rows do not exist, which apply() ignores.
    _local.pending = getattr(_local, "pending", set()) | page_ids
    transaction.on_commit(_apply_after_commit, robust=True)


def _apply_after_commit():
    page_ids, _local.pending = getattr(_local, "pending", set()), set()
    if not page_ids:
        return
    if len(page_ids) > ON_COMMIT_LIMIT:
        logger.info("%s pages queued for the search index; `manage.py search_index sync` applies them", len(page_ids))
        return
    apply(page_ids)


def with_dependants(page_ids):
    """The pages plus the clinics whose documents are built from them."""
    page_ids = set(page_ids)
    clinic_ids = set(
        PractitionerLocation.objects.filter(practitioner_id__in=page_ids).values_list("location__clinic_id", flat=True)
    )
    # Where they were indexed, too: a deleted or moved practitioner leaves a clinic to rebuild.
    indexed_at = SearchListing.objects.filter(document_id__in=page_ids).values("location_id")
    clinic_ids |= set(ClinicLocation.objects.filter(pk__in=indexed_at).values_list("clinic_id", flat=True))
    return page_ids | clinic_ids


def apply(page_ids=None, backend=None):
    """Apply queued changes (all of them, or these pages'); returns (applied, failed)."""
    rows = PendingChange.objects.all()
    if page_ids is not None:
        rows = rows.filter(page_id__in=list(page_ids))
    rows = list(rows)
    if not rows:
        return 0, 0
    backend = backend or get_backend()
    ids = [row.page_id for row in rows]
    try:
        rebuild_documents(ids)
    except Exception as error:  # a builder bug must not lose the change: keep it queued
        logger.exception("Could not build search documents for pages %s", ids[:20])
        _record_failure(rows, error)
        return 0, len(rows)
    try:
        backend.index_pages(ids)
    except EngineUnavailable as error:
        logger.warning("Search engine unavailable; %s changes stay queued: %s", len(rows), error)
        _record_failure(rows, error)
        return 0, len(rows)
    search_cache.index_changed()  # the engine now holds the change, too
    for row in rows:
        PendingChange.objects.filter(pk=row.pk, queued_at=row.queued_at).delete()
    return len(rows), 0


def _record_failure(rows, error):
    PendingChange.objects.filter(pk__in=[row.pk for row in rows]).update(
        attempts=F("attempts") + 1, last_error=str(error)[:2000]
    )


def rebuild_documents(page_ids):
    """Rebuild the stored documents of these pages; remove those no longer searchable."""
    page_ids = set(page_ids)
    builder = documents.DocumentBuilder()
    practitioners = set(PractitionerPage.objects.live().filter(pk__in=page_ids).values_list("pk", flat=True))
    clinics = set(ClinicPage.objects.live().filter(pk__in=page_ids).values_list("pk", flat=True))
    with transaction.atomic():
        SearchDocument.objects.filter(page_id__in=page_ids - practitioners - clinics).delete()
        storage.store(builder.practitioners(practitioners))
        storage.store(builder.clinics(clinics))


def rebuild_all(progress=None, chunk_size=documents.CHUNK_SIZE, concept_progress=None):
    """Rebuild every stored document, chunk by chunk, then the concept ranks whose names changed
    (search.concept_ranks); searches keep working throughout."""
    builder = documents.DocumentBuilder()
    stale = list(storage.unsearchable_documents().values_list("pk", flat=True))
    for start in range(0, len(stale), chunk_size):
        SearchDocument.objects.filter(pk__in=stale[start : start + chunk_size]).delete()
    written = 0
    for source in (builder.practitioners(chunk_size=chunk_size), builder.clinics(chunk_size=chunk_size)):
        batch = []
        for built in source:
            batch.append(built)
            if len(batch) == chunk_size:
                written += storage.store(batch)
                if progress:
                    progress(len(batch))
                batch = []
        written += storage.store(batch)
        if progress:
            progress(len(batch))
    concept_ranks.refresh(progress=concept_progress)
    return written


def queue_expired():
    """Queue documents whose scope may have changed since they were built (a licence expired)."""
    stale = SearchDocument.objects.filter(valid_until__lte=timezone.localdate()).values_list("page_id", flat=True)
    stale = list(stale)
    if stale:
        now = timezone.now()
        PendingChange.objects.bulk_create(
            [PendingChange(page_id=pk, reason="licence date passed", queued_at=now) for pk in stale],
            update_conflicts=True,
            unique_fields=["page_id"],
            update_fields=["queued_at", "reason"],
        )
    return len(stale)
