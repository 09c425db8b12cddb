"""The admin login counts failures per account and per network address, locks out past a
limit (even the right password is refused), says so without revealing whether the account
exists, lets the lock expire, and never logs the name or the address."""

import logging

import pytest
from django.core.cache.backends import locmem

from tests.factories import make_clinic, make_manager

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    settings.LOGIN_FAILURES_PER_ADDRESS = 5
    settings.LOGIN_LOCKOUT_SECONDS = 600
    return settings


@pytest.fixture
def manager(db):
    return make_manager(make_clinic(), "lockout_manager")


def sign_in(client, username, password, address="203.0.113.9"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_right_password_signs_in(client, limits, manager):
    assert signed_in(sign_in(client, "lockout_manager", PASSWORD))


def test_an_account_is_locked_after_too_many_failures_even_with_the_right_password(client, limits, manager):
    for _ in range(3):
        response = sign_in(client, "lockout_manager", "wrong")
        assert response.status_code == 200 and "didn&#x27;t match" in response.content.decode()
    response = sign_in(client, "lockout_manager", PASSWORD)
    assert not signed_in(response)
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "10 minutes" in response.content.decode()


def test_the_lock_is_per_account_from_any_address(client, limits, manager):
    for number in range(3):
        sign_in(client, "Lockout_Manager", "wrong", address=f"198.51.100.{number}")
    assert not signed_in(sign_in(client, "lockout_manager", PASSWORD, address="192.0.2.77"))


def test_the_lock_expires_with_its_window(client, limits, manager, monkeypatch):
    for _ in range(3):
        sign_in(client, "lockout_manager", "wrong")
    assert not signed_in(sign_in(client, "lockout_manager", PASSWORD))
    later = locmem.time.time() + 601
    monkeypatch.setattr(locmem.time, "time", lambda: later)
    assert signed_in(sign_in(client, "lockout_manager", PASSWORD))


def test_one_address_trying_many_accounts_is_locked_out(client, limits, manager):
    for number in range(5):
        sign_in(client, f"someone{number}", "wrong")
    response = sign_in(client, "lockout_manager", PASSWORD)
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert signed_in(sign_in(client, "lockout_manager", PASSWORD, address="192.0.2.200"))


def test_the_lock_out_does_not_reveal_whether_an_account_exists(client, limits, manager):
    answers = {}
    for username in ("lockout_manager", "nobody_has_this_name"):
        for _ in range(3):
            sign_in(client, username, "wrong", address="192.0.2.1")
        answers[username] = sign_in(client, username, "wrong", address="192.0.2.1")
    real, unknown = (answers[name].content.decode() for name in ("lockout_manager", "nobody_has_this_name"))
    assert "Too many failed sign-in attempts" in real and "Too many failed sign-in attempts" in unknown
    assert answers["lockout_manager"].status_code == answers["nobody_has_this_name"].status_code


def test_failures_are_logged_without_the_name_or_the_address(client, limits, manager, caplog):
    with caplog.at_level(logging.INFO, logger="security.login"):
        for _ in range(4):
            sign_in(client, "lockout_manager", "wrong", address="203.0.113.99")
    text = caplog.text
    assert "admin sign-in failed" in text and "locked out" in text
    assert "lockout_manager" not in text and "203.0.113.99" not in text


def test_the_public_site_login_form_setting_points_at_the_limited_form(settings):
    from wagtail.admin.views.account import get_user_login_form

    from security.login import RateLimitedLoginForm

    assert get_user_login_form() is RateLimitedLoginForm


def test_a_successful_sign_in_clears_the_accounts_failures(client, limits, manager):
    for _ in range(2):
        sign_in(client, "lockout_manager", "wrong")
    assert signed_in(sign_in(client, "lockout_manager", PASSWORD))
    client.logout()
    for _ in range(2):
        sign_in(client, "lockout_manager", "wrong")
    assert signed_in(sign_in(client, "lockout_manager", PASSWORD)), "two failures, not four"
