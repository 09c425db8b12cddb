"""The search page in a real browser: list and map side by side, and everything without JavaScript or tiles."""

import json

import pytest

from search import indexing
from tests.search import dataset

pytestmark = pytest.mark.django_db(transaction=True)

QUERY = "/search/?q=dry+needling+sciatica&where=Denver&type=practitioner"


@pytest.fixture
def directory(site):
    pages = dataset.build()
    indexing.rebuild_all()
    return pages


def test_results_and_map_sit_side_by_side_and_the_map_draws_without_tiles(
    browser_page, phone_page, site, directory, screenshots
):
    page = browser_page
    page.goto(site.url + QUERY)
    page.locator(".search-map .map__canvas.leaflet-container").wait_for()  # Leaflet ran; tiles were refused
    places = json.loads(page.locator("#results-map-data").text_content())
    assert page.locator(".search-map .leaflet-marker-icon").count() == len(places) > 0
    results, drawn = page.locator(".search-results").bounding_box(), page.locator(".search-map").bounding_box()
    assert results["x"] + results["width"] <= drawn["x"]  # the map is beside the list, not below it
    assert drawn["y"] < results["y"] + results["height"]
    first = page.locator(".search-results__list > li").first
    assert "Dana Whitfield" in first.inner_text() and "In scope" in first.inner_text()
    assert page.errors == []
    screenshots(page, "search-desktop")

    phone_page.goto(site.url + QUERY)
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshots(phone_page, "search-phone")


def test_without_javascript_the_results_facets_and_pages_work_as_links(chromium, site, directory):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/search/?q=sciatica&where=Denver&page_size=2")
    assert page.locator(".search-results__list > li").count() == 2
    assert page.locator(".search-map .map__canvas").is_hidden()  # no empty box where the map would be

    page.get_by_role("link", name="Accepting new patients").first.click()
    page.wait_for_url("**accepting=1**")
    assert page.locator('.search-facet--accepting a[aria-current="true"]').count() == 1

    page.get_by_role("link", name="Next page").click()
    page.wait_for_url("**page=2**")
    assert "accepting=1" in page.url and page.locator("#result-3").count() == 1

    page.get_by_role("link", name=page.locator("#result-3 h3 a").inner_text()).click()
    assert page.get_by_role("heading", level=1).is_visible()
    context.close()
