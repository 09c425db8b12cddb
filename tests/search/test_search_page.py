"""The search page (/search/): the site's layout, results a patient can use without JavaScript
or map tiles, and a URL that holds the whole query."""

import json
import re
from html import unescape

from django.test import TestCase, override_settings
from django.utils.html import strip_tags

from search import indexing
from tests.search import dataset
from tests.search.test_api import DATABASE


def text_of(html):
    return " ".join(unescape(strip_tags(html)).split())


def links(html):
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', html)]


@override_settings(INSCOPE_SEARCH=DATABASE)
class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = dataset.build()
        indexing.rebuild_all()

    def search(self, status=200, **params):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, status)
        return response.content.decode()

    def test_results_are_cards_in_the_site_layout_with_distance_rating_scope_and_snippets(self):
        html = self.search(q="dry needling sciatica", where="Denver", type="practitioner")
        self.assertIn("css/site.css", html)
        self.assertIn('class="site-header"', html)
        results = html[html.index('id="results-heading"') : html.index('id="facets-heading"')]
        first = results[: results.index("</article>")]
        self.assertIn("Dana Whitfield", first)
        self.assertIn('class="card search-result search-result--practitioner"', first)
        self.assertIn("km away", first)
        self.assertIn('<span class="badge badge--ok">In scope</span>', first)
        self.assertIn("4.8 out of 5 (10 reviews)", text_of(first))
        self.assertIn("<mark>", first)  # the matched words, highlighted
        self.assertIn("Scope not confirmed", results)  # Jo's licence is unverified

    def test_the_map_is_drawn_from_the_results_with_the_sites_leaflet_and_map_script(self):
        html = self.search(q="dry needling", where="Denver", type="practitioner")
        self.assertIn("/static/vendor/leaflet/leaflet.js", html)
        self.assertIn("/static/vendor/leaflet/leaflet.css", html)
        self.assertIn("/static/js/map.js", html)
        self.assertNotIn("search/vendor", html)
        data = re.search(r'<script type="application/json" id="results-map-data">(.*?)</script>', html, re.S)
        places = json.loads(data.group(1))
        self.assertEqual(places[0]["title"], "1. Dana Whitfield")
        self.assertEqual(places[0]["url"], self.pages["dana"].url)
        self.assertIn('data-map-source="results-map-data"', html)

    def test_without_javascript_every_result_facet_sort_and_page_is_a_plain_link(self):
        html = self.search(q="sciatica", where="Denver", page_size=2)
        hrefs = links(html)
        self.assertIn("?q=sciatica&where=Denver&page_size=2&profession=physiotherapist", hrefs)
        self.assertIn("?q=sciatica&where=Denver&page_size=2&sort=distance", hrefs)
        self.assertIn("?q=sciatica&where=Denver&page_size=2&page=2", hrefs)
        self.assertIn(self.pages["dana"].url, hrefs)
        self.assertIn('aria-current="page"', html)
        second = self.search(q="sciatica", where="Denver", page_size=2, page=2)
        self.assertIn('id="result-3"', second)

    def test_facets_show_counts_and_a_chosen_one_can_be_removed(self):
        html = self.search(q="sciatica", where="Denver", profession="physiotherapist")
        facets = html[html.index('id="facets-heading"') :]
        self.assertRegex(text_of(facets), r"Physiotherapist \(\d+\)")
        self.assertIn('aria-current="true"', facets)
        self.assertIn("?q=sciatica&where=Denver", links(facets))  # choosing it again removes it
        self.assertIn("Clear filters", html)

    def test_sorting_by_distance_is_offered_only_with_a_place(self):
        self.assertIn("Distance", text_of(self.search(q="sciatica", where="Denver")).split("Sort by:")[1][:40])
        self.assertNotIn("Distance", text_of(self.search(q="sciatica")).split("Sort by:")[1][:40])

    def test_in_scope_filter_keeps_only_practitioners_licensed_here(self):
        html = self.search(q="dry needling", where="Denver", in_scope="1")
        self.assertIn("Dana Whitfield", html)
        self.assertNotIn("Jo Unverified", html)
        self.assertNotIn("Scope not confirmed", html)

    def test_invalid_parameters_show_the_message_with_status_400(self):
        html = self.search(status=400, where="Denverr")
        self.assertIn("We don&#x27;t know a place called", html)
        self.assertIn('aria-invalid="true"', html)
        self.assertIn('<meta name="robots" content="noindex">', html)
        self.assertIn("Denver, Colorado, United States", html)
        self.search(status=400, sort="distance")  # needs a place
        self.search(status=400, page="0")

    def test_each_suggested_place_is_a_link_that_searches_there(self):
        html = self.search(status=400, q="sciatica", where="Denverr")
        suggestion = next(href for href in links(html) if "where=Denver" in href and "Colorado" in href)
        self.assertEqual(self.client.get("/search/" + suggestion).status_code, 200)

    def test_an_empty_page_shows_the_form_with_the_sites_autocomplete(self):
        html = self.search()
        self.assertIn('role="search"', html)
        self.assertIn('<label for="id_q">What</label>', html)
        self.assertIn('<label for="id_where">Where</label>', html)
        self.assertIn('data-autocomplete="/api/autocomplete"', html)
        self.assertIn("/static/js/autocomplete.js", html)
        self.assertNotIn("results-map-data", html)
