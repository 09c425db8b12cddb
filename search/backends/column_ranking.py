"""search.backends.ranking's answer computed over the in-memory listing columns (search.columns).

The same candidates, score, best listing per page, order and facet rows as the SQL, step by
step, for the searches that need no word index: filters, places and sorts alone, and
concepts whose ranks are stored (search.concept_ranks). Free words still go to SQL.
tests/search/test_column_ranking.py holds both to the same answers.
"""

import math

import numpy as np

from search import columns, tagbits
from search.backends.ranking import TEXT_WEIGHT
from search.places import EARTH_RADIUS_KM, bounding_box
from search.query import BOOST_DISTANCE, BOOST_RATING

# 1 - exp(-count / 5) for every count the SQL distinguishes (it caps the count at 200), with the
# C library's exp, as PostgreSQL computes it.
CONFIDENCE = np.array([1 - math.exp(-count / 5) for count in range(201)])


def answers(text):
    """Whether the columns can answer a query whose words are `text` (a dialects.TextMatch): none,
    or concepts with stored ranks."""
    if not columns.enabled():
        return False
    return text is None or (text.stored_ranks and text.concept_ids is not None)


class ColumnAnswer:
    """The answer to one query from one copy of the listings: `window` rows as the SQL's
    (document, listing, distance, score, position, fee min, fee max), and a FacetCounter."""

    def __init__(self, query, listings, tag_names, concept_ids=None):
        self.query, self.listings = query, listings
        self.positions = {name: position for position, name in tag_names.items()}
        self.tag_names = tag_names
        self.concept_ids = concept_ids

    def has(self, tag):
        return self.listings.has_tag(self.positions.get(tag))

    def text_ranks(self):
        """(matched, rank as REAL) per listing from the stored ranks of the query's concepts."""
        listings = self.listings
        documents, total = None, None
        for concept_id in self.concept_ids:
            found = listings.concept_ranks(concept_id)
            if found is None:
                return None
            concept_documents, ranks = found
            if documents is None:
                documents, total = concept_documents, ranks
            else:  # SUM(rank) per document
                documents, inverse = np.unique(np.concatenate([documents, concept_documents]), return_inverse=True)
                summed = np.zeros(len(documents))
                np.add.at(summed, inverse, np.concatenate([total, ranks]))
                total = summed
        if not len(documents):
            return np.zeros(len(listings), dtype=bool), np.zeros(len(listings), dtype=np.float32)
        where = np.searchsorted(documents, listings.documents)
        where[where >= len(documents)] = 0
        matched = documents[where] == listings.documents
        return matched, np.where(matched, total[where], 0.0).astype(np.float32)

    def distances(self, rows):
        """Haversine as RankingSQL.distance writes it, for the listings `rows`."""
        place = self.query.place
        lat, lon = self.listings.latitudes[rows], self.listings.longitudes[rows]
        half_dphi = (np.radians(lat) - math.radians(place.latitude)) / 2
        half_dlambda = np.radians(lon - place.longitude) / 2
        cosines = math.cos(math.radians(place.latitude)) * np.cos(np.radians(lat))
        a = np.power(np.sin(half_dphi), 2) + cosines * np.power(np.sin(half_dlambda), 2)
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))

    def in_box(self):
        query, listings = self.query, self.listings
        min_lat, max_lat, min_lon, max_lon = bounding_box(query.place.latitude, query.place.longitude, query.radius_km)
        lat, lon = listings.latitudes, listings.longitudes
        inside = (lat >= min_lat) & (lat <= max_lat)
        if min_lon < -180:
            return inside & ((lon >= min_lon + 360) | (lon <= max_lon))
        if max_lon > 180:
            return inside & ((lon >= min_lon) | (lon <= max_lon - 360))
        return inside & (lon >= min_lon) & (lon <= max_lon)

    def fees_in_currency(self):
        return self.listings.fee_currencies == self.query.currency.encode()

    def with_fee(self):
        query, listings = self.query, self.listings
        fees = self.fees_in_currency()
        if query.fee_min is not None:
            fees &= listings.fee_amounts >= query.fee_min
        if query.fee_max is not None:
            fees &= listings.fee_amounts <= query.fee_max
        return np.isin(listings.documents, listings.fee_documents[fees])

    def compute(self):
        """(window, FacetCounter) as RankingSQL.answer gives them, or None when the copy changed meanwhile."""
        found = self.candidates()
        if found is None:
            return None
        rows, distance, missing_facet, rank = found
        matching = missing_facet[rows] == 0
        window = self.window(rows[matching], distance[matching], None if rank is None else rank[rows[matching]])
        ratings = self.listings.ratings[rows]
        counter = tagbits.FacetCounter(
            self.listings.documents[rows],
            missing_facet[rows],
            np.where(np.isnan(ratings), -1.0, ratings),
            self.listings.bits[rows],
            self.tag_names,
            list(self.query.filter_tags()),
        )
        return window, counter

    def candidates(self):
        """(rows, their distances, every listing's missing filter, every listing's word rank or None)
        for the listings RankingSQL.candidates selects, in page order."""
        query, listings = self.query, self.listings
        keep = np.ones(len(listings), dtype=bool)
        rank = None
        if self.concept_ids is not None:
            ranked = self.text_ranks()
            if ranked is None:
                return None
            matched, rank = ranked
            for concept in query.concepts:
                matched |= self.has(concept.tag)
            keep &= matched
        if query.place is not None:
            keep &= self.in_box()
        if query.min_rating:
            keep &= listings.ratings >= query.min_rating
        if query.currency and (query.fee_min is not None or query.fee_max is not None):
            keep &= self.with_fee()
        missing = np.zeros(len(listings), dtype=np.int16)
        missing_facet = np.zeros(len(listings), dtype=np.int16)  # the first filter missed, from 1
        for code, tag in enumerate(query.filter_tags().values(), start=1):
            lacking = ~self.has(tag)
            missing += lacking
            missing_facet[(missing_facet == 0) & lacking] = code
        keep &= missing <= 1
        rows = np.flatnonzero(keep)
        distance = np.full(len(rows), np.nan)
        if query.place is not None:
            distance = self.distances(rows)
            near = distance <= query.radius_km
            rows, distance = rows[near], distance[near]
        return rows, distance, missing_facet, rank

    def window(self, rows, distance, text_rank):
        """The page of hits among the matching `rows`: (document, listing, distance, score,
        position, fee min, fee max)."""
        query, listings = self.query, self.listings
        score = self.score(rows, distance, text_rank)
        primary = self.primary(rows, distance, score)
        start, stop = query.offset, query.offset + query.page_size
        few = self.contenders(rows, primary, stop)
        order = few[self.order(rows[few], distance[few], score[few], primary[few])]
        # The best listing of each page is its first in that order.
        firsts = np.sort(np.unique(listings.documents[rows[order]], return_index=True)[1])
        fee_bounds = self.fee_bounds(listings.documents[rows]) if query.currency else (None, None)
        return [
            (
                int(listings.documents[rows[i]]),
                int(listings.ids[rows[i]]),
                None if np.isnan(distance[i]) else float(distance[i]),
                float(score[i]),
                position,
                *fee_bounds,
            )
            for position, i in enumerate(order[firsts[start:stop]], start=1)
        ]

    def score(self, rows, distance, text_rank):
        """RankingSQL.score, term by term in the same order and in double precision."""
        query, listings = self.query, self.listings
        score = np.zeros(len(rows))
        if text_rank is not None:
            top = float(text_rank.max()) if len(text_rank) and text_rank.max() > 0 else 1.0
            score = TEXT_WEIGHT * 3.0 * text_rank.astype(np.float64) / top
        for tag, weight in query.boosts():
            score = score + np.where(self.has(tag)[rows], float(weight), 0.0)
        if query.place is not None and query.radius_km:
            decay = BOOST_DISTANCE * np.exp(math.log(0.5) * np.power(distance / query.radius_km, 2))
            score = score + np.where(np.isnan(distance), 0.0, decay)
        rating, count = listings.ratings[rows], listings.rating_counts[rows]
        unrated = np.isnan(rating) | (rating == 0) | (count == 0)
        rated = BOOST_RATING * np.nan_to_num(rating) * CONFIDENCE[np.clip(count, 0, 200)]
        return score + np.where(unrated, 0.0, rated)

    def primary(self, rows, distance, score):
        """The first sort key, larger first."""
        if self.query.sort == "distance":
            return -np.where(np.isnan(distance), np.inf, distance)
        if self.query.sort == "rating":
            return np.nan_to_num(self.listings.ratings[rows], nan=0.0)
        return score

    def contenders(self, rows, primary, needed):
        """Indexes of the `rows` (sorted by page) that can be the best listing of one of the first
        `needed` pages: those whose first sort key (`primary`) reaches the needed-th best page's.
        Sorting only them sorts hundreds of rows, not the 100k a common concept matches."""
        if not len(rows):
            return np.arange(0)
        per_page = np.maximum.reduceat(primary, tagbits.FacetCounter.page_starts(self.listings.documents[rows]))
        if needed >= len(per_page):
            return np.arange(len(rows))
        threshold = np.partition(per_page, len(per_page) - needed)[len(per_page) - needed]
        return np.flatnonzero(primary >= threshold)

    def order(self, rows, distance, score, primary):
        """Indexes of `rows` in RankingSQL.order (its first key is `primary`, larger first), then
        page, then listing (np.lexsort: last key first)."""
        listings = self.listings
        near = np.nan_to_num(distance, nan=0.0)
        if self.query.sort == "distance":
            then = (-score,)
        elif self.query.sort == "rating":
            then = (-score, near, -listings.rating_counts[rows])
        else:
            then = (near,)
        return np.lexsort((listings.ids[rows], listings.documents[rows], *then, -primary))

    def fee_bounds(self, documents):
        listings = self.listings
        fees = self.fees_in_currency() & np.isin(listings.fee_documents, documents)
        amounts = listings.fee_amounts[fees]
        if not len(amounts):
            return (None, None)
        return (float(amounts.min()), float(amounts.max()))
