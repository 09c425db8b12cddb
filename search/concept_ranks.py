"""Concept ranks kept from when documents are stored (PostgreSQL; SQLite's bm25 depends on the
whole index, so it is always ranked live).

Key ideas:
- A search for a concept alone ("physiotherapist", "sciatica") ranks the concept's names
  in every matching document: most of the directory for a common one. That rank depends
  only on the document and the names, so it is computed when the document is stored,
  with the very SQL a live search runs (PostgresDialect.concept_rank_sql).
- RankedConcept records the names each concept's rows were computed from. A search uses
  the rows only when its concepts still have those names; otherwise it ranks live, as
  before, until `refresh()` recomputes the concept (on a vocabulary edit's commit, at the
  end of every rebuild, and by `search_index sync`). An editor's synonym therefore still
  works at once.
- Writers of documents hold a shared advisory lock and `refresh()` an exclusive one, so a
  concept is never recomputed while documents are being stored with its old names.
"""

import json

from django.db import connection, transaction

from search.models import ConceptRank, RankedConcept

LOCK = 0x1C0_4A11  # pg_advisory_xact_lock key shared by store() and refresh()


def enabled():
    return connection.vendor == "postgresql"


def concept_names():
    """{tag: names} of every technique, condition and profession, as the lexicon reads them, read now."""
    from directory.models import Condition, Profession, Technique

    names = {}
    for kind, model in (("technique", Technique), ("condition", Condition), ("profession", Profession)):
        for item in model.objects.only("name", "slug", "synonyms"):
            names[f"{kind}:{item.slug}"] = [item.name, *item.synonym_list]
    return names


def stored(concepts):
    """The RankedConcept ids of `concepts` ([(tag, names)]) when every one has ranks computed from
    those names, else None."""
    if not enabled() or not concepts:
        return None
    wanted = dict(concepts)
    found = {
        tag: (pk, names)
        for pk, tag, names in RankedConcept.objects.filter(concept__in=wanted).values_list("pk", "concept", "names")
    }
    if any(found.get(tag, (None, None))[1] != names for tag, names in wanted.items()):
        return None
    return sorted(pk for pk, _ in found.values())


def _insert(cursor, concept_id, names):
    from search.backends.dialects import PostgresDialect

    ranked, params = PostgresDialect().concept_rank_sql(names)
    if ranked is not None:
        cursor.execute(
            f"INSERT INTO search_conceptrank (concept_id, document_id, rank) SELECT %s, doc_id, rank FROM ({ranked}) r",
            [concept_id, *params],
        )


def forget_documents(page_ids):
    """Delete these documents' ranks (before their documents are replaced); in the writer's transaction."""
    if enabled() and page_ids:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [LOCK])
        ConceptRank.objects.filter(document_id__in=page_ids)._raw_delete(ConceptRank.objects.db)


def rank_documents(page_ids):
    """Store these (just written) documents' ranks for every ranked concept; in the writer's transaction."""
    if not enabled() or not page_ids:
        return
    from search.backends.dialects import PostgresDialect

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [LOCK])
        cursor.execute("SELECT id, names FROM search_rankedconcept")
        concepts = [(pk, json.loads(names) if isinstance(names, str) else names) for pk, names in cursor.fetchall()]
        ranked, params = PostgresDialect().concept_ranks_among_sql(concepts, page_ids)
        if ranked is not None:
            cursor.execute(f"INSERT INTO search_conceptrank (concept_id, document_id, rank) {ranked}", params)


def stale():
    """Tags whose ranks `refresh()` would recompute: names changed, never ranked, or gone."""
    if not enabled():
        return []
    return _stale(concept_names(), dict(RankedConcept.objects.values_list("concept", "names")))


def _stale(current, recorded):
    """Tags whose recorded names differ from the current ones ({tag: names} each), or that are gone."""
    return sorted(
        {tag for tag, names in current.items() if recorded.get(tag) != names} | (set(recorded) - set(current))
    )


def refresh(concepts=None, progress=None):
    """Recompute the ranks of `concepts` (tags), or of every stale() one, and forget concepts that no
    longer exist; `progress(1)` after each. Returns the tags recomputed."""
    if not enabled():
        return []
    from search import cache as search_cache

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        current = concept_names()
        recorded = dict(RankedConcept.objects.values_list("concept", "names"))
        stale_now = _stale(current, recorded)
        gone = set(recorded) - set(current)
        concepts = sorted(set(stale_now if concepts is None else concepts) | gone)
        with connection.cursor() as cursor:
            for tag in concepts:
                ConceptRank.objects.filter(concept__concept=tag)._raw_delete(ConceptRank.objects.db)
                if tag in current:
                    ranked, _ = RankedConcept.objects.update_or_create(concept=tag, defaults={"names": current[tag]})
                    _insert(cursor, ranked.pk, current[tag])
                else:
                    RankedConcept.objects.filter(concept=tag).delete()
                if progress:
                    progress(1)
        if concepts:
            search_cache.index_changed()
    return concepts
