"""Shared test set-up: reference data once per database, and an e-mail outbox per test."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the shipped reference data, as a real install does."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", stdout=io.StringIO())


@pytest.fixture(scope="session")
def database_snapshot(django_db_setup, django_db_blocker):
    """The migrated test database with its reference data, serialised once.

    Transactional tests (live server, real concurrency) empty the database after each test,
    and Django's own serialized_rollback cannot restore it when a test's ORM calls come
    through another connection object (Playwright's event loop does that) or after a plain
    transactional test re-created content types. Such tests take `full_database` instead.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def full_database(database_snapshot, transactional_db):
    """A transactional test's database, holding the page tree and reference data as after `migrate`."""
    from django.db import connection
    from wagtail.models import Page

    if not Page.objects.exists():
        # A previous flush re-created content types and permissions; clear them so the copy fits.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(database_snapshot)
        # Rows came back with their ids; move PostgreSQL's sequences past them.
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@pytest.fixture(autouse=True)
def _test_transport(settings):
    """Tests speak plain HTTP and need no collectstatic; production redirects to HTTPS
    and serves hashed files from the manifest."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Rate limits and cached fragments never leak from one test into the next."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def live_server(live_server_settings, live_server):
    """pytest-django's live server, started after plain-HTTP settings are in place: Django's
    security middleware reads them once, when the server builds its handler."""
    return live_server


@pytest.fixture(scope="session")
def live_server_settings():
    from django.test.utils import override_settings

    plain_http = override_settings(SECURE_SSL_REDIRECT=False, CSRF_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False)
    plain_http.enable()
    yield
    plain_http.disable()
