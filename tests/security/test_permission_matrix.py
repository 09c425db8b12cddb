"""Who may reach which URL, for every URL pattern the site has, read from config.urls.

Five roles: an anonymous visitor, the manager of clinic A, the manager of clinic B, a
moderator and a superuser. Every argument in a URL is one of clinic A's real objects, so
manager B's column proves that another clinic's IDs are refused (403/404 or Wagtail's
permission redirect). Expectations are in access_table.py; a new URL that the table does
not name, or whose arguments the matrix cannot fill, fails here until someone decides.
"""

import pytest
from django.db import transaction

from tests.security.access_table import KNOWN_LEAKS, expected
from tests.security.probe import observe
from tests.security.urlmap import CLINIC_A_SECRETS, ROLES, Unfillable, build_world, fill, url_patterns

PATTERNS = url_patterns()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end; each
    test (and each request) runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def test_the_matrix_covers_every_url_pattern_and_role():
    assert len(PATTERNS) > 300, "the URL walk found too few patterns: is it reading config.urls?"
    unnamed = [pattern for pattern in PATTERNS if expected(pattern) is None]
    assert not unnamed, "not in the access table (tests/security/access_table.py):\n" + "\n".join(map(str, unnamed))
    print(f"\npermission matrix: {len(PATTERNS)} URL patterns x {len(ROLES)} roles = {len(PATTERNS) * len(ROLES)}")


@pytest.mark.django_db
def test_every_pattern_can_be_filled_with_real_objects(world):
    unfillable = []
    for pattern in PATTERNS:
        try:
            fill(pattern, world)
        except Unfillable as error:
            unfillable.append(str(error))
    assert not unfillable, "\n".join(unfillable)


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", PATTERNS, ids=str)
def test_each_role_is_allowed_or_refused_as_the_table_says(world, pattern):
    expect = expected(pattern)
    assert expect is not None, f"{pattern} is not in the access table"
    seen, leaks = [], []
    for role, wanted in zip(ROLES, expect, strict=True):
        got, response = observe(pattern, world, role, wanted)
        seen.append(got)
        if pattern.is_admin and role == "manager_b" and got in ("A", "G") and response.status_code == 200:
            content = response.content.decode(errors="replace")
            leaks += [secret for secret in CLINIC_A_SECRETS if secret in content]
    assert "".join(seen) == expect, f"{pattern} ({pattern.name}): expected {expect}, got {seen} for {ROLES}"
    assert leaks == KNOWN_LEAKS.get(pattern.name, []), f"manager B saw clinic A's {leaks} at {pattern}"


def test_a_new_admin_or_public_url_is_caught_until_the_table_names_it():
    from tests.security.urlmap import Pattern

    assert expected(Pattern("admin/new-report/", "new_report", ())) is None
    assert expected(Pattern("feedback/<int:page_id>/", "feedback", ("page_id",))) is None
    assert expected(Pattern("admin/licences/export/", "licences:export", ())) == "R" + "RRR" + "A"


@pytest.mark.django_db
def test_a_url_argument_the_matrix_cannot_fill_is_an_error_not_a_skip(world):
    from tests.security.urlmap import Pattern

    with pytest.raises(Unfillable):
        fill(Pattern("admin/things/<int:thing_id>/", "things:edit", ("thing_id",)), world)
