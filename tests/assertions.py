"""Shared assertions that say what 'refused' means here."""


def assert_refused(response):
    """Refused means 403 or 404, or one of Wagtail's own answers: a redirect to the admin
    dashboard with a 'Sorry, you do not have permission' message for an admin user who
    lacks the permission, or to the admin login for a user without admin access.
    Never the page that was asked for, and never a 5xx."""
    if response.status_code in (403, 404):
        return
    assert response.status_code == 302, f"expected a refusal, got {response.status_code}"
    location = response["Location"]
    assert location == "/admin/" or location.startswith("/admin/login/"), f"redirected to {location}, not refused"
