"""What a patient sees and does, in a real browser: home, profile, clinic, guide, appointment request."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from directory.models import AppointmentRequest
from tests.factories import make_clinic, make_licence, make_practitioner

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listing(site):
    clinic = make_clinic("Mile High Physio", email="desk@milehigh.example", phone="+1 303 555 0100")
    practitioner = make_practitioner(clinic, "Maya Ortiz", post_nominals="PT, DPT")
    make_licence(practitioner, number="PT-123456")
    return clinic, practitioner


def test_the_home_page_search_puts_the_whole_query_in_the_url(browser_page, phone_page, site, listing, screenshots):
    browser_page.goto(site.url + "/")
    screenshots(browser_page, "home-desktop")
    browser_page.get_by_label("What", exact=True).fill("dry needling sciatica")
    browser_page.get_by_label("Where", exact=True).fill("Denver")
    browser_page.get_by_label("Where", exact=True).press("Enter")
    browser_page.wait_for_url("**/search/**")
    assert browser_page.url.endswith("/search/?q=dry+needling+sciatica&where=Denver")

    phone_page.goto(site.url + "/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshots(phone_page, "home-phone")


def test_autocomplete_suggests_from_the_real_api_fills_the_form_and_opens_a_name(browser_page, site, listing):
    page = browser_page
    page.goto(site.url + "/")
    what = page.get_by_role("combobox", name="What")
    what.press_sequentially("dry need", delay=30)
    option = page.get_by_role("option", name="Dry needling Treatment", exact=True)
    option.wait_for()
    assert what.get_attribute("aria-expanded") == "true"
    assert page.locator("#search-q-suggestions .kind", has_text="Place").count() == 0  # places go in Where
    what.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    what.press("Enter")
    assert what.input_value() == "Dry needling" and page.url == site.url + "/"  # chosen, still on the form

    where = page.get_by_role("combobox", name="Where")
    where.press_sequentially("Denv", delay=30)
    place = page.locator("#search-where-suggestions [role=option]").first
    place.wait_for()
    assert place.locator(".kind").inner_text() == "Place"
    where.press("ArrowDown")
    where.press("Enter")
    assert where.input_value().startswith("Denver")
    where.press("Enter")  # the list is closed: Enter submits the form
    page.wait_for_url("**/search/?q=Dry+needling&where=Denver**")
    assert "Maya Ortiz" in page.locator(".search-results").inner_text()

    page.goto(site.url + "/")
    what.press_sequentially("Maya", delay=30)
    page.get_by_role("option", name="Maya Ortiz Practitioner").wait_for()
    what.press("ArrowDown")
    what.press("Enter")
    page.wait_for_url("**" + listing[1].url)
    assert page.errors == []


def test_autocomplete_stays_silent_when_the_api_fails(browser_page, site, listing):
    browser_page.route("**/api/autocomplete**", lambda route: route.fulfill(status=503, body="down"))
    browser_page.goto(site.url + "/")
    box = browser_page.get_by_label("What", exact=True)
    box.press_sequentially("needling", delay=30)
    browser_page.wait_for_timeout(500)
    assert browser_page.locator("#search-q-suggestions").is_hidden()
    assert browser_page.errors == []


def test_the_profile_shows_the_scope_check_and_draws_its_map_without_tiles(
    browser_page, phone_page, site, listing, screenshots
):
    _, practitioner = listing
    browser_page.goto(site.url + practitioner.url)
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Maya Ortiz, PT, DPT"
    assert "Dry needling: within scope in Colorado" in browser_page.locator(".scope-list").inner_text()
    assert "Verified on" in browser_page.locator("#licences + div table").inner_text()
    browser_page.locator(".map__canvas.leaflet-container").wait_for()  # Leaflet ran; tiles were refused
    assert browser_page.locator(".leaflet-marker-icon").count() == 1
    assert browser_page.errors == []
    screenshots(browser_page, "profile-desktop")

    phone_page.goto(site.url + practitioner.url)
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshots(phone_page, "profile-phone")


def test_the_profile_works_without_javascript(chromium, site, listing):
    _, practitioner = listing
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + practitioner.url)
    assert page.get_by_role("link", name="view on OpenStreetMap (Denver)").count() == 1
    assert page.get_by_role("button", name="Send request").is_visible()
    context.close()


def test_the_clinic_page(browser_page, site, listing, screenshots):
    clinic, _ = listing
    browser_page.goto(site.url + clinic.url)
    assert browser_page.get_by_role("link", name="Maya Ortiz, PT, DPT").is_visible()
    browser_page.locator(".map__canvas.leaflet-container").wait_for()
    screenshots(browser_page, "clinic-desktop")


def test_a_guide_lists_practitioners_near_a_place(browser_page, phone_page, site, listing, screenshots):
    call_command("seed_guides", stdout=io.StringIO())
    browser_page.goto(site.url + "/guides/sciatica/")
    assert "cauda equina syndrome" in browser_page.locator(".callout--warning").first.inner_text()
    browser_page.get_by_label("Near", exact=True).fill("Denver")
    browser_page.get_by_role("button", name="Show practitioners").click()
    browser_page.wait_for_url("**/guides/sciatica/?where=Denver*")
    nearby = browser_page.locator(".nearby")
    assert "Maya Ortiz" in nearby.inner_text() and "In scope" in nearby.inner_text()
    screenshots(browser_page, "guide-desktop")
    phone_page.goto(site.url + "/guides/dry-needling/")
    screenshots(phone_page, "guide-phone")


def test_a_patient_requests_an_appointment_using_only_the_keyboard(browser_page, site, listing, screenshots):
    _, practitioner = listing
    page = browser_page
    page.goto(site.url + practitioner.url)
    page.get_by_label("Your name").focus()
    page.keyboard.type("Sam Patient")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "appt-email"
    page.keyboard.type("sam@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "appt-phone"
    page.keyboard.press("Tab")
    page.keyboard.type("Weekday mornings")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "appt-reason"
    page.keyboard.type("Pain down my left leg.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "appt-consent_to_contact"  # the honeypot is skipped
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Send request"
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/appointments/{practitioner.pk}/sent/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your request has been sent"
    assert "Mile High Physio" in page.locator(".confirmation").inner_text()
    screenshots(page, "appointment-confirmation")
    request = AppointmentRequest.objects.get()
    assert (request.name, request.email, request.practitioner_id) == ("Sam Patient", "sam@example.org", practitioner.pk)
    assert [message.to for message in mail.outbox] == [["desk@milehigh.example"]]


def test_an_incomplete_request_shows_what_to_fix(browser_page, site, listing, screenshots):
    _, practitioner = listing
    browser_page.goto(site.url + practitioner.url)
    browser_page.get_by_label("Your name").fill("Sam")
    browser_page.get_by_role("button", name="Send request").click()
    summary = browser_page.get_by_role("alert")
    summary.wait_for()
    text = summary.inner_text()
    assert "Give an e-mail address or a phone number" in text and "Please agree to be contacted" in text
    assert browser_page.get_by_label("E-mail address").get_attribute("aria-invalid") == "true"
    screenshots(browser_page, "appointment-errors")
    assert not AppointmentRequest.objects.exists()
