"""Security headers on every response: a strict Content-Security-Policy for the public site,
a working one for the Wagtail admin, HSTS, framing, referrer policy, nosniff and
Permissions-Policy; and the cookies Django's deployment checklist asks for."""

import pytest

from security.headers import ADMIN_POLICY, PUBLIC_POLICY
from tests.factories import make_clinic, make_practitioner, make_user


def policy(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.fixture
def profile(db):
    return make_practitioner(make_clinic())


@pytest.mark.django_db
def test_public_pages_get_the_strict_policy(client, profile):
    for url in ("/", "/search/?q=dry+needling", profile.url, "/list-your-clinic/", "/api/search?q=x"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = policy(response)
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert "https://tile.openstreetmap.org" in csp["img-src"]
        assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_style_the_policy_would_block(client, profile):
    """JSON-LD and the map's data are data blocks (never executed, so not subject to
    script-src); anything else inline would be blocked, so there must be none."""
    import re

    clinic_url = profile.get_parent().url
    for url in ("/", "/search/?q=dry+needling&where=Denver", profile.url, clinic_url, "/list-your-clinic/"):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"<style\b", html), url
        assert not re.search(r"\sstyle=\"", html), url
        assert not re.search(r"\son(click|load|submit|change)=", html), url


@pytest.mark.django_db
def test_the_admin_gets_a_policy_wagtail_works_with(client):
    client.force_login(make_user(superuser=True))
    response = client.get("/admin/")
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"] and "'unsafe-inline'" in csp["style-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN", "Wagtail's preview frames admin pages"
    assert policy(client.get("/admin/login/"))["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_every_response_carries_the_other_headers(client, settings):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=(self)" in response["Permissions-Policy"]
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_hsts_is_sent_over_https_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/healthz", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_report_only_mode_sends_the_same_policy_as_report_only(client, settings):
    settings.CSP_REPORT_ONLY = True
    response = client.get("/healthz")
    assert "Content-Security-Policy" not in response
    assert "frame-ancestors 'none'" in response["Content-Security-Policy-Report-Only"]


def test_the_two_policies_differ_only_where_wagtail_needs_it():
    differing = {name for name in ADMIN_POLICY if ADMIN_POLICY[name] != PUBLIC_POLICY.get(name)}
    assert differing == {"script-src", "style-src", "img-src", "frame-src", "frame-ancestors"}


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only_and_same_site(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    user = make_user("cookie_user")
    client.get("/admin/login/")
    response = client.post("/admin/login/", {"username": user.username, "password": "correct horse battery staple"})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["secure"] and session["samesite"] == "Lax"
    client.get("/list-your-clinic/")
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
