"""Writing search documents: the rows a built page becomes, and replacing them in one go.

Key ideas:
- search.documents builds plain rows (no model instances: at 100k pages their
  construction cost more than the documents); `store()` writes them with COPY on
  PostgreSQL (search.copy).
- `store()` replaces a page's rows in one transaction; readers never see half a page.
- What only searches read is derived here, once per write: each listing's tag bitmap
  (search.tagbits) and its page's rating, so the database backend reads listings alone,
  and on PostgreSQL each document's rank for every concept (search.concept_ranks).
"""

import types

from django.db import connection, transaction

from directory.models import ClinicPage, PractitionerPage
from search import cache as search_cache
from search import concept_ranks, copy, tagbits
from search.models import SearchDocument, SearchFee, SearchListing


class ListingRow(types.SimpleNamespace):
    """A SearchListing row's values, without a model instance (store() writes them)."""

    def __init__(self, location_id=None, latitude=None, longitude=None, tags="", label="", address=""):
        super().__init__(
            document_id=None,
            location_id=location_id,
            latitude=latitude,
            longitude=longitude,
            tags=tags,
            label=label,
            address=address,
        )


class FeeRow(types.SimpleNamespace):
    """A SearchFee row's values, without a model instance."""

    def __init__(self, currency, amount):
        super().__init__(document_id=None, currency=currency, amount=amount)


class Built:
    """One page's document, listings and fees, ready to store."""

    def __init__(self, document, listings, fees):
        self.document = document
        self.listings = listings
        self.fees = fees


def store(built_documents):
    """Replace the stored rows of these pages; returns how many documents were written."""
    built_documents = list(built_documents)
    if not built_documents:
        return 0
    page_ids = [b.document.page_id for b in built_documents]
    with transaction.atomic():
        # Children first: plain deletes, without the collector fetching every row to cascade.
        concept_ranks.forget_documents(page_ids)
        SearchFee.objects.filter(document_id__in=page_ids)._raw_delete(SearchFee.objects.db)
        SearchListing.objects.filter(document_id__in=page_ids)._raw_delete(SearchListing.objects.db)
        SearchDocument.objects.filter(page_id__in=page_ids)._raw_delete(SearchDocument.objects.db)
        copy.insert(SearchDocument, [b.document for b in built_documents])
        listings, fees, currencies = [], [], {}
        for built in built_documents:
            for listing in built.listings:
                listing.document_id = built.document.page_id
                listing.rating_average = built.document.rating_average
                listing.rating_count = built.document.rating_count
                listings.append(listing)
            for fee in built.fees:
                fee.document_id = built.document.page_id
                fees.append(fee)
            currencies[built.document.page_id] = [fee.currency for fee in built.fees]
        tagbits.listing_bits(listings, currencies)
        copy.insert(SearchListing, listings)
        copy.insert(SearchFee, fees)
        concept_ranks.rank_documents(page_ids)
        search_cache.index_changed()
    return len(built_documents)


SEARCH_TABLES = ("search_searchdocument", "search_searchlisting", "search_searchfee", "search_conceptrank")


def vacuum():
    """VACUUM ANALYZE the search tables on PostgreSQL (not possible inside a transaction); True if run.

    A rebuild rewrites every row: until autovacuum catches up, searches read the dead ones too
    (three 100k rebuilds left the tables at 3-4 times their size and searches 1.5-2 times
    slower), and plans use statistics of the old rows.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(SEARCH_TABLES)}")
    return True


def searchable_count():
    return PractitionerPage.objects.live().count() + ClinicPage.objects.live().count()


def unsearchable_documents():
    """Stored documents of pages no longer live (or gone), found in the database, not in a list of every id."""
    return SearchDocument.objects.exclude(page_id__in=PractitionerPage.objects.live().values("pk")).exclude(
        page_id__in=ClinicPage.objects.live().values("pk")
    )
