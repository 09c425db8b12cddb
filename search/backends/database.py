"""The database backend: the embedded default, and the fallback when Elasticsearch is down.

Key ideas:
- Filters run in SQL through indexes: full text (SQLite FTS5 / PostgreSQL tsvector),
  tags (FTS5 / GIN array), and a bounding box on the indexed latitude/longitude
  columns; exact haversine distance is then computed for the listings in the box.
- Candidate listings are scored in Python with the same boosts the Elasticsearch
  backend sends as a function_score, grouped by page, sorted and paginated.
- Approximations (README "Search"): word scores are bm25 (SQLite) or ts_rank
  (PostgreSQL), not Elasticsearch's BM25 over analysed fields; there is no stemming;
  free-text typos are corrected to the nearest indexed word rather than matched fuzzily.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from search.backends.base import (
    PageOutOfRange,
    SearchBackend,
    distance_boost,
    facet_counts_from,
    rating_boost,
)
from search.backends.dialects import dialect, words
from search.highlight import highlight
from search.models import SearchDocument, SearchFee, SearchListing
from search.places import bounding_box, haversine_km
from search.query import Hit, SearchResults

TEXT_WEIGHT = 1.0
ATTEMPTS = 3


class ListingsChanged(Exception):
    """A page was reindexed while the search read it (its listings got new rows)."""


class DatabaseBackend(SearchBackend):
    name = "database"

    def run_search(self, query):
        # The search reads listings in several statements; a reindex committing between them
        # replaces a page's rows. Reading again gives a consistent answer (found by the load test).
        for attempt in range(ATTEMPTS):
            try:
                return self.search_once(query, skip_vanished=attempt == ATTEMPTS - 1)
            except ListingsChanged:
                continue

    def search_once(self, query, skip_vanished=False):
        sql = dialect()
        text_ranks, text_sql = self.text_matches(query, sql)
        base = self.prefiltered(query, sql, text_sql)
        tag_filters = query.filter_tags()

        rows = {}  # listing id -> row, from the full query and one per selected facet left out
        tag_sets = [tuple(tag_filters.values())]
        tag_sets += [tuple(t for f, t in tag_filters.items() if f != facet) for facet in tag_filters]
        for tags in tag_sets:
            qs = base
            if tags:
                tag_query, params = sql.tags_sql(tags)
                qs = qs.filter(id__in=RawSQL(tag_query, params))
            for row in qs.values_list(
                "id",
                "document_id",
                "latitude",
                "longitude",
                "tags",
                "document__rating_average",
                "document__rating_count",
                "document__fees",
            ):
                rows.setdefault(row[0], row)

        distances = {}
        if query.place is not None:
            lat, lon, radius = query.place.latitude, query.place.longitude, query.radius_km
            for listing_id, row in list(rows.items()):
                distance = haversine_km(lat, lon, row[2], row[3])
                if distance > radius:
                    del rows[listing_id]
                else:
                    distances[listing_id] = distance

        required = set(tag_filters.values())
        boosts = query.boosts()
        best = {}  # document id -> (key, listing id, score)
        for listing_id, (_, document_id, _, _, tags, rating, count, _) in rows.items():
            tags = set(tags.split())
            if not required <= tags:
                continue
            score = TEXT_WEIGHT * text_ranks.get(document_id, 0.0)
            score += sum(weight for tag, weight in boosts if tag in tags)
            score += distance_boost(distances.get(listing_id), query.radius_km)
            score += rating_boost(rating, count)
            distance = distances.get(listing_id)
            if query.sort == "distance":
                key = (distance, -score)
            elif query.sort == "rating":
                key = (-(rating or 0), -count, distance if distance is not None else 0, -score)
            else:
                key = (-score, distance if distance is not None else 0)
            if document_id not in best or key < best[document_id][0]:
                best[document_id] = (key, listing_id, score)

        ordered = sorted(best.items(), key=lambda item: (item[1][0], item[0]))
        total = len(ordered)
        num_pages = max(1, -(-total // query.page_size))
        if query.page > num_pages:
            raise PageOutOfRange(num_pages)
        window = ordered[query.offset : query.offset + query.page_size]

        documents = SearchDocument.objects.in_bulk([doc_id for doc_id, _ in window])
        listings = SearchListing.objects.in_bulk([entry[1] for _, entry in window])
        hits = []
        for document_id, (_, listing_id, score) in window:
            document, listing = documents.get(document_id), listings.get(listing_id)
            if document is None or listing is None:
                if skip_vanished:
                    continue
                raise ListingsChanged(document_id)
            hits.append(self.hit(query, document, listing, distances.get(listing_id), score))

        facet_rows = [(row[1], row[4].split(), row[5], list((row[7] or {}).keys())) for row in rows.values()]
        facets = facet_counts_from(facet_rows, query, tag_filters)
        return SearchResults(query, hits, total, facets, self.name, fee_range=self.fee_range(query, best, rows))

    def text_matches(self, query, sql):
        """({document id: rank}, (sql, params)) for the words and concepts, or ({}, None)."""
        if query.matches_everything:
            return {}, None
        terms = [sql.correct(word) for word in words(" ".join(query.text_terms()))]
        phrases = [term for concept in query.concepts for term in concept.terms]
        prefix_last = bool(terms) and not query.concepts
        match = sql.text_match_sql(terms, phrases, prefix_last)
        if match is None:
            return {}, None
        with connection.cursor() as cursor:
            cursor.execute(match.rank_sql, match.rank_params)
            ranks = {doc_id: float(rank) for doc_id, rank in cursor.fetchall()}
        top = max(ranks.values(), default=0.0) or 1.0
        # Normalised to 0..3 so words weigh like a recognised concept, whatever the engine's scale.
        return {doc_id: 3.0 * rank / top for doc_id, rank in ranks.items()}, match

    def prefiltered(self, query, sql, text_sql):
        qs = SearchListing.objects.all()
        if text_sql is not None:
            text_filter = Q(document_id__in=RawSQL(text_sql.ids_sql, text_sql.ids_params))
            concept_tags = [concept.tag for concept in query.concepts]
            if concept_tags:
                tag_query, params = sql.tags_sql(concept_tags, match_all=False)
                text_filter |= Q(id__in=RawSQL(tag_query, params))
            qs = qs.filter(text_filter)
        if query.place is not None:
            min_lat, max_lat, min_lon, max_lon = bounding_box(
                query.place.latitude, query.place.longitude, query.radius_km
            )
            qs = qs.filter(latitude__gte=min_lat, latitude__lte=max_lat)
            if min_lon < -180:
                qs = qs.filter(Q(longitude__gte=min_lon + 360) | Q(longitude__lte=max_lon))
            elif max_lon > 180:
                qs = qs.filter(Q(longitude__gte=min_lon) | Q(longitude__lte=max_lon - 360))
            else:
                qs = qs.filter(longitude__gte=min_lon, longitude__lte=max_lon)
        if query.min_rating:
            qs = qs.filter(document__rating_average__gte=query.min_rating)
        if query.currency and (query.fee_min is not None or query.fee_max is not None):
            fees = SearchFee.objects.filter(currency=query.currency)
            if query.fee_min is not None:
                fees = fees.filter(amount__gte=query.fee_min)
            if query.fee_max is not None:
                fees = fees.filter(amount__lte=query.fee_max)
            qs = qs.filter(document_id__in=fees.values("document_id"))
        return qs

    def fee_range(self, query, best, rows):
        if not query.currency:
            return None
        amounts = [
            rows[listing_id][7][query.currency]
            for _, listing_id, _ in best.values()
            if query.currency in (rows[listing_id][7] or {})
        ]
        return {"currency": query.currency, "min": min(amounts, default=None), "max": max(amounts, default=None)}

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
        match = dialect().title_prefix_sql(prefix)
        if match is None:
            return []
        sql, params = match
        with connection.cursor() as cursor:
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
