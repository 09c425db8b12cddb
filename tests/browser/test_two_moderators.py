"""Two moderators in two browsers decide the same review (issue #7): the stale tab is told who
decided, and the decision is logged once."""

import pytest

from reviews.models import AuditEntry, Review
from tests.factories import make_clinic, make_moderator, make_practitioner
from tests.reviews.builders import make_review

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery staple"


def moderator_tab(chromium, site, username):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site.url + "/admin/login/")
    tab.locator("input[name=username]").fill(make_moderator(username).username)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url(site.url + "/admin/")
    tab.goto(site.url + "/admin/moderation/")
    return context, tab


def test_the_second_moderators_stale_tab_is_told_and_the_decision_is_logged_once(chromium, site):
    practitioner = make_practitioner(make_clinic("Larimer Physio"), "Dr Ana Ruiz")
    review = make_review(practitioner, status=Review.Status.PENDING, title="Stale tab check", rating=2)
    first, tab_ana = moderator_tab(chromium, site, "ana")
    second, tab_ben = moderator_tab(chromium, site, "ben")
    try:
        item_ana = tab_ana.locator("li.queue-item", has_text="Stale tab check")
        item_ben = tab_ben.locator("li.queue-item", has_text="Stale tab check")
        item_ana.get_by_label("Decision").select_option("approve")
        item_ana.get_by_role("button", name="Decide").click()
        tab_ana.wait_for_load_state()

        item_ben.get_by_label("Decision").select_option("reject")  # Ben's tab still shows it pending
        item_ben.get_by_label("Reason to reject").select_option("not_genuine")
        item_ben.get_by_role("button", name="Decide").click()
        tab_ben.wait_for_load_state()
        message = tab_ben.locator(".messages").inner_text()
        assert "This review was already decided by ana: it is now published." in message
        assert tab_ben.locator("li.queue-item", has_text="Stale tab check").count() == 0
    finally:
        first.close()
        second.close()
    review.refresh_from_db()
    assert (review.status, review.decided_by.username) == (Review.Status.APPROVED, "ana")
    assert AuditEntry.objects.filter(target_id=str(review.pk)).count() == 1
