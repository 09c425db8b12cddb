"""The database backend: the embedded default, and the fallback when Elasticsearch is down.

Key ideas:
- One SQL statement per answer (search.backends.ranking): filters through indexes — full
  text (SQLite FTS5 / PostgreSQL stored tsvector), tags (FTS5 / GIN array), a bounding box
  on the indexed latitude/longitude then exact haversine — then the scoring, best listing
  per page, sorting and paging in SQL. For the facets and the total, Python receives one
  short row per candidate listing (page, missing filter, rating, tag bitmap) and counts
  them with numpy (search.tagbits); never documents or listings beyond the page of hits.
- Searches that need no word index (filters, places, sorts, concepts with stored ranks) are
  answered the same way from numpy columns of every listing held by the process
  (search.columns, search.backends.column_ranking) when its copy is current; SQL otherwise.
- The score is the one the Elasticsearch backend sends as a function_score.
- Approximations (README "Search"): word scores are bm25 (SQLite) or ts_rank
  (PostgreSQL), not Elasticsearch's BM25 over analysed fields; there is no stemming;
  free-text typos are corrected to the nearest indexed word rather than matched fuzzily.
"""

from contextlib import contextmanager, nullcontext

from django.db import connection, transaction

from search import columns, tagbits
from search.backends import column_ranking
from search.backends.base import PageOutOfRange, SearchBackend
from search.backends.dialects import dialect, words
from search.backends.ranking import RankingSQL
from search.highlight import highlight
from search.models import SearchDocument, SearchListing
from search.query import RATING_STEPS, FacetValue, Hit, SearchResults

ATTEMPTS = 3


class ListingsChanged(Exception):
    """A page was reindexed while the search read it (its listings got new rows)."""


class DatabaseBackend(SearchBackend):
    name = "database"

    def run_search(self, query):
        # The answer and the cards' documents and listings are read in separate statements; a reindex
        # committing between them replaces a page's rows. Reading again gives a consistent answer
        # (found by the load test).
        for attempt in range(ATTEMPTS):
            try:
                return self.search_once(query, skip_vanished=attempt == ATTEMPTS - 1)
            except ListingsChanged:
                continue

    def search_once(self, query, skip_vanished=False):
        sql = dialect()
        # Read once: the bit positions the SQL tests, and the names the facet counts report.
        tag_names = tagbits.names()
        sql.prepare_tags({name: position for position, name in tag_names.items()})
        text = self.text_match(query, sql)
        answered = self.from_columns(query, text, tag_names) if column_ranking.answers(text) else None
        window, counter = answered or self.from_sql(query, sql, text, tag_names)
        total = counter.pages()
        num_pages = max(1, -(-total // query.page_size))
        if query.page > num_pages:
            raise PageOutOfRange(num_pages)
        facets = facets_from(counter.counts(RATING_STEPS))

        documents = SearchDocument.objects.in_bulk([row[0] for row in window])
        listings = SearchListing.objects.in_bulk([row[1] for row in window])
        hits = []
        for document_id, listing_id, distance, score, *_ in window:
            document, listing = documents.get(document_id), listings.get(listing_id)
            if document is None or listing is None:
                if skip_vanished:
                    continue
                raise ListingsChanged(document_id)
            hits.append(self.hit(query, document, listing, distance, score))
        fee_range = None
        if query.currency:
            low, high = (window[0][5], window[0][6]) if window else (None, None)
            fee_range = {"currency": query.currency, "min": low, "max": high}
        return SearchResults(query, hits, total, facets, self.name, fee_range=fee_range)

    @staticmethod
    def from_columns(query, text, tag_names):
        """(window, FacetCounter) from this process's copy of the listings, or None to ask SQL."""
        listings = columns.current()
        if listings is None:
            return None
        concept_ids = text.concept_ids if text is not None else None
        return column_ranking.ColumnAnswer(query, listings, tag_names, concept_ids).compute()

    @staticmethod
    def from_sql(query, sql, text, tag_names):
        """(window, FacetCounter) from one statement (search.backends.ranking)."""
        ranking = RankingSQL(query, sql, text)
        answer = ranking.answer()
        with cursor_after(ranking.settings()) as cursor:
            cursor.execute(answer.sql, answer.params)
            rows = cursor.fetchall()
        window = sorted((row[1:8] for row in rows if row[0] == 0), key=lambda row: row[4])
        facet_rows = [row for row in rows if row[0] == 1]
        if sql.PACKS_FACET_ROWS:
            packed = facet_rows[0][10] if facet_rows else None
            return window, tagbits.FacetCounter.from_packed(packed, sql.tag_width, tag_names, ranking.facets)
        rows = [row[1:2] + row[8:] for row in facet_rows]
        return window, tagbits.FacetCounter.from_rows(rows, tag_names, ranking.facets)

    def text_match(self, query, sql):
        """The dialect's TextMatch for the words and concepts, or None when they match everything."""
        if query.matches_everything:
            return None
        terms = [sql.correct(word) for word in words(" ".join(query.text_terms()))]
        phrases = [term for concept in query.concepts for term in concept.terms]
        prefix_last = bool(terms) and not query.concepts
        match = sql.text_match_sql(terms, phrases, prefix_last)
        if match is not None and not terms and query.concepts:
            match = sql.with_stored_ranks(match, query.concepts)
        return match

    def hit(self, query, document, listing, distance, score):
        tags = set(listing.tag_list)
        in_scope = None
        if query.scope_technique is not None and document.kind == SearchDocument.Kind.PRACTITIONER:
            in_scope = f"in_scope:{query.scope_technique.slug}" in tags
        return Hit(
            page_id=document.page_id,
            kind=document.kind,
            title=document.title,
            url=document.display.get("url", ""),
            display=document.display,
            location=listing_location(listing),
            distance_km=distance,
            rating_average=document.rating_average,
            rating_count=document.rating_count,
            in_scope=in_scope,
            highlights=highlight(document, query.highlight_terms()),
            score=score,
        )

    def run_autocomplete(self, prefix, limit, kind):
        sql_dialect = dialect()
        match = sql_dialect.title_prefix_sql(prefix)
        if match is None:
            return []
        sql, params = match
        with cursor_after(sql_dialect.PREFIX_SETTINGS) as cursor:
            cursor.execute(sql + " LIMIT %s", [*params, limit * 3])
            ids = [row[0] for row in cursor.fetchall()]
        documents = SearchDocument.objects.in_bulk(ids)
        found = []
        for pk in ids:
            document = documents.get(pk)
            if document and kind in ("all", document.kind):
                found.append({"kind": document.kind, "label": document.title, "url": document.display.get("url")})
        return found[:limit]

    def index_pages(self, page_ids):
        """Nothing to push: the stored documents are this backend's index."""

    def rebuild(self, progress=None):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_document_fts(search_document_fts) VALUES ('optimize')")
                cursor.execute("INSERT INTO search_listing_tags(search_listing_tags) VALUES ('optimize')")
        return {}

    def status(self):
        return {
            "engine": f"database ({connection.vendor})",
            "documents": SearchDocument.objects.count(),
            "listings": SearchListing.objects.count(),
        }


@contextmanager
def cursor_after(settings):
    """A cursor whose statements run after `settings` (SET LOCAL ...), in one transaction when there
    are any; without a savepoint, as a request may already be in one."""
    with transaction.atomic(savepoint=False) if settings else nullcontext(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(setting)
        yield cursor


def facets_from(rows):
    """{facet: [FacetValue]} from (facet:value tag, pages) rows; `verified` only boosts, it is not a facet."""
    facets = {}
    for tag, count in rows:
        facet, _, value = tag.partition(":")
        if facet != "verified" and count:
            facets.setdefault(facet, []).append(FacetValue(value, count))
    return facets


def listing_location(listing):
    if listing.latitude is None:
        return None
    return {
        "id": listing.location_id,
        "label": listing.label,
        "address": listing.address,
        "lat": listing.latitude,
        "lon": listing.longitude,
    }
