"""The SQL each database speaks for full-text search and tag filters.

SQLite: two FTS5 tables kept in step by triggers (migration 0002) — one over the
documents' text (bm25 ranking, fts5vocab for typo correction), one over listing
tags, each tag a single token. PostgreSQL: a GIN index on a stored, weighted tsvector
(ts_rank), a pg_trgm GIN index for typo-tolerant word matches, and a GIN index on the
listing tags as an array. Both filter through those indexes; neither scans rows with
LIKE. A tag on a row already read is tested in the tag text on SQLite and as a bit of
the listing's tag bitmap (search.tagbits) on PostgreSQL.
"""

import dataclasses
import re
from dataclasses import dataclass

from django.db import connection

from search import concept_ranks, tagbits
from search.understanding import allowed_typos, edit_distance

_TOKEN = re.compile(r"\w+")
WORD_SIMILARITY = "0.45"


def words(text):
    return _TOKEN.findall((text or "").lower())


@dataclass
class TextMatch:
    """SQL for the documents matching some words, with their rank (a subquery of doc_id, rank)."""

    rank_sql: str
    rank_params: list
    # The rank as an expression on the document row `d`, when the engine can rank any row
    # (PostgreSQL): only candidates are then ranked, not every document the words match.
    document_rank_sql: str = None
    document_rank_params: list = None
    document_match_sql: str = None  # the match as a condition on the document row `d`
    document_match_params: list = None
    document_join: str = ""  # joined after `d`, for document_rank_sql
    # Stored ranks (search.concept_ranks): a LATERAL subquery (doc_id, rank) for listing `l`'s
    # document, NULLs when it does not match; used instead of reading the document row.
    listing_rank_sql: str = None
    listing_rank_params: list = None
    stored_ranks: bool = False  # ranks read from search_conceptrank: no word index is read
    concept_ids: list = None  # with stored_ranks: the RankedConcept ids whose ranks are summed


class Dialect:
    def text_match_sql(self, terms, phrases, prefix_last):
        """A TextMatch for documents matching the words or any phrase, or None."""
        raise NotImplementedError

    def with_stored_ranks(self, match, concepts):
        """`match` for a search of these concepts alone, ranked from stored ranks where the engine keeps them."""
        return match

    TAG_COLUMN = "tags"  # the listing column has_tag() reads
    # Whether facet queries look up each "all filters but one" tag set in the tag index first.
    INDEX_TAG_SETS = True

    def prepare_tags(self, positions):
        """Called with {tag: bit position} of every known tag (search.tagbits) before has_tag()."""

    # Whether the facet rows come as one value (packed_facet_rows) rather than a row per listing.
    PACKS_FACET_ROWS = False

    def packed_facet_rows(self, alias):
        """(sql, params): an aggregate of the candidate rows `alias` in search.tagbits.packed_row's layout."""
        raise NotImplementedError

    def carries_tags(self, alias, tags):
        """(sql, params): listing `alias` carries every one of `tags`, through the tag index."""
        raise NotImplementedError

    def title_prefix_sql(self, prefix):
        raise NotImplementedError

    PREFIX_SETTINGS = ()  # statements run, in the same transaction, before title_prefix_sql's
    # Statements run, in the same transaction, before an answer that matches words across the
    # whole directory (TextMatch.rank_sql rather than a place's listings).
    WORD_SEARCH_SETTINGS = ()

    def correct(self, word):
        """The indexed word closest to `word` when `word` itself is not indexed, else `word`."""
        return word

    # -- expressions for ranking in SQL (search.backends.ranking) ---------------------

    def has_tag(self, alias, tag):
        """(sql, params) true when the listing row `alias` (or a row with its TAG_COLUMN) carries `tag`."""
        raise NotImplementedError

    def least(self, a, b):
        raise NotImplementedError


class SQLiteDialect(Dialect):
    DOC_FTS = "search_document_fts"
    TAG_FTS = "search_listing_tags"
    VOCAB = "search_document_vocab"

    @staticmethod
    def quote(text):
        return '"' + text.replace('"', '""') + '"'

    def match_expression(self, terms, phrases, prefix_last):
        groups = []
        if terms:
            parts = [self.quote(t) for t in terms]
            if prefix_last:
                parts[-1] += "*"
            joiner = " AND " if len(parts) <= 2 else " OR "
            groups.append("(" + joiner.join(parts) + ")")
        groups += [self.quote(p) for p in phrases if words(p)]
        return " OR ".join(groups)

    def text_match_sql(self, terms, phrases, prefix_last):
        expression = self.match_expression(terms, phrases, prefix_last)
        if not expression:
            return None
        where = f"FROM {self.DOC_FTS} WHERE {self.DOC_FTS} MATCH %s"
        rank = f"SELECT rowid AS doc_id, -bm25({self.DOC_FTS}, 10.0, 4.0, 4.0, 1.0, 2.0) AS rank {where}"
        return TextMatch(rank, [expression])

    def carries_tags(self, alias, tags):
        expression = " AND ".join(self.quote(t) for t in tags)
        return f"{alias}.id IN (SELECT rowid FROM {self.TAG_FTS} WHERE {self.TAG_FTS} MATCH %s)", [expression]

    def title_prefix_sql(self, prefix):
        terms = words(prefix)
        if not terms:
            return None
        expression = " AND ".join(f"title : {self.quote(t)}*" for t in terms)
        return f"SELECT rowid FROM {self.DOC_FTS} WHERE {self.DOC_FTS} MATCH %s ORDER BY rank", [expression]

    def correct(self, word):
        limit = allowed_typos(word)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {self.VOCAB} WHERE term = %s", [word])
            if cursor.fetchone() or not limit:
                return word
            # fts5vocab answers range scans on the term from its index.
            cursor.execute(
                f"SELECT term, doc FROM {self.VOCAB} WHERE term >= %s AND term < %s",
                [word[:1], word[:1] + "\uffff"],
            )
            best, best_distance, best_docs = word, limit + 1, 0
            for term, docs in cursor.fetchall():
                distance = edit_distance(word, term, limit)
                if distance < best_distance or (distance == best_distance and docs > best_docs):
                    best, best_distance, best_docs = term, distance, docs
        return best

    def has_tag(self, alias, tag):
        return f"instr(' ' || {alias}.tags || ' ', ' ' || %s || ' ') > 0", [tag]

    def least(self, a, b):
        return f"MIN({a}, {b})"


class PostgresDialect(Dialect):
    VECTOR = "search_vector"  # a stored, weighted tsvector (migration 0003)
    TRIGRAM_TEXT = "lower(title || ' ' || names || ' ' || vocabulary || ' ' || places)"

    @staticmethod
    def lexeme(word):
        return "'" + word.replace("'", "''").replace("\\", "") + "'"

    def tsqueries(self, terms, phrases, prefix_last):
        """([tsquery SQL], [params]): one for the words, one per phrase."""
        queries, params = [], []
        if terms:
            parts = [self.lexeme(t) for t in terms]
            if prefix_last:
                parts[-1] += ":*"
            joiner = " & " if len(parts) <= 2 else " | "
            queries.append("to_tsquery('simple', %s)")
            params.append(joiner.join(parts))
        for phrase in phrases:
            if words(phrase):
                queries.append("phraseto_tsquery('simple', %s)")
                params.append(phrase)
        return queries, params

    @staticmethod
    def match_and_rank(queries, vector):
        """(match, rank) SQL for `queries` on `vector`: matched as one tsquery (one index scan),
        ranked as the sum of each part's rank, so a document naming several of a concept's
        synonyms ranks higher, as in Elasticsearch. Every rank the backend uses is this sum."""
        return "(" + " || ".join(queries) + ")", " + ".join(f"ts_rank({vector}, {q})" for q in queries)

    def ranked_documents_sql(self, queries, params):
        """(sql, params): doc_id and rank of the documents matching any of `queries`."""
        matches, rank = self.match_and_rank(queries, "v")
        # The stored vector is compressed in the row, and each ts_rank call decompressed it again;
        # `|| ''` hands the ranks one decompressed copy ("physiotherapist", 7 synonyms, 104k
        # documents at 100k: 662 -> 365 ms). OFFSET 0 keeps each step whole: pulled up into the
        # join, the ranking ran once per listing, and the copy once per call.
        vectors = (
            f"SELECT page_id, {self.VECTOR} || ''::tsvector AS v FROM search_searchdocument "
            f"WHERE {self.VECTOR} @@ {matches} OFFSET 0"
        )
        return f"SELECT page_id AS doc_id, ({rank}) AS rank FROM ({vectors}) m OFFSET 0", params + params

    def concept_rank_sql(self, names):
        """ranked_documents_sql for a concept's names over every document, exactly as a search ranks them."""
        queries, params = self.tsqueries([], names, False)
        return self.ranked_documents_sql(queries, params) if queries else (None, [])

    def concept_ranks_among_sql(self, concepts, page_ids):
        """(sql, params): (concept id, doc_id, rank) of these documents for every one of `concepts`
        ([(RankedConcept id, names)]), the same ranks as concept_rank_sql. One statement reading each vector
        once: a statement per concept and chunk of stored documents doubled a rebuild."""
        parts, params = [], []
        for concept_id, names in concepts:
            queries, query_params = self.tsqueries([], names, False)
            if queries:
                matches, rank = self.match_and_rank(queries, "v")
                parts.append(f"SELECT {int(concept_id):d}, page_id, ({rank}) FROM documents WHERE v @@ {matches}")
                params += [*query_params, *query_params]
        if not parts:
            return None, []
        documents = (
            f"WITH documents AS MATERIALIZED (SELECT page_id, {self.VECTOR} || ''::tsvector AS v "
            "FROM search_searchdocument WHERE page_id = ANY(%s)) "
        )
        return documents + " UNION ALL ".join(parts), [list(page_ids), *params]

    def with_stored_ranks(self, match, concepts):
        # A concept alone is ranked from search_conceptrank when its ranks were computed from the
        # names the search has (search.concept_ranks): the same numbers, without ranking every
        # matching document ("physiotherapist" at 100k: ~850 -> ~400 ms).
        ids = concept_ranks.stored([(concept.tag, list(concept.terms)) for concept in concepts])
        if ids is None:
            return match
        # REAL, as the live sum of ts_rank is: the score's arithmetic is then the same. One concept
        # needs no sum (grouping 102k rows for "dry needling" cost 50 ms).
        ranks = (
            "SELECT document_id AS doc_id, CAST(rank AS REAL) AS rank FROM search_conceptrank "
            "WHERE concept_id = ANY(%s)"
        )
        if len(ids) > 1:
            ranks = (
                "SELECT document_id AS doc_id, CAST(SUM(rank) AS REAL) AS rank FROM search_conceptrank "
                "WHERE concept_id = ANY(%s) GROUP BY document_id"
            )
        listing_rank_sql = (
            "SELECT MAX(r.document_id) AS doc_id, CAST(SUM(r.rank) AS REAL) AS rank FROM search_conceptrank r "
            "WHERE r.concept_id = ANY(%s) AND r.document_id = l.document_id"
        )
        return dataclasses.replace(
            match,
            rank_sql=ranks,
            rank_params=[ids],
            listing_rank_sql=listing_rank_sql,
            listing_rank_params=[ids],
            stored_ranks=True,
            concept_ids=ids,
        )

    def text_match_sql(self, terms, phrases, prefix_last):
        queries, params = self.tsqueries(terms, phrases, prefix_last)
        if not queries:
            return None
        matches, document_rank = self.match_and_rank(queries, "dv.v")
        rank_sql, rank_params = self.ranked_documents_sql(queries, params)
        return TextMatch(
            rank_sql,
            rank_params,
            document_rank_sql=f"({document_rank})",
            document_rank_params=params,
            document_match_sql=f"d.{self.VECTOR} @@ {matches}",
            document_match_params=params,
            # The same single decompressed copy for a candidate's ranks, made only for rows the
            # match kept (the planner tests the WHERE on `d` first): ~10% of a city search.
            document_join=f"CROSS JOIN LATERAL (SELECT d.{self.VECTOR} || ''::tsvector AS v OFFSET 0) dv ",
        )

    def carries_tags(self, alias, tags):
        # A condition on the row, not `id IN (subquery)`: the planner then weighs the GIN index
        # against a scan with the statistics of the indexed expression (a tag on most listings
        # made the subquery cost more than reading every listing).
        return f"string_to_array({alias}.tags, ' ') @> %s::text[]", [list(tags)]

    TITLE_VECTOR = "to_tsvector('simple', coalesce(title, ''))"  # its own GIN index (migration 0004)
    # Parallel workers each fetched pages of a common prefix's matches before the LIMIT stopped
    # them: "phy" (34k titles at 100k) took 22 ms with two workers, 16 ms without.
    PREFIX_SETTINGS = ("SET LOCAL max_parallel_workers_per_gather = 0",)

    def title_prefix_sql(self, prefix):
        terms = words(prefix)
        if not terms:
            return None
        # Titles only: in the weighted vector, "pat:*" would fetch every "patellofemoral" in a
        # vocabulary and then discard it for not being weight A.
        tsquery = " & ".join(f"{self.lexeme(t)}:*" for t in terms)
        # Unordered, so the LIMIT stops the scan early: ranking every "Sharma" cost more than the rest
        # of the request, and every match is a title starting with the typed words anyway.
        # MATERIALIZED keeps the planner on the title index: seeing the LIMIT, it preferred reading
        # the table until enough titles matched, which for a rare prefix ("ced") meant most of it
        # (115 ms at 100k, against 3 ms through the index; the CTE is still read lazily).
        sql = (
            f"WITH matches AS MATERIALIZED (SELECT page_id FROM search_searchdocument "
            f"WHERE {self.TITLE_VECTOR} @@ to_tsquery('simple', %s)) SELECT page_id FROM matches"
        )
        return sql, [tsquery]

    # The planner does not price reading a document's compressed vector, so testing every document
    # looked cheaper than the word index for a word on a tenth of them ("acupuncture" at 100k:
    # 220 ms reading every row, 35 ms through the index). At SSD page pricing it takes the index.
    # Only here: with it, a city's listings were read in index order rather than table order, and
    # looking up their documents got 25% slower (the planner expects ~200 listings in a city's
    # box, not ~12,000).
    WORD_SEARCH_SETTINGS = ("SET LOCAL random_page_cost = 1.1",)

    TAG_COLUMN = "tag_bits"
    # The sets of all filters but one together match most listings: PostgreSQL then reads every
    # listing anyway, and testing each set against the tag text cost more than the bit tests.
    INDEX_TAG_SETS = False

    def prepare_tags(self, positions):
        self.positions = positions
        self.tag_width = tagbits.bitmap_width({position: tag for tag, position in positions.items()})

    # A Python tuple per candidate listing cost more than the query for common words (157k rows,
    # ~150 ms at 100k); one byte string of fixed-width rows is read by numpy in one piece.
    PACKS_FACET_ROWS = True

    def packed_facet_rows(self, alias):
        bits = f"substring(COALESCE({alias}.tag_bits, ''::bytea) || %s FROM 1 FOR {self.tag_width:d})"
        row = (
            f"int8send({alias}.document_id) || int2send({alias}.missing_facet::smallint) || "
            f"float8send(COALESCE({alias}.rating, -1)) || {bits}"
        )
        return f"string_agg({row}, ''::bytea)", [bytes(self.tag_width)]

    def has_tag(self, alias, tag):
        # A bit test on the listing's tag bitmap (search.tagbits): a fraction of the cost of
        # searching its ~400-character tag text. Unknown tags are on no listing.
        position = self.positions.get(tag)
        if position is None:
            return "FALSE", []
        bits = f"{alias}.tag_bits"
        return (
            f"(CASE WHEN length({bits}) > {position // 8:d} THEN get_bit({bits}, {position:d}) = 1 ELSE FALSE END)",
            [],
        )

    def least(self, a, b):
        return f"LEAST({a}, {b})"

    def correct(self, word):
        limit = allowed_typos(word)
        if not limit:
            return word
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM search_searchdocument WHERE {self.VECTOR} @@ to_tsquery('simple', %s) LIMIT 1",
                [self.lexeme(word)],
            )
            if cursor.fetchone():
                return word
            # The trigram index finds documents with a similar word; the closest word in them wins.
            # One wrong letter in an eight-letter name scores ~0.58, under pg_trgm's default 0.6.
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [WORD_SIMILARITY])
            cursor.execute(
                f"SELECT {self.TRIGRAM_TEXT} FROM search_searchdocument WHERE {self.TRIGRAM_TEXT} %%> %s "
                f"ORDER BY word_similarity(%s, {self.TRIGRAM_TEXT}) DESC LIMIT 20",
                [word, word],
            )
            best, best_distance = word, limit + 1
            for (text,) in cursor.fetchall():
                for candidate in set(words(text)):
                    distance = edit_distance(word, candidate, limit)
                    if distance < best_distance:
                        best, best_distance = candidate, distance
        return best


def dialect():
    if connection.vendor == "postgresql":
        return PostgresDialect()
    if connection.vendor == "sqlite":
        return SQLiteDialect()
    raise NotImplementedError(f"The database search backend supports SQLite and PostgreSQL, not {connection.vendor}.")
