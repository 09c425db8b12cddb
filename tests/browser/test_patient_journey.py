"""Issue #5's journey in one browser run: a patient searches "dry needling sciatica" near Denver,
filters, opens a profile, requests an appointment and writes a review; a moderator approves it
in the admin; the patient sees the rating and the review. Screenshots of each main page go to
ARTIFACTS_DIR."""

import re

import pytest
from django.core import mail

from directory.models import AppointmentRequest
from reviews.models import Review
from tests.factories import make_clinic, make_licence, make_location, make_moderator, make_practitioner

pytestmark = pytest.mark.django_db(transaction=True)

BOULDER = ("40.015000", "-105.270500")
PASSWORD = "correct horse battery staple"


@pytest.fixture
def denver(site):
    """Denver practitioners who offer dry needling for sciatica, one of them not verified, one in Boulder."""
    from decimal import Decimal

    clinic = make_clinic("Mile High Physio", email="desk@milehigh.example")
    maya = make_practitioner(clinic, "Maya Ortiz", post_nominals="PT, DPT")
    make_licence(maya)
    jo = make_practitioner(clinic, "Jo Pending")
    make_licence(jo, verified=False)  # offers dry needling, but the licence is not verified: not in scope
    lee = make_practitioner(clinic, "Lee Park", techniques=("Manual therapy",), certifications=())
    make_licence(lee)
    boulder = make_clinic("Boulder Spine", location=make_location(city="Boulder", coords=tuple(map(Decimal, BOULDER))))
    make_licence(make_practitioner(boulder, "Far Away Fran"))
    return {"clinic": clinic, "maya": maya}


def test_a_patient_finds_requests_and_reviews_a_practitioner_and_a_moderator_publishes_it(
    chromium, browser_page, site, denver, screenshots
):
    page = browser_page

    # Home: what and where.
    page.goto(site.url + "/")
    screenshots(page, "journey-01-home")
    page.get_by_label("What", exact=True).fill("dry needling sciatica")
    page.get_by_label("Where", exact=True).fill("Denver")
    page.get_by_role("button", name="Search", exact=True).click()

    # Search: the whole query is in the URL; list and map side by side.
    page.wait_for_url("**/search/?q=dry+needling+sciatica&where=Denver")
    page.locator(".search-map .leaflet-container").wait_for()
    results = page.locator(".search-results__list")
    assert "Maya Ortiz" in results.inner_text() and "Jo Pending" in results.inner_text()
    assert "Far Away Fran" not in results.inner_text()  # Boulder is beyond the 25 km radius
    screenshots(page, "journey-02-search-results")

    # Filter: only practitioners whose licence permits dry needling here.
    page.locator(".search-facet--in_scope").get_by_role("link", name=re.compile("^Dry needling")).click()
    page.wait_for_url(re.compile(r"in_scope=1"))
    assert "technique=dry-needling" in page.url
    assert "Jo Pending" not in results.inner_text() and "Lee Park" not in results.inner_text()
    assert "In scope" in results.inner_text()
    screenshots(page, "journey-03-search-filtered")

    # The profile.
    results.get_by_role("link", name="Maya Ortiz").click()
    page.wait_for_url("**" + denver["maya"].url)
    assert page.get_by_role("heading", level=1).inner_text() == "Maya Ortiz, PT, DPT"
    assert "No reviews yet" in page.locator(".profile-head").inner_text()
    screenshots(page, "journey-04-profile")

    # An appointment request.
    page.get_by_label("Your name").fill("Sam Patient")
    page.get_by_label("E-mail address").fill("sam@example.org")
    page.get_by_label("What would you like help with?").fill("Pain down my left leg for three weeks.")
    page.get_by_label("I agree that the clinic may contact me").check()
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url(f"**/appointments/{denver['maya'].pk}/sent/")
    assert AppointmentRequest.objects.get().practitioner_id == denver["maya"].pk
    screenshots(page, "journey-05-appointment-sent")

    # A review, written from the profile.
    page.goto(site.url + denver["maya"].url)
    page.get_by_role("link", name="Write a review of Maya Ortiz").click()
    page.wait_for_url(f"**/reviews/write/{denver['maya'].pk}/")
    screenshots(page, "journey-06-review-form")
    page.get_by_role("group", name="Overall rating").get_by_label("5 stars").check()
    page.get_by_label("Title:", exact=True).fill("Clear plan and real relief")
    page.get_by_label("Your review:", exact=True).fill(
        "She explained what dry needling would and would not do, and the leg pain eased over four visits."
    )
    page.get_by_label("Month of your visit").fill("2026-10")
    page.get_by_label("Name to show with your review").fill("Sam P.")
    page.get_by_label("Your e-mail address").fill("sam@example.org")
    page.get_by_label("This is my own experience").check()
    page.get_by_role("button", name="Send my review").click()
    page.get_by_role("heading", name="Check your e-mail").wait_for()
    assert Review.objects.get().status == Review.Status.UNCONFIRMED

    # The confirmation link from the e-mail (the live server shares this process's outbox).
    message = next(m for m in mail.outbox if m.to == ["sam@example.org"] and "confirm" in m.subject.lower())
    link = re.search(r"https?://\S+/reviews/confirm/\S+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm my review").click()
    page.get_by_role("heading", name=re.compile("your review is confirmed")).wait_for()
    assert Review.objects.get().status == Review.Status.PENDING

    # A moderator approves it in the Wagtail admin's moderation queue.
    moderator = make_moderator("mod")
    admin = chromium.new_context(viewport={"width": 1280, "height": 900})
    staff = admin.new_page()
    staff.goto(site.url + "/admin/login/")
    staff.locator("input[name=username]").fill(moderator.username)
    staff.locator("input[name=password]").fill(PASSWORD)
    staff.locator("form button[type=submit]").click()
    staff.wait_for_url(site.url + "/admin/")
    staff.goto(site.url + "/admin/moderation/")
    item = staff.locator("li.queue-item", has_text="Clear plan and real relief")
    assert "Review of Maya Ortiz" in item.inner_text() and "example.org" in item.inner_text()
    assert "sam@example.org" not in item.inner_text()  # moderators see only the domain
    screenshots(staff, "journey-07-moderation-queue")
    item.get_by_label("Decision").select_option("approve")
    item.get_by_role("button", name="Decide").click()
    staff.wait_for_load_state()
    assert staff.locator("li.queue-item", has_text="Clear plan and real relief").count() == 0
    admin.close()
    assert Review.objects.get().status == Review.Status.APPROVED

    # The patient sees the rating and the review on the profile, and the rating in search results.
    page.goto(site.url + denver["maya"].url)
    head = page.locator(".profile-head").inner_text()
    assert "5.0" in head and "(1 review)" in head
    reviews = page.locator("#reviews")
    assert "Clear plan and real relief" in reviews.inner_text() and "Sam P." in reviews.inner_text()
    screenshots(page, "journey-08-profile-with-review")
    page.goto(site.url + "/search/?q=dry+needling+sciatica&where=Denver")
    assert "5.0 out of 5 (1 review)" in " ".join(page.locator("#result-1").inner_text().split())
    assert page.errors == []


def test_the_clinic_page_shows_its_team_and_reviews(browser_page, site, denver, screenshots):
    browser_page.goto(site.url + denver["clinic"].url)
    assert browser_page.get_by_role("link", name="Maya Ortiz, PT, DPT").is_visible()
    assert browser_page.get_by_role("link", name="Claim this listing").is_visible()
    assert "Write a review of Mile High Physio" in browser_page.locator("#reviews").inner_text()
    screenshots(browser_page, "journey-09-clinic")
