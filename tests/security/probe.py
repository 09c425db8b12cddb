"""Asking one URL as one role and naming what came back: allowed, refused or an error."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.assertions import assert_refused
from tests.security.urlmap import fill, query_for


def url_for(pattern, world):
    values = fill(pattern, world)
    if "#url" in values:
        url = values["#url"]
    elif any(name.startswith("#") for name in values):
        url = reverse(pattern.name, args=list(values.values()))
    else:
        url = reverse(pattern.name, kwargs=values)
    query = query_for(pattern, world)
    return url + ("?" + urlencode(query) if query else "")


def outcome(response, method="get"):
    if method == "post" and response.status_code == 405:
        return "R"  # a view that takes no POST cannot be made to act by one
    if response.status_code >= 500:
        return "E"
    try:
        assert_refused(response)
    except AssertionError:
        return "A"
    return "R"


def ask(pattern, world, role, method):
    """`role`'s answer from `pattern` for one GET or an empty POST, inside a savepoint that is
    rolled back, so whatever one role changes is gone before the next one asks."""
    client = Client(raise_request_exception=False)
    if role in world["sessions"]:
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]
    url = url_for(pattern, world)
    with transaction.atomic():
        response = getattr(client, method)(url, REMOTE_ADDR="198.51.100.7")
        transaction.set_rollback(True)
    return response


def observe(pattern, world, role, expect):
    """What `role` met, as one letter comparable with the access table: a GET (or, for a view
    that only takes POST, a POST), and for roles that must not act, a POST as well."""
    if expect == "-":
        return "-", None
    response = ask(pattern, world, role, "get")
    if response.status_code == 405:
        response = ask(pattern, world, role, "post")
        got = outcome(response, "post")
        return ("G" if got == "R" and expect == "G" else got), response
    got = outcome(response)
    if expect in ("R", "G") and got != "E":
        posted = outcome(ask(pattern, world, role, "post"), "post")
        if posted != "R":
            return f"{got}, but POST {posted}", response
        return ("G" if got == "A" else got), response
    return got, response
