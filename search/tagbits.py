"""Listing tags as bits, so the database backend counts facets without unnesting every tag.

Counting facets in SQL meant one row per (listing, tag): about twenty per listing, so
1.4 million rows for a common word at 100k practitioners, sorted or hashed by text.
Here every tag has a fixed bit position (SearchTag, append-only, so a position never
changes meaning) and each listing stores its tags as a little bitmap (`tag_bits`).
The facet query then returns one short row per candidate listing and numpy counts the
pages per bit: an OR per page, an unpack and a column sum.

The bitmap also carries `currency:<code>` for every currency the page has a fee in,
so the currency facet is counted with the others (those bits are not listing tags).
"""

import numpy as np

from search.models import SearchTag


def positions(tags):
    """{tag: position} for `tags`, giving new tags the next free positions.

    Read from the table each time rather than kept per process: a position created in a
    transaction that rolls back must not be remembered.
    """
    tags = set(tags)
    known = dict(SearchTag.objects.filter(name__in=tags).values_list("name", "id"))
    missing = tags - known.keys()
    if missing:
        SearchTag.objects.bulk_create([SearchTag(name=name) for name in sorted(missing)], ignore_conflicts=True)
        known.update(SearchTag.objects.filter(name__in=missing).values_list("name", "id"))
    return known


def pack(tags, known):
    """The bitmap of `tags` (every one in `known`, a {tag: position} map), as bytes, bit 0 first."""
    value = 0
    for tag in tags:
        value |= 1 << known[tag]
    return value.to_bytes((value.bit_length() + 7) // 8, "little")


def listing_bits(listings, fees_by_document):
    """Set `tag_bits` on each listing row from its tags and its document's fee currencies."""
    tag_lists = [
        listing.tags.split() + [f"currency:{code}" for code in fees_by_document.get(listing.document_id, ())]
        for listing in listings
    ]
    known = positions({tag for tags in tag_lists for tag in tags})
    for listing, tags in zip(listings, tag_lists, strict=True):
        listing.tag_bits = pack(tags, known)


def names():
    """{position: tag} of every tag ever seen."""
    return dict(SearchTag.objects.values_list("id", "name"))


def bitmap_width(tag_names):
    """Bytes in a bitmap holding every tag in `tag_names` ({position: tag})."""
    return max(tag_names, default=0) // 8 + 1


def packed_row(width):
    """The numpy layout of one packed facet row (PostgresDialect.packed_facet_rows writes it)."""
    return np.dtype([("document", ">i8"), ("missing", ">i2"), ("rating", ">f8"), ("bits", "u1", (width,))])


# Row v: the bits of byte value v, bit 0 first.
BYTE_BITS = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1, bitorder="little").astype(np.int64)


def as_words(bits):
    """Bitmap rows (uint8, n x width) as 64-bit words: OR-ing a page's rows then takes a
    seventh of the time it takes byte by byte."""
    rows, width = bits.shape
    words = -(-width // 8)
    padded = np.zeros((rows, words * 8), dtype=np.uint8)
    padded[:, :width] = bits
    return padded.view("<u8")


class FacetCounter:
    """Pages per tag over the candidate listings: their page, missing filter, rating and tag bitmap.

    `missing` is 0 for a listing missing no filter, else the 1-based index in `facets` of the
    one filter it misses. A listing missing none counts for every facet; one missing exactly
    one filter counts only for that filter's facet (disjunctive facets, see search.backends.base).
    """

    def __init__(self, documents, missing, ratings, bits, tag_names, facets):
        self.tag_names, self.facets = tag_names, list(facets)
        # Rows sorted by page once: every subset below keeps that order, so a page's rows are adjacent.
        order = np.argsort(documents, kind="stable")
        self.documents, self.missing = documents[order], missing[order]
        self.ratings, self.bits = ratings[order], as_words(bits[order])

    @classmethod
    def from_rows(cls, rows, tag_names, facets):
        """From (document_id, missing, rating or -1, tag_bits) rows."""
        documents, missing, ratings, bits = zip(*rows, strict=True) if rows else ((), (), (), ())
        width = max([bitmap_width(tag_names), *(len(value) for value in bits if value)])
        blank = bytes(width)
        padded = b"".join([bytes(value).ljust(width, b"\0") if value else blank for value in bits])
        return cls(
            np.array(documents, dtype=np.int64),
            np.array(missing, dtype=np.int16),
            np.array(ratings, dtype=np.float64),
            np.frombuffer(padded, dtype=np.uint8).reshape(len(documents), width),
            tag_names,
            facets,
        )

    @classmethod
    def from_packed(cls, blob, width, tag_names, facets):
        """From the rows packed into one byte string (packed_row: big-endian, bitmaps padded to `width`),
        which PostgreSQL sends and numpy reads in one piece instead of a Python tuple per listing."""
        rows = np.frombuffer(bytes(blob or b""), dtype=packed_row(width))
        return cls(
            rows["document"].astype(np.int64),
            rows["missing"].astype(np.int16),
            rows["rating"].astype(np.float64),
            rows["bits"],
            tag_names,
            facets,
        )

    @staticmethod
    def page_starts(documents):
        """Where each page's run of rows begins, in rows sorted by page."""
        return np.flatnonzero(np.r_[True, documents[1:] != documents[:-1]]) if len(documents) else documents

    def pages_per_bit(self, mask, positions=None):
        """For the rows in `mask`: how many distinct pages carry each bit (an array by position),
        counted for the bytes holding `positions` only when given (zero elsewhere)."""
        counts = np.zeros(self.bits.shape[1] * 64, dtype=np.int64)
        documents, words = self.documents[mask], self.bits[mask]
        if not len(documents):
            return counts
        per_page = np.bitwise_or.reduceat(words, self.page_starts(documents), axis=0).view(np.uint8)
        # Pages per value of each byte, then per bit: a histogram of 256 per byte column instead of
        # unpacking every page's bits (157k pages x 128 bits for "physiotherapist" at 100k).
        columns = range(per_page.shape[1]) if positions is None else sorted({p // 8 for p in positions})
        for column in columns:
            histogram = np.bincount(per_page[:, column], minlength=256)
            counts[column * 8 : column * 8 + 8] = histogram @ BYTE_BITS
        return counts

    def pages(self):
        """How many pages have a listing missing no filter: the search's total."""
        return len(self.page_starts(self.documents[self.missing == 0]))

    def counts(self, rating_steps):
        """[(tag, pages)]: every tag's count, `min_rating:<step>` counts, in no particular order."""
        complete = self.missing == 0
        found = {}
        everything = self.pages_per_bit(complete)
        for position in np.flatnonzero(everything):
            tag = self.tag_names.get(int(position))
            if tag and tag.partition(":")[0] not in self.facets:
                found[tag] = int(everything[position])
        for code, facet in enumerate(self.facets, start=1):
            positions = [
                p for p, tag in self.tag_names.items() if tag.partition(":")[0] == facet and p < len(everything)
            ]
            counted = self.pages_per_bit(complete | (self.missing == code), positions)
            for position in positions:
                if counted[position]:
                    found[self.tag_names[position]] = int(counted[position])
        rated = self.page_ratings(complete)
        for step in rating_steps:
            found[f"min_rating:{step}"] = int(np.count_nonzero(rated >= step))
        return list(found.items())

    def page_ratings(self, mask):
        documents, ratings = self.documents[mask], self.ratings[mask]
        rated = ratings[self.page_starts(documents)]
        return rated[rated >= 0]
