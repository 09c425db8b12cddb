"""The live server speaks plain HTTP here, as in tests/browser/conftest.py: Django's security
middleware reads these settings once, when the server builds its handler."""

import pytest


@pytest.fixture(scope="session")
def live_server(live_server_settings, live_server):
    return live_server


@pytest.fixture(scope="session")
def live_server_settings():
    from django.test.utils import override_settings

    plain_http = override_settings(SECURE_SSL_REDIRECT=False, CSRF_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False)
    plain_http.enable()
    yield
    plain_http.disable()
