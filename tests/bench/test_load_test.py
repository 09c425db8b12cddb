"""The load test's own logic, run for ten seconds against the live test server.

Not a measurement (bench/load_test.py against gunicorn is): this checks that its patients,
reviews, e-mailed confirmations and moderators really go through, and that its lost-write
check reads what the database holds.
"""

import argparse

import pytest
from django.db import connection

from bench.load_test import Outbox, Run, lost_writes
from reviews.models import Review
from tests.factories import make_clinic, make_moderator, make_practitioner
from tests.reviews.builders import make_review

pytestmark = [
    pytest.mark.usefixtures("full_database"),
    # The live server's threads share one in-memory SQLite connection, so concurrent requests
    # trip over each other's savepoints there; the load test is for PostgreSQL, as in production.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent requests"),
]


def test_a_short_run_submits_confirms_and_approves_without_errors(live_server, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    clinic = make_clinic("Larimer Physio")
    pages = [(p.pk, p.get_url()) for p in (make_practitioner(clinic, n) for n in ("Ana Ruiz", "Ben Cole"))]
    make_review(clinic, status=Review.Status.PENDING, email="waiting@example.net")  # for the moderators at once
    for name in ("mod1", "mod2"):
        user = make_moderator(name)
        user.set_password("load-pass")
        user.save()
    args = argparse.Namespace(duration=10, users=2, moderators=["mod1", "mod2"], password="load-pass", max_requests=400)
    port = int(live_server.url.rsplit(":", 1)[1])
    mix = [("search_api", 1), ("search_page", 1), ("profile", 1), ("review", 2)]
    run = Run(args, port, Outbox(tmp_path), pages, ["Denver"], mix=mix)
    run.go()

    assert run.log.errors == []
    assert run.submitted and run.confirmed and run.approved
    assert lost_writes(run) == []
    # The check can fail: a review the database lost is reported.
    Review.objects.filter(pk=next(iter(run.approved))).delete()
    assert any("did not take effect" in line for line in lost_writes(run))
