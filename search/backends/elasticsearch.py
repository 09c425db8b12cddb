"""The Elasticsearch backend: the production engine, through elasticsearch-dsl Documents.

Key ideas:
- One index document per listing (a page at one location), so distance, scope and
  local filters are decided together; `collapse` on page_id returns each page once,
  at its best listing, and cardinality aggregations count pages, not listings.
- The Document points at an alias; `rebuild()` fills a new timestamped index from the
  stored documents, swaps the alias in one `update_aliases` call, deletes the old
  index, then re-sends any page stored while it ran.
- One request per search: the query, disjunctive facets (a filter aggregation per
  facet that leaves its own filter out) and highlights, with the tag filters in
  `post_filter`. Boosts are the shared ones in search.query, as a function_score.
- Synonyms are not in an analyzer (search.understanding handles them on every engine).
- Any transport failure raises EngineUnavailable: searches fall back to the database,
  writes stay queued.
"""

import contextlib
import time
import uuid

from django.utils.module_loading import import_string
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.helpers import BulkIndexError, streaming_bulk
from elasticsearch_dsl import Completion, Document, Float, GeoPoint, Integer, Keyword, Object, Search, Text

from search import cache as search_cache
from search.backends.base import EngineUnavailable, PageOutOfRange, SearchBackend, rating_boost
from search.backends.database import listing_location
from search.models import SearchDocument
from search.places import haversine_km
from search.query import FACETS, Hit, SearchResults

FACET_FIELDS = tuple(f for f in FACETS if f not in ("min_rating", "currency")) + ("verified",)
FAILURES = (es_exceptions.ConnectionError, es_exceptions.TransportError, es_exceptions.ApiError, BulkIndexError)
BULK_CHUNK = 1000
TEXT_BOOST = 0.3  # BM25 runs higher than the database's normalised 0..3; this keeps boosts comparable


class ListingDocument(Document):
    """A page at one location. `display` and `listing` are stored, not indexed."""

    page_id = Keyword()
    kind = Keyword()
    title = Text(analyzer="standard", fields={"raw": Keyword()})
    names = Text(analyzer="standard")
    vocabulary = Text(analyzer="standard")
    body = Text(analyzer="standard")
    places = Text(analyzer="standard")
    tags = Keyword()
    facets = Object(properties={name: Keyword() for name in FACET_FIELDS})
    point = GeoPoint()
    rating = Float()
    rating_count = Integer()
    rating_boost = Float()
    fees = Object(properties={code: Float() for code in ("INR", "USD", "CAD", "AUD", "GBP", "EUR")})
    currencies = Keyword()
    suggest = Completion(analyzer="simple")
    display = Object(enabled=False)
    listing = Object(enabled=False)

    @classmethod
    def from_stored(cls, document, listing):
        tags = listing.tag_list
        facets = {}
        for tag in tags:
            facet, _, value = tag.partition(":")
            facets.setdefault(facet, []).append(value)
        doc = cls(
            meta={"id": f"{document.page_id}-{listing.location_id or 0}"},
            page_id=str(document.page_id),
            kind=document.kind,
            title=document.title,
            names=document.names,
            vocabulary=document.vocabulary,
            body=document.body,
            places=document.places,
            tags=tags,
            facets=facets,
            rating=document.rating_average,
            rating_count=document.rating_count,
            rating_boost=rating_boost(document.rating_average, document.rating_count),
            fees=document.fees,
            currencies=list(document.fees),
            suggest={"input": suggestions(document.title)},
            display=document.display,
            listing=listing_location(listing) or {},
        )
        if listing.latitude is not None:
            doc.point = {"lat": listing.latitude, "lon": listing.longitude}
        return doc


def suggestions(title):
    """'Dr Priya Sharma' completes from 'dr', 'priya' and 'sharma'."""
    words = title.split()
    return [" ".join(words[i:]) for i in range(len(words))]


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    @property
    def fallback_class(self):
        from search.backends.database import DatabaseBackend

        return DatabaseBackend

    def __init__(self, config=None):
        super().__init__(config)
        self.alias = f"{self.config.get('INDEX_PREFIX') or 'inscope'}-listings"

    @property
    def client(self):
        """The one connection, made from settings (a test may name a transport node class)."""
        if not hasattr(self, "_client"):
            options = {"request_timeout": self.config.get("TIMEOUT", 5), "max_retries": 0, "retry_on_timeout": False}
            if self.config.get("NODE_CLASS"):
                options["node_class"] = import_string(self.config["NODE_CLASS"])
            self._client = Elasticsearch(self.config["URL"], **options)
        return self._client

    def call(self, action):
        try:
            return action()
        except FAILURES as error:
            raise EngineUnavailable(f"{type(error).__name__}: {error}") from error

    # -- searching -----------------------------------------------------------------

    def run_search(self, query):
        from search.backends.es_query import build_search

        search = build_search(Search(using=self.client, index=self.alias), query)
        response = self.call(lambda: search.execute())
        aggs = response.aggregations.to_dict()
        total = int(aggs["results"]["pages"]["value"])
        num_pages = max(1, -(-total // query.page_size))
        if query.page > num_pages:
            raise PageOutOfRange(num_pages)
        hits = [self.hit(query, raw) for raw in response.to_dict()["hits"]["hits"]]
        facets = facets_from(aggs)
        fee_range = None
        if query.currency:
            stats = aggs["results"].get("fee_min", {}), aggs["results"].get("fee_max", {})
            fee_range = {"currency": query.currency, "min": stats[0].get("value"), "max": stats[1].get("value")}
        return SearchResults(query, hits, total, facets, self.name, fee_range=fee_range)

    def hit(self, query, raw):
        source = raw["_source"]
        listing = source.get("listing") or None
        distance = None
        if query.place is not None and listing:
            distance = haversine_km(query.place.latitude, query.place.longitude, listing["lat"], listing["lon"])
        in_scope = None
        if query.scope_technique is not None and source["kind"] == SearchDocument.Kind.PRACTITIONER:
            in_scope = f"in_scope:{query.scope_technique.slug}" in source.get("tags", [])
        highlights = []
        for fragments in raw.get("highlight", {}).values():
            highlights += fragments
        return Hit(
            page_id=int(source["page_id"]),
            kind=source["kind"],
            title=source["title"],
            url=source["display"].get("url", ""),
            display=source["display"],
            location=listing,
            distance_km=distance,
            rating_average=source.get("rating"),
            rating_count=source.get("rating_count") or 0,
            in_scope=in_scope,
            highlights=highlights[:2],
            score=raw.get("_score") or 0.0,
        )

    def run_autocomplete(self, prefix, limit, kind):
        search = Search(using=self.client, index=self.alias).source(["title", "kind", "display.url"])
        search = search.suggest("names", prefix.lower(), completion={"field": "suggest", "size": limit * 4})
        response = self.call(lambda: search.execute())
        found, seen = [], set()
        for option in response.suggest.names[0].options:
            source = option._source.to_dict()
            if source["title"] in seen or kind not in ("all", source["kind"]):
                continue
            seen.add(source["title"])
            found.append({"kind": source["kind"], "label": source["title"], "url": source["display"].get("url")})
        return found[:limit]

    # -- indexing --------------------------------------------------------------------

    def actions(self, documents, index):
        for document in documents:
            for listing in document.listings.all():
                doc = ListingDocument.from_stored(document, listing)
                yield doc.to_dict(include_meta=True) | {"_index": index}

    def index_pages(self, page_ids):
        page_ids = [int(pk) for pk in page_ids]
        documents = list(SearchDocument.objects.filter(page_id__in=page_ids).prefetch_related("listings"))
        actions = list(self.actions(documents, self.alias))
        keep = {action["_id"] for action in actions}

        def send():
            if actions:
                for ok, item in streaming_bulk(self.client, actions, chunk_size=BULK_CHUNK, raise_on_error=True):
                    if not ok:
                        raise BulkIndexError("bulk indexing failed", [item])
            # Listings of these pages that no longer exist (a location removed, a page unpublished).
            found = self.client.search(
                index=self.alias,
                query={"terms": {"page_id": [str(pk) for pk in page_ids]}},
                source=False,
                size=10_000,
            )
            stale = [hit["_id"] for hit in found["hits"]["hits"] if hit["_id"] not in keep]
            if stale:
                body = [{"delete": {"_index": self.alias, "_id": doc_id}} for doc_id in stale]
                self.client.bulk(operations=body)
            self.client.indices.refresh(index=self.alias)

        self.call(send)

    def rebuild(self, progress=None):
        started = time.time()
        from django.utils import timezone

        since = timezone.now()
        index = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"

        def build():
            ListingDocument._index.clone(index).create(using=self.client)
            self.client.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
            documents = SearchDocument.objects.order_by("pk").prefetch_related("listings").iterator(chunk_size=500)
            sent = 0
            for ok, item in streaming_bulk(self.client, self.actions(documents, index), chunk_size=BULK_CHUNK):
                if not ok:
                    raise BulkIndexError("bulk indexing failed", [item])
                sent += 1
                if progress and sent % 100 == 0:
                    progress(100)
            self.client.indices.put_settings(index=index, settings={"index": {"refresh_interval": "1s"}})
            self.client.indices.refresh(index=index)
            old = sorted(self._alias_targets())
            if not old and self.client.indices.exists(index=self.alias):
                self.client.indices.delete(index=self.alias)  # a plain index squatting on the alias name
                old = []
            actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
            actions.append({"add": {"index": index, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
            search_cache.index_changed()  # searches now read the new index
            # The old index, and any left half-built by a rebuild the engine died during.
            for name in set(old) | self._leftovers(keep=index):
                self.client.indices.delete(index=name, ignore_unavailable=True)
            return sent

        try:
            sent = self.call(build)
        except EngineUnavailable:
            self._drop_quietly(index)  # the alias still points at the old, complete index
            raise
        # Pages stored while the new index filled went to the old one: send them again.
        changed = SearchDocument.objects.filter(indexed_at__gte=since).values_list("page_id", flat=True)
        if changed:
            self.index_pages(list(changed))
        return {"index": index, "listings": sent, "seconds": round(time.time() - started, 2)}

    def _leftovers(self, keep):
        """Indices named like this alias's rebuilds that the alias does not point at."""
        found = self.client.indices.get(index=f"{self.alias}-*", expand_wildcards="open,closed").body
        return set(found) - {keep}

    def _drop_quietly(self, index):
        with contextlib.suppress(*FAILURES):  # still down: the next successful rebuild deletes it
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def _alias_targets(self):
        try:
            return set(self.client.indices.get_alias(name=self.alias).body)
        except es_exceptions.NotFoundError:
            return set()

    def status(self):
        def read():
            targets = self._alias_targets()
            count = self.client.count(index=self.alias)["count"] if targets else 0
            pages = 0
            if targets:
                response = self.client.search(
                    index=self.alias, size=0, aggs={"pages": {"cardinality": {"field": "page_id"}}}
                )
                pages = response["aggregations"]["pages"]["value"]
            return {"index": ", ".join(sorted(targets)) or "(none)", "listings": count, "pages": pages}

        info = {"engine": f"elasticsearch at alias {self.alias}"}
        try:
            info.update(self.call(read))
        except EngineUnavailable as error:
            info["error"] = str(error)
        return info


def facets_from(aggs):
    from search.query import RATING_STEPS
    from search.query import FacetValue as Value

    facets = {}
    for facet in FACET_FIELDS:
        entry = aggs.get(f"facet_{facet}")
        if not entry or facet == "verified":
            continue
        values = [Value(b["key"], int(b["pages"]["value"])) for b in entry["values"]["buckets"]]
        if values:
            facets[facet] = values
    results = aggs["results"]
    ratings = [Value(str(s), int(results[f"rating_{s}"]["pages"]["value"])) for s in RATING_STEPS]
    if any(v.count for v in ratings):
        facets["min_rating"] = [v for v in ratings if v.count]
    currencies = [Value(b["key"], int(b["pages"]["value"])) for b in results["currencies"]["buckets"]]
    if currencies:
        facets["currency"] = currencies
    return facets
