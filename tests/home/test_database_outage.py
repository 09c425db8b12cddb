"""The database goes away and comes back (issue #7, "Faults").

A private PostgreSQL cluster, migrated, serves the app under gunicorn in a subprocess;
the test stops the cluster, asks for pages and the API, starts it again and asks again.
Pages answer 503 with the site's own page, the API a JSON 503, /healthz 503, and
everything is back to 200 once the database is, without restarting the app.
Runs in the PostgreSQL pass of the suite (it takes a migrate, ~40 s).
"""

from unittest import mock

import pytest
from django.db import IntegrityError, OperationalError, connection

from tests.servers import Gunicorn, PrivatePostgres, fetch, postgres_bin

PAGES = ["/", "/clinics/", "/search/?q=dry+needling"]
STATIC = "/reviews/policy/"  # needs no database, so it keeps working
API = ["/api/search?q=dry+needling", "/api/autocomplete?q=dr"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if postgres_bin() is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    folder = tmp_path_factory.mktemp("outage")
    cluster = PrivatePostgres()
    cluster.init()
    server = None
    try:
        cluster.manage("migrate", "--noinput")
        cluster.manage("load_reference_data")
        # No shared cache: every page must go to the database (a cached search answer would be
        # served while it is down, which is fine for patients but not what this test is about).
        env = {
            "DATABASE_URL": cluster.url,
            "REDIS_URL": "",
            "SEARCH_CACHE_SECONDS": "0",
            "SECURE_SSL_REDIRECT": "0",
            "SECRET_KEY": "outage-test-only",
        }
        server = Gunicorn(env, log=folder / "gunicorn.log")
        yield cluster, server
    finally:
        if server:
            server.stop()
        cluster.remove()


def get(server, path):
    return fetch(server.url + path)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs once, in the suite's PostgreSQL pass")
def test_the_site_answers_503_while_the_database_is_down_and_recovers(site):
    cluster, server = site
    for path in [*PAGES, *API, "/healthz"]:
        assert get(server, path).status_code == 200, path

    cluster.stop()
    for path in PAGES:
        response = get(server, path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "30"
        assert "InScope is temporarily unavailable" in response.text
        assert '<link rel="stylesheet"' in response.text  # the site's page, not a bare error
        assert "Traceback" not in response.text and "OperationalError" not in response.text
    for path in API:
        response = get(server, path)
        assert response.status_code == 503, path
        assert response.json()["errors"]["__all__"] == ["The service is temporarily unavailable; try again shortly."]
    response = get(server, "/healthz")
    assert (response.status_code, response.json()["database"]) == (503, "unreachable")
    assert get(server, STATIC).status_code == 200

    cluster.start()
    for path in [*PAGES, *API, "/healthz"]:
        assert get(server, path).status_code == 200, path


class TestTheErrorHandler:
    """The same handler in-process: only connection-level database errors become 503s."""

    pytestmark = pytest.mark.django_db

    @pytest.fixture
    def client(self, client):
        client.raise_request_exception = False
        return client

    def test_an_unreachable_database_is_a_503_page(self, client):
        with mock.patch("search.views.get_backend", side_effect=OperationalError("connection refused")):
            response = client.get("/search/?q=needling")
        assert response.status_code == 503
        assert "temporarily unavailable" in response.content.decode()

    def test_an_unreachable_database_is_a_json_503_on_the_api(self, client):
        with mock.patch("search.views.get_backend", side_effect=OperationalError("connection refused")):
            response = client.get("/api/search?q=needling")
        assert response.status_code == 503
        assert response.json()["status"] == 503

    def test_any_other_error_stays_a_500(self, client):
        with mock.patch("search.views.get_backend", side_effect=IntegrityError("a bug")):
            response = client.get("/search/?q=needling")
        assert response.status_code == 500
        assert "Something went wrong" in response.content.decode()
        assert "Retry-After" not in response
