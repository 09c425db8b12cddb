"""Cached search answers: served again until the index changes, never after.

The whole index lifecycle contract runs through the JSON API with the cache on (every
write must reach the next search), plus the two changes patients see most: a page
published and a review approved by a moderator.
"""

from django.conf import settings
from django.core.cache import cache
from django.test import TestCase, override_settings

from reviews.models import Review
from reviews.moderation import decide_review
from search import cache as search_cache
from tests.factories import make_moderator, make_practitioner
from tests.reviews.builders import make_review
from tests.search.lifecycle import IndexLifecycleContract

CACHED = {**settings.INSCOPE_SEARCH, "BACKEND": "search.backends.database.DatabaseBackend", "URL": None}
CACHED["CACHE_SECONDS"] = 300


class CachedSearchThroughTheApi(IndexLifecycleContract, TestCase):
    def search_settings(self):
        return CACHED

    def setUp(self):
        cache.clear()
        super().setUp()

    def found(self, **params):
        response = self.client.get("/api/search", {"page_size": 50, **params}, secure=True)
        self.assertEqual(response.status_code, 200, response.content)
        return [hit["name"] for hit in response.json()["results"]]

    def test_a_repeated_search_is_answered_from_the_cache(self):
        self.found(q="Whitfield")
        with self.assertNumQueries(0, using="default"):
            self.client.get("/api/search", {"page_size": 50, "q": "Whitfield"}, secure=True)

    def test_parameters_in_another_order_share_an_answer(self):
        self.assertEqual(search_cache.key({"q": "a", "type": "clinic"}), search_cache.key({"type": "clinic", "q": "a"}))
        self.assertNotEqual(search_cache.key({"q": "a"}), search_cache.key({"q": "b"}))

    def test_a_published_practitioner_is_found_on_the_next_search(self):
        self.assertEqual(self.found(q="Haddad"), [])
        with self.captureOnCommitCallbacks(execute=True):
            make_practitioner(self.clinic, "Noor Haddad")
        self.assertEqual(self.found(q="Haddad"), ["Noor Haddad"])

    def test_an_approved_review_changes_the_rating_filter_on_the_next_search(self):
        review = make_review(self.dana, rating=5, status=Review.Status.PENDING)
        with self.captureOnCommitCallbacks(execute=True):
            make_review(self.dana, rating=5)  # one approved five-star review already counted
        self.assertEqual(self.found(min_rating=4), ["Dana Whitfield"])
        self.assertEqual(self.found(q="Whitfield")[0], "Dana Whitfield")
        before = self.client.get("/api/search", {"q": "Whitfield"}, secure=True).json()["results"][0]["rating"]
        with self.captureOnCommitCallbacks(execute=True):
            decide_review(review.pk, by=make_moderator(), approve=True)
        after = self.client.get("/api/search", {"q": "Whitfield"}, secure=True).json()["results"][0]["rating"]
        self.assertEqual((before["count"], after["count"]), (1, 2))


@override_settings(INSCOPE_SEARCH={**CACHED, "CACHE_SECONDS": 0})
class UncachedByDefaultWithoutRedis(TestCase):
    def test_without_cache_seconds_every_search_asks_the_backend(self):
        calls = []
        search_cache.cached_search({"q": "x"}, lambda: calls.append("searched"))
        search_cache.cached_search({"q": "x"}, lambda: calls.append("searched"))
        self.assertEqual(calls, ["searched", "searched"])
