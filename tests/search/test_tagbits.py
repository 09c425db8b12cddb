"""Listing tags as bitmaps (search.tagbits): what is stored, and how facets are counted from it;
and the page's rating copied onto each listing, so searches without words read listings alone.

The facet counts themselves are specified by the contract suite (tests/search/contract.py),
which runs on these bitmaps for the database backend; here is what the contract cannot see.
"""

import importlib

import numpy as np
from django.apps import apps
from django.conf import settings
from django.test import SimpleTestCase, TestCase, override_settings

from search import indexing, tagbits
from search.models import SearchListing, SearchTag
from tests.search import dataset
from tests.search.contract import facet, run_search

DATABASE = {**settings.INSCOPE_SEARCH, "BACKEND": "search.backends.database.DatabaseBackend", "URL": None}
fill_tag_bits = importlib.import_module("search.migrations.0005_tag_bits").fill_tag_bits
copy_ratings = importlib.import_module("search.migrations.0006_listing_ratings").copy_ratings


def unpacked(bits):
    """The tag names set in a stored bitmap."""
    names = dict(SearchTag.objects.values_list("id", "name"))
    value = int.from_bytes(bytes(bits or b""), "little")
    return {name for position, name in names.items() if value >> position & 1}


@override_settings(INSCOPE_SEARCH=DATABASE)
class StoredBitmaps(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = dataset.build()
        indexing.rebuild_all()

    def test_a_listing_bitmap_holds_its_tags_and_its_pages_fee_currencies(self):
        for listing in SearchListing.objects.select_related("document"):
            currencies = {f"currency:{code}" for code in listing.document.fees}
            self.assertEqual(unpacked(listing.tag_bits), set(listing.tag_list) | currencies, listing)
        self.assertIn("currency:INR", unpacked(SearchListing.objects.get(document__title="Priya Sharma").tag_bits))

    def test_positions_never_change_once_given(self):
        before = dict(SearchTag.objects.values_list("name", "id"))
        known = tagbits.positions([*before, "language:xx-new"])
        self.assertEqual({name: known[name] for name in before}, before)
        self.assertGreater(known["language:xx-new"], max(before.values()))
        self.assertEqual(tagbits.positions(["language:xx-new"]), {"language:xx-new": known["language:xx-new"]})

    def test_the_migration_fills_in_listings_stored_before_bitmaps_existed(self):
        expected = dict(SearchListing.objects.values_list("id", "tag_bits"))
        counts = facet(run_search(q="sciatica"), "language")
        SearchListing.objects.update(tag_bits=None)
        self.assertEqual(facet(run_search(q="sciatica"), "language"), {})  # nothing counted without bitmaps
        fill_tag_bits(apps, None)
        for pk, bits in SearchListing.objects.values_list("id", "tag_bits"):
            self.assertEqual(unpacked(bits), unpacked(expected[pk]))
        self.assertEqual(facet(run_search(q="sciatica"), "language"), counts)

    def test_listings_carry_their_pages_rating_and_the_migration_copies_it(self):
        def ratings():
            return sorted(SearchListing.objects.values_list("id", "rating_average", "rating_count"))

        stored = ratings()
        self.assertIn((4.8, 10), {(average, count) for _, average, count in stored})  # Dana Whitfield
        for listing in SearchListing.objects.select_related("document"):
            self.assertEqual(
                (listing.rating_average, listing.rating_count),
                (listing.document.rating_average, listing.document.rating_count),
            )
        SearchListing.objects.update(rating_average=None, rating_count=None)
        self.assertEqual(facet(run_search(q="sciatica"), "min_rating"), {})
        copy_ratings(apps, None)
        self.assertEqual(ratings(), stored)


class CountingFacets(SimpleTestCase):
    """FacetCounter over hand-made rows: (document_id, missing facet or "", rating or -1, tag_bits).

    Every case runs twice: from rows (SQLite) and from the same rows packed into one byte
    string as PostgreSQL sends them (search.tagbits.packed_row).
    """

    NAMES = {1: "language:en", 2: "language:es", 3: "gender:female", 9: "currency:USD"}

    def bits(self, *positions):
        return tagbits.pack([self.NAMES[p] for p in positions], {name: p for p, name in self.NAMES.items()})

    def counters(self, rows, filtered=()):
        facets = list(filtered)  # a row's missing facet is coded as its position here, from 1
        coded = [
            (page, facets.index(missing) + 1 if missing else 0, rating, bits) for page, missing, rating, bits in rows
        ]
        width = tagbits.bitmap_width(self.NAMES)
        packed = np.array(
            [
                (page, code, rating, np.frombuffer(bytes(bits or b"").ljust(width, b"\0"), np.uint8))
                for page, code, rating, bits in coded
            ],
            dtype=tagbits.packed_row(width),
        ).tobytes()
        return {
            "rows": tagbits.FacetCounter.from_rows(coded, self.NAMES, facets),
            "packed": tagbits.FacetCounter.from_packed(packed, width, self.NAMES, facets),
        }

    def counts(self, rows, filtered=()):
        """Counts with `filtered` facets filtered on; the same from rows and from packed rows."""
        answers = {}
        for source, counter in self.counters(rows, filtered).items():
            answers[source] = dict(counter.counts((4, 3)))
        self.assertEqual(answers["rows"], answers["packed"])
        return answers["rows"]

    def pages(self, rows, filtered=()):
        answers = {source: counter.pages() for source, counter in self.counters(rows, filtered).items()}
        self.assertEqual(answers["rows"], answers["packed"])
        return answers["rows"]

    def test_a_page_counts_once_however_many_of_its_listings_carry_the_tag(self):
        counts = self.counts([(10, "", 4.5, self.bits(1, 3)), (10, "", 4.5, self.bits(1)), (11, "", -1, self.bits(1))])
        self.assertEqual(counts["language:en"], 2)
        self.assertEqual(counts["gender:female"], 1)

    def test_a_tag_on_another_listing_of_the_same_page_still_counts_for_the_page(self):
        counts = self.counts([(10, "", -1, self.bits(1)), (10, "", -1, self.bits(2, 9))])
        self.assertEqual((counts["language:en"], counts["language:es"], counts["currency:USD"]), (1, 1, 1))

    def test_a_listing_missing_one_filter_counts_only_for_that_filters_facet(self):
        # Filtered by language:en; page 11 is Spanish-speaking, so it counts towards "es" alone.
        rows = [(10, "", 5.0, self.bits(1, 3)), (11, "language", 4.0, self.bits(2, 3))]
        counts = self.counts(rows, filtered=["language"])
        self.assertEqual((counts["language:en"], counts["language:es"]), (1, 1))
        self.assertEqual(counts["gender:female"], 1)
        self.assertEqual(counts["min_rating:4"], 1)

    def test_rows_from_pages_in_any_order_count_each_page_once(self):
        rows = [(12, "", -1, self.bits(1)), (10, "", -1, self.bits(1)), (12, "", -1, self.bits(3)), (10, "", -1, b"")]
        counts = self.counts(rows)
        self.assertEqual((counts["language:en"], counts["gender:female"]), (2, 1))
        self.assertEqual(self.pages(rows), 2)

    def test_rating_steps_count_rated_pages_at_or_above_each_step(self):
        rows = [(10, "", 4.0, b""), (10, "", 4.0, b""), (11, "", 3.2, b""), (12, "", -1, b"")]
        counts = self.counts(rows)
        self.assertEqual((counts["min_rating:4"], counts["min_rating:3"]), (1, 2))

    def test_no_rows_count_nothing_and_missing_bitmaps_count_as_no_tags(self):
        self.assertEqual(self.counts([]), {"min_rating:4": 0, "min_rating:3": 0})
        self.assertNotIn("language:en", self.counts([(10, "", -1, None)]))
        self.assertEqual(
            dict(tagbits.FacetCounter.from_packed(None, 2, self.NAMES, []).counts((4,))), {"min_rating:4": 0}
        )

    def test_bits_beyond_a_short_bitmap_are_unset(self):
        counts = self.counts([(10, "", -1, self.bits(1)), (11, "", -1, self.bits(9))])
        self.assertEqual((counts["language:en"], counts["currency:USD"]), (1, 1))

    def test_the_total_counts_pages_with_a_listing_missing_no_filter(self):
        rows = [(10, "", -1, b""), (10, "", -1, b""), (11, "language", -1, b""), (12, "", -1, b"")]
        self.assertEqual(self.pages(rows, filtered=["language"]), 2)
        self.assertEqual(self.pages([]), 0)
