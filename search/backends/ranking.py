"""The database backend's ranking and facets, written as SQL so the database does the work.

Key ideas:
- One set of candidate listings, built from indexed filters: words (FTS5 / tsvector),
  the bounding box on latitude/longitude then exact haversine, minimum rating, fees,
  and the tag filters. A listing may miss at most one tag filter: facet counts leave
  out their own facet's filter ("disjunctive" facets, as search.backends.base says).
- One statement answers (`answer()`): the candidates are found, and their words ranked,
  once (a materialised CTE); from them the page of hits (scored with the shared boosts,
  the best listing per page, sorted, LIMIT/OFFSET) and one short row per candidate
  listing with its tags as a bitmap, which search.tagbits counts per page for the facets
  and the total (unnesting ~20 text tags per listing in SQL cost seconds at 100k).
- The score is the one search.backends.base computes for Elasticsearch's function_score:
  normalised word rank + concept/scope/verified boosts + distance decay + rating.
"""

from dataclasses import dataclass, field

from search.places import EARTH_RADIUS_KM, bounding_box
from search.query import BOOST_DISTANCE, BOOST_RATING

TEXT_WEIGHT = 1.0


@dataclass
class Fragment:
    """SQL with its parameters, in order."""

    sql: str
    params: list = field(default_factory=list)


class RankingSQL:
    """The statements answering one SearchQuery in one database dialect."""

    def __init__(self, query, dialect, text_match):
        self.query = query
        self.sql = dialect
        self.text = text_match  # dialects.TextMatch, or None when the words match everything
        self.tag_filters = query.filter_tags()  # {facet: tag}
        self.facets = list(self.tag_filters)  # a candidate's `missing_facet` indexes this, from 1
        # With a place, the bounding box (an index range) is selective: words and tags are then
        # checked on each listing in the box, rather than by index lookups over the whole directory.
        self.in_box = query.place is not None

    # -- candidates --------------------------------------------------------------------

    def distance(self, lat_column, lon_column):
        """Haversine in SQL, the same arithmetic as search.places.haversine_km."""
        place = self.query.place
        half_dphi = f"(RADIANS({lat_column}) - RADIANS(%s)) / 2"
        half_dlambda = f"RADIANS({lon_column} - %s) / 2"
        cosines = f"COS(RADIANS(%s)) * COS(RADIANS({lat_column}))"
        a = f"POWER(SIN({half_dphi}), 2) + {cosines} * POWER(SIN({half_dlambda}), 2)"
        sql = f"2 * {EARTH_RADIUS_KM!r} * ASIN({self.sql.least('1.0', f'SQRT({a})')})"
        return Fragment(sql, [place.latitude, place.latitude, place.longitude])

    def rank_per_listing(self):
        """Whether the words are matched and ranked on each candidate's document row (in a box),
        rather than once per matching document and joined as `t` (across the directory, or
        looked up per listing from stored ranks in a box)."""
        return (
            self.in_box
            and self.text is not None
            and self.text.document_match_sql is not None
            and self.text.listing_rank_sql is None
        )

    def settings(self):
        """The dialect's statements to run before this answer, in its transaction."""
        if self.text is not None and not self.in_box and not self.text.stored_ranks:
            return self.sql.WORD_SEARCH_SETTINGS
        return ()

    def where(self):
        """Conditions on listing `l` joined to its document `d` (in a box) or to the matching
        documents `t` (across the directory), except tag filters."""
        clauses, params = [], []
        query = self.query
        if self.text is not None:
            if self.rank_per_listing():
                any_text = [self.text.document_match_sql]
                params += self.text.document_match_params
            else:
                any_text = ["t.doc_id IS NOT NULL"]
            # A concept's tag is tested on the row: an index lookup could not be combined with
            # the words' match above, and the planner would read every listing's tags instead.
            for concept in query.concepts:
                tag_sql, tag_params = self.sql.has_tag("l", concept.tag)
                any_text.append(tag_sql)
                params += tag_params
            clauses.append("(" + " OR ".join(any_text) + ")")
        if query.place is not None:
            min_lat, max_lat, min_lon, max_lon = bounding_box(
                query.place.latitude, query.place.longitude, query.radius_km
            )
            clauses.append("l.latitude BETWEEN %s AND %s")
            params += [min_lat, max_lat]
            if min_lon < -180:
                clauses.append("(l.longitude >= %s OR l.longitude <= %s)")
                params += [min_lon + 360, max_lon]
            elif max_lon > 180:
                clauses.append("(l.longitude >= %s OR l.longitude <= %s)")
                params += [min_lon, max_lon - 360]
            else:
                clauses.append("l.longitude BETWEEN %s AND %s")
                params += [min_lon, max_lon]
        if query.min_rating:
            clauses.append("l.rating_average >= %s")
            params.append(query.min_rating)
        if query.currency and (query.fee_min is not None or query.fee_max is not None):
            fee = ["currency = %s"]
            params.append(query.currency)
            if query.fee_min is not None:
                fee.append("amount >= %s")
                params.append(query.fee_min)
            if query.fee_max is not None:
                fee.append("amount <= %s")
                params.append(query.fee_max)
            clauses.append(f"l.document_id IN (SELECT document_id FROM search_searchfee WHERE {' AND '.join(fee)})")
        return Fragment(" AND ".join(clauses) or "1 = 1", params)

    def tag_prefilter(self):
        """Listings carrying all tag filters but at most one (facets leave their own out), through
        the tag index."""
        tags = list(self.tag_filters.values())
        if not tags or self.in_box or not self.sql.INDEX_TAG_SETS:
            return Fragment("1 = 1")  # `missing` is checked on each listing instead
        parts, params = [], []
        for tag_set in ([t for t in tags if t != left_out] for left_out in tags):
            if not tag_set:
                return Fragment("1 = 1")
            sql, set_params = self.sql.carries_tags("l", tag_set)
            parts.append(sql)
            params += set_params
        return Fragment("(" + " OR ".join(parts) + ")", params)

    def candidates(self):
        """SELECT of the listing rows missing at most one tag filter: id, document_id, rating,
        rating_count, distance, missing, missing_facet, tag_bits, the dialect's tag column and,
        with words, text_rank."""
        # The document row is read only to match words on it; ratings are copied onto listings.
        join_document = ""
        if self.rank_per_listing():
            join_document = f"JOIN search_searchdocument d ON d.page_id = l.document_id {self.text.document_join}"
        where, tags = self.where(), self.tag_prefilter()
        params = []
        if self.query.place is not None:
            distance = self.distance("l.latitude", "l.longitude")
            distance_sql, params = distance.sql, list(distance.params)
        else:
            distance_sql = "CAST(NULL AS DOUBLE PRECISION)"
        tests = {facet: self.sql.has_tag("l", tag) for facet, tag in self.tag_filters.items()}
        missing = [f"CASE WHEN {sql} THEN 0 ELSE 1 END" for sql, _ in tests.values()]
        params += [param for _, tag_params in tests.values() for param in tag_params]
        # The filter a listing misses, as its 1-based position in `facets` (0: none).
        which = " ".join(f"WHEN NOT {sql} THEN {code:d}" for code, (sql, _) in enumerate(tests.values(), start=1))
        params += [param for _, tag_params in tests.values() for param in tag_params]
        columns = {"tag_bits", self.sql.TAG_COLUMN}
        extra, join_text = "".join(f", l.{column}" for column in sorted(columns)), ""
        if self.text is not None:
            if self.rank_per_listing():
                extra += f", {self.text.document_rank_sql} AS text_rank"
                params += self.text.document_rank_params
            elif self.in_box and self.text.listing_rank_sql:  # stored ranks, looked up per listing
                extra += ", COALESCE(t.rank, 0) AS text_rank"
                join_text = f"LEFT JOIN LATERAL ({self.text.listing_rank_sql}) t ON TRUE "
                params += self.text.listing_rank_params
            else:  # each matching document ranked once, joined to its listings
                extra += ", COALESCE(t.rank, 0) AS text_rank"
                join_text = f"LEFT JOIN ({self.text.rank_sql}) t ON t.doc_id = l.document_id "
                params += self.text.rank_params
        inner = (
            f"SELECT l.id, l.document_id, l.rating_average AS rating, l.rating_count AS rating_count, "
            f"{distance_sql} AS distance, {' + '.join(missing) or '0'} AS missing, "
            f"{f'CASE {which} ELSE 0 END' if which else '0'} AS missing_facet{extra} "
            f"FROM search_searchlisting l {join_document}{join_text}"
            f"WHERE {where.sql} AND {tags.sql}"
        )
        params += where.params + tags.params
        sql = f"SELECT * FROM ({inner}) c WHERE c.missing <= 1"
        if self.query.place is not None:
            sql += " AND c.distance <= %s"
            params.append(self.query.radius_km)
        return Fragment(sql, params)

    # -- hits ------------------------------------------------------------------------------

    def score(self):
        """The shared score of a candidate `c` with text rank `t.rank` of top `t.top`."""
        parts, params = [], []
        if self.text is not None:
            # Normalised to 0..3 (by the best candidate) so words weigh like a recognised concept.
            parts.append(f"{TEXT_WEIGHT!r} * 3.0 * c.text_rank / c.top")
        for tag, weight in self.query.boosts():
            tag_sql, tag_params = self.sql.has_tag("c", tag)
            parts.append(f"CASE WHEN {tag_sql} THEN {float(weight)!r} ELSE 0 END")
            params += tag_params
        if self.query.place is not None and self.query.radius_km:
            parts.append(
                f"CASE WHEN c.distance IS NULL THEN 0 "
                f"ELSE {BOOST_DISTANCE!r} * EXP(LN(0.5) * POWER(c.distance / %s, 2)) END"
            )
            params.append(self.query.radius_km)
        # exp(-count/5) is 0 to double precision long before 200 reviews (and would underflow).
        # In floating point: PostgreSQL reads 5.0 as numeric, and numeric EXP cost ~1 µs a candidate.
        count = f"CAST({self.sql.least('c.rating_count', '200')} AS DOUBLE PRECISION)"
        confidence = f"(1 - EXP(-{count} / 5))"
        parts.append(
            f"CASE WHEN c.rating IS NULL OR c.rating = 0 OR c.rating_count = 0 THEN 0 "
            f"ELSE {BOOST_RATING!r} * c.rating * {confidence} END"
        )
        return Fragment(" + ".join(parts), params)

    def order(self, prefix=""):
        """The sort key as ORDER BY terms: the one DatabaseBackend used in Python."""
        p = prefix
        if self.query.sort == "distance":
            return f"{p}distance ASC, {p}score DESC"
        if self.query.sort == "rating":
            return f"COALESCE({p}rating, 0) DESC, {p}rating_count DESC, COALESCE({p}distance, 0) ASC, {p}score DESC"
        return f"{p}score DESC, COALESCE({p}distance, 0) ASC"

    def answer(self):
        """One statement for the whole answer, so the candidates are found and ranked once.

        Rows of two kinds, told apart by the first column:
        (0, document_id, listing id, distance, score, position, fee min, fee max, NULL x3): the page
        of hits, `position` giving their order within it; (1, document_id, NULL x6, missing facet, rating
        or -1, tag_bits): every candidate listing that counts for some facet, for
        search.tagbits.FacetCounter, which also gives the total. A dialect that packs facet rows
        sends them as one row instead: (1, NULL x9, the packed rows).
        """
        candidates = self.candidates()
        score = self.score()
        # The best rank as a scalar subquery, not a window over `matching`: the window held every
        # candidate until the last one was read (~50 ms of 800 for "physiotherapist" at 100k).
        best_rank = "(SELECT CASE WHEN MAX(text_rank) > 0 THEN MAX(text_rank) ELSE 1.0 END FROM c WHERE c.missing = 0)"
        top = best_rank if self.text else "1.0"
        ctes = [
            f"c AS MATERIALIZED ({candidates.sql})",
            f"matching AS (SELECT c.*, {top} AS top FROM c WHERE c.missing = 0)",
            f"scored AS (SELECT c.id, c.document_id, c.distance, c.rating, c.rating_count, ({score.sql}) AS score "
            f"FROM matching c)",
            f"best AS (SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.document_id ORDER BY {self.order('s.')}, s.id) "
            f"AS rn FROM scored s)",
        ]
        params = candidates.params + score.params
        fee_join, fee_columns = "", "NULL AS fee_min, NULL AS fee_max"
        if self.query.currency:
            fee_join = "LEFT JOIN search_searchfee f ON f.document_id = b.document_id AND f.currency = %s "
            fee_columns = "MIN(f.amount) OVER () AS fee_min, MAX(f.amount) OVER () AS fee_max"
            params.append(self.query.currency)
        # The page's order is numbered after the LIMIT: numbered before it, every result was sorted
        # (104k for "physiotherapist" at 100k) where a bounded top-N sort suffices.
        ctes.append(
            f"page AS (SELECT b.document_id, b.id, b.distance, b.score, b.rating, b.rating_count, {fee_columns} "
            f"FROM best b {fee_join}WHERE b.rn = 1 ORDER BY {self.order('b.')}, b.document_id LIMIT %s OFFSET %s)"
        )
        params += [self.query.page_size, self.query.offset]
        if self.sql.PACKS_FACET_ROWS:
            packed, packed_params = self.sql.packed_facet_rows("c")
            facet_rows = f"SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {packed} FROM c"
            params += packed_params
        else:
            facet_rows = (
                "SELECT 1, c.document_id, NULL, NULL, NULL, NULL, NULL, NULL, c.missing_facet, "
                "COALESCE(c.rating, -1), c.tag_bits FROM c"
            )
        sql = (
            f"WITH {', '.join(ctes)} "
            f"SELECT 0, document_id, id, distance, score, ROW_NUMBER() OVER (ORDER BY {self.order()}, document_id), "
            "fee_min, fee_max, NULL, NULL, NULL FROM page "
            f"UNION ALL {facet_rows}"
        )
        return Fragment(sql, params)
