"""Every search listing as numpy columns held by each process, for the searches that read most
of the directory (search.backends.column_ranking answers from them).

Key ideas:
- A search for "physiotherapist", or for four filters, or for everything by rating, reads
  110-200k of 200k listings at 100k practitioners. In SQL that is 150-600 ms whatever the
  indexes; over columns already in memory it is a few vectorised passes.
- The copy is exactly the stored rows: `current()` reads SearchGeneration's value (one
  query) and reloads everything when it differs from the copy's. Triggers change that value,
  to one never used before, with every committed write to the search tables (migration
  0009), so a copy is never served after a write has committed, and a copy read inside a
  transaction that later rolls back is never current again.
- A load reads the generation before and after the rows and starts again when they
  differ, so the rows of one copy all come from the same committed state.
- A load takes 0.6-0.8 s at 100k practitioners, so a process whose copy is out of date answers
  in SQL (as with LISTING_COLUMNS off) and loads the new copy in a thread of its own, at most
  once per RELOAD_INTERVAL seconds; writes coming faster than that leave searches in SQL.
  Inside a transaction the copy is loaded there and then: only this connection sees its writes.
- Concept ranks are read per concept the first time a search needs them after a load
  (50-100 ms for a common one at 100k), under the same generation check.
- Memory: about 70 bytes per listing and 16 per stored concept rank (35 MB of arrays per
  process at 100k practitioners with every concept read; bench/columns_load.py).
"""

import logging
import threading
import time
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import connection, connections

from search import tagbits

logger = logging.getLogger(__name__)

_lock = threading.Lock()  # held while a copy loads
_starting = threading.Lock()  # held while deciding to start a loader
_copy = None
_loader = None  # the thread loading a new copy, while it runs
_loader_started = float("-inf")
ATTEMPTS = 3
RELOAD_INTERVAL = 2.0


def enabled():
    return bool(settings.INSCOPE_SEARCH.get("LISTING_COLUMNS", True))


def generation():
    """The current SearchGeneration value, or None before the first write (or after a flush)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM search_searchgeneration WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


@dataclass
class Listings:
    """The listings, sorted by (document, id), and each document's fees."""

    generation: int
    tag_width: int  # bytes in each row of `bits`
    ids: np.ndarray
    documents: np.ndarray
    ratings: np.ndarray  # NaN where the page has no rating
    rating_counts: np.ndarray
    latitudes: np.ndarray  # NaN for a listing without a place (telehealth only)
    longitudes: np.ndarray
    bits: np.ndarray  # uint8, one row of tag bits per listing (search.tagbits)
    fee_documents: np.ndarray
    fee_currencies: np.ndarray
    fee_amounts: np.ndarray
    ranks: dict = field(default_factory=dict)  # RankedConcept id -> (documents sorted, ranks)

    def __len__(self):
        return len(self.ids)

    def has_tag(self, position):
        """Which listings carry the tag at bit `position` (None: a tag no listing has)."""
        if position is None or position // 8 >= self.tag_width:
            return np.zeros(len(self), dtype=bool)
        return (self.bits[:, position // 8] & np.uint8(1 << (position % 8))) != 0

    def concept_ranks(self, concept_id):
        """(documents, ranks) of one concept, read on first use; None when the index changed meanwhile."""
        found = self.ranks.get(concept_id)
        if found is None:
            found = _read_ranks(concept_id)
            if generation() != self.generation:
                return None
            self.ranks[concept_id] = found
        return found


def current():
    """This process's copy of the listings when it is as of the last committed write, else None
    (the caller answers in SQL) after starting a load, or loaded at once inside a transaction."""
    now = generation()
    if now is None:  # nothing written since the tables were emptied
        return None
    copy = _copy
    if copy is not None and copy.generation == now:
        return copy
    if connection.in_atomic_block:
        return _load_current(now)
    _load_soon()
    return None


def load_now():
    """This process's copy, loaded here if it is not current (benchmarks); None as current() says."""
    now = generation()
    return None if now is None else _load_current(now)


def _load_current(now):
    """A copy as of generation `now` or later, kept as this process's copy; None when the tables
    were written to throughout."""
    global _copy
    with _lock:
        for _ in range(ATTEMPTS):
            if _copy is not None and _copy.generation == now:
                return _copy
            loaded = _load(now)
            after = generation()
            if after == now:
                _copy = loaded
                return loaded
            if after is None:
                return None
            now = after
    return None


def _load_soon():
    """Start loading the current copy in a thread, unless one is loading or one started lately."""
    global _loader, _loader_started
    with _starting:
        if _loader is not None or time.monotonic() - _loader_started < RELOAD_INTERVAL:
            return
        _loader_started = time.monotonic()
        _loader = threading.Thread(target=_load_in_thread, name="listing-columns", daemon=True)
        _loader.start()


def _load_in_thread():
    global _loader
    try:
        load_now()
    except Exception:
        logger.exception("Loading the listing columns failed; searches answer in SQL meanwhile")
    finally:
        connections.close_all()  # this thread's own connection
        _loader = None


def wait_for_load(timeout=30):
    """Wait until no copy is being loaded (tests, benchmarks)."""
    loader = _loader
    if loader is not None:
        loader.join(timeout)


def forget():
    """Drop this process's copy (tests; the next search reads the tables again)."""
    global _copy, _loader_started
    wait_for_load()
    _copy, _loader_started = None, float("-inf")


def _load(now):
    width = tagbits.bitmap_width(tagbits.names())
    if connection.vendor == "postgresql":
        listings = _read_packed(
            "SELECT string_agg(int8send(id) || int8send(document_id) || "
            "float8send(COALESCE(rating_average, 'NaN')) || int8send(COALESCE(rating_count, 0)::bigint) || "
            "float8send(COALESCE(latitude, 'NaN')) || float8send(COALESCE(longitude, 'NaN')) || "
            f"substring(COALESCE(tag_bits, ''::bytea) || %s FROM 1 FOR {width:d}), ''::bytea "
            "ORDER BY document_id, id) FROM search_searchlisting",
            [bytes(width)],
            _listing_row(width),
        )
        fees = _read_packed(
            "SELECT string_agg(int8send(document_id) || convert_to(rpad(currency, 3), 'UTF8') || "
            "float8send(amount), ''::bytea) FROM search_searchfee",
            [],
            np.dtype([("document", ">i8"), ("currency", "S3"), ("amount", ">f8")]),
        )
    else:
        listings = _read_rows(
            "SELECT id, document_id, rating_average, rating_count, latitude, longitude, tag_bits "
            "FROM search_searchlisting ORDER BY document_id, id",
            width,
        )
        fees = _read_fee_rows()
    return Listings(
        generation=now,
        tag_width=width,
        ids=listings["id"].astype(np.int64),
        documents=listings["document"].astype(np.int64),
        ratings=listings["rating"].astype(np.float64),
        rating_counts=listings["rating_count"].astype(np.int64),
        latitudes=listings["latitude"].astype(np.float64),
        longitudes=listings["longitude"].astype(np.float64),
        bits=np.ascontiguousarray(listings["bits"]).reshape(len(listings), width),
        fee_documents=fees["document"].astype(np.int64),
        fee_currencies=fees["currency"].astype("S3"),
        fee_amounts=fees["amount"].astype(np.float64),
    )


def _listing_row(width):
    return np.dtype(
        [
            ("id", ">i8"),
            ("document", ">i8"),
            ("rating", ">f8"),
            ("rating_count", ">i8"),
            ("latitude", ">f8"),
            ("longitude", ">f8"),
            ("bits", "u1", (width,)),
        ]
    )


def _read_packed(sql, params, dtype):
    """One aggregate of fixed-width rows, read by numpy in one piece (as search.tagbits.packed_row)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        blob = cursor.fetchone()[0]
    return np.frombuffer(bytes(blob or b""), dtype=dtype)


def _read_rows(sql, width):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    table = np.zeros(len(rows), dtype=_listing_row(width).newbyteorder("="))
    nan = float("nan")
    for index, (pk, document, rating, count, lat, lon, bits) in enumerate(rows):
        padded = bytes(bits or b"")[:width].ljust(width, b"\0")
        table[index] = (
            pk,
            document,
            nan if rating is None else rating,
            count or 0,
            nan if lat is None else lat,
            nan if lon is None else lon,
            np.frombuffer(padded, dtype=np.uint8),
        )
    return table


def _read_fee_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT document_id, currency, amount FROM search_searchfee")
        rows = cursor.fetchall()
    table = np.zeros(len(rows), dtype=[("document", "i8"), ("currency", "S3"), ("amount", "f8")])
    for index, (document, currency, amount) in enumerate(rows):
        table[index] = (document, currency.encode(), amount)
    return table


def _read_ranks(concept_id):
    if connection.vendor == "postgresql":
        rows = _read_packed(
            "SELECT string_agg(int8send(document_id) || float8send(rank), ''::bytea ORDER BY document_id) "
            "FROM search_conceptrank WHERE concept_id = %s",
            [concept_id],
            np.dtype([("document", ">i8"), ("rank", ">f8")]),
        )
        return rows["document"].astype(np.int64), rows["rank"].astype(np.float64)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document_id, rank FROM search_conceptrank WHERE concept_id = %s ORDER BY document_id",
            [concept_id],
        )
        rows = cursor.fetchall()
    return np.array([r[0] for r in rows], dtype=np.int64), np.array([r[1] for r in rows], dtype=np.float64)
