"""The deployment files describe a working stack. No Docker engine runs here, so the
compose file and Dockerfile are read and checked rather than started."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_stack_has_postgres_16_elasticsearch_8_redis_and_the_app(compose):
    services = compose["services"]
    assert services["db"]["image"] == "postgres:16"
    assert services["elasticsearch"]["image"].split(":")[-1].startswith("8.")
    assert services["elasticsearch"]["environment"]["discovery.type"] == "single-node"
    assert services["redis"]["image"].startswith("redis:")
    assert services["app"]["build"] == "."


def test_every_service_has_a_health_check(compose):
    for name, service in compose["services"].items():
        assert "healthcheck" in service, f"{name} has no health check"


def test_the_app_waits_for_healthy_dependencies(compose):
    depends = compose["services"]["app"]["depends_on"]
    assert {name: spec["condition"] for name, spec in depends.items()} == {
        "db": "service_healthy",
        "elasticsearch": "service_healthy",
        "redis": "service_healthy",
    }


def test_the_app_is_configured_for_production_through_its_environment(compose):
    env = compose["services"]["app"]["environment"]
    assert env["DEBUG"] == "0"
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
    assert env["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "a missing SECRET_KEY must stop compose"
    for name in ("ALLOWED_HOSTS", "EMAIL_HOST", "DEFAULT_FROM_EMAIL"):
        assert name in env


def test_every_variable_the_app_receives_is_one_settings_reads(compose):
    settings_source = (ROOT / "config" / "settings.py").read_text()
    for name in compose["services"]["app"]["environment"]:
        assert f'"{name}"' in settings_source, f"{name} is passed to the app but settings never read it"


def test_the_image_runs_gunicorn_after_migrating():
    dockerfile = (ROOT / "Dockerfile").read_text()
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    assert "FROM python:3.11" in dockerfile
    assert "gunicorn" in dockerfile and "config.wsgi:application" in dockerfile
    assert "collectstatic" in dockerfile
    assert "migrate --noinput" in entrypoint
    assert 'exec "$@"' in entrypoint
    assert (ROOT / "docker" / "entrypoint.sh").stat().st_mode & 0o111, "entrypoint must be executable"


def test_the_health_check_url_exists(compose):
    assert "/healthz" in " ".join(compose["services"]["app"]["healthcheck"]["test"])


def production_settings():
    """Security-relevant settings as a production deployment (DEBUG=0) sees them."""
    import json

    from tests.config.test_settings import PRODUCTION, run_python

    names = [
        "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "X_FRAME_OPTIONS", "MIDDLEWARE",
        "WAGTAILADMIN_USER_LOGIN_FORM", "SESSION_COOKIE_AGE", "CSP_REPORT_ONLY",
    ]  # fmt: skip
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run_python(code, PRODUCTION)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sessions_and_csrf_follow_the_deployment_checklist():
    seen = production_settings()
    assert seen["SECURE_SSL_REDIRECT"] and seen["SESSION_COOKIE_SECURE"] and seen["CSRF_COOKIE_SECURE"]
    assert seen["SESSION_COOKIE_HTTPONLY"] and seen["CSRF_COOKIE_HTTPONLY"]
    assert seen["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert seen["SECURE_HSTS_SECONDS"] >= 31_536_000 and seen["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert seen["SECURE_CONTENT_TYPE_NOSNIFF"] and seen["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert seen["X_FRAME_OPTIONS"] == "DENY"
    assert seen["SESSION_COOKIE_AGE"] <= 24 * 3600, "an admin session should not outlive a working day by much"
    assert seen["CSP_REPORT_ONLY"] is False, "production enforces its Content-Security-Policy"


def test_production_runs_the_security_middleware_in_the_right_order():
    middleware = production_settings()["MIDDLEWARE"]
    position = middleware.index
    assert position("django.middleware.csrf.CsrfViewMiddleware") < position(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    # django-otp reads the authenticated user; the two-factor gate needs both.
    assert (
        position("django.contrib.auth.middleware.AuthenticationMiddleware")
        < position("django_otp.middleware.OTPMiddleware")
        < position("security.two_factor.TwoFactorMiddleware")
    )
    # Answers before XFrameOptionsMiddleware, so the admin's SAMEORIGIN is not overwritten by DENY.
    assert position("django.middleware.clickjacking.XFrameOptionsMiddleware") < position(
        "security.headers.SecurityHeadersMiddleware"
    )
    assert production_settings()["WAGTAILADMIN_USER_LOGIN_FORM"] == "security.login.RateLimitedLoginForm"
