"""Two-factor authentication (TOTP) for the admin: enrolment shows a secret and an otpauth://
URI and confirms with a code; a user with a confirmed device reaches no admin page until a
code is entered; roles named in TWO_FACTOR_REQUIRED_FOR must enrol first. Codes are made
here from the device's own key, as an authenticator app would."""

import time

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_clinic, make_manager, make_moderator

ENROL = "/admin/two-factor/"
VERIFY = "/admin/two-factor/verify/"
PASSWORD = "correct horse battery staple"


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def sign_in(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


@pytest.fixture
def moderator(db):
    return make_moderator("otp_moderator")


@pytest.fixture
def manager(db):
    return make_manager(make_clinic(), "otp_manager")


def test_a_manager_enrols_with_the_secret_and_a_code_from_it(client, manager):
    client.force_login(manager)
    page = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    assert "otpauth://totp/" in page and "InScope" in page
    assert "<svg" in page, "a QR code of the otpauth:// URI"
    response = client.post(ENROL, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "not right" in response.content.decode()
    time.sleep(1.1)  # django-otp throttles: one second after the first wrong code, doubling after each
    response = client.post(ENROL, {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_with_a_confirmed_device_no_admin_page_opens_before_the_code(client, moderator):
    device = confirmed_device(moderator)
    sign_in(client, moderator)
    for url in ("/admin/", "/admin/moderation/", "/admin/licences/", "/admin/pages/", ENROL, "/admin/account/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), url
    response = client.post(VERIFY + "?next=/admin/moderation/", {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/admin/moderation/"
    assert client.get("/admin/moderation/").status_code == 200


def test_a_wrong_code_is_refused_and_leaves_the_admin_closed(client, manager):
    device = confirmed_device(manager)
    sign_in(client, manager)
    wrong = "123456" if code_for(device) != "123456" else "654321"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200 and "not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_repeated_wrong_codes_are_throttled(client, manager):
    device = confirmed_device(manager)
    sign_in(client, manager)
    wrong = "123456" if code_for(device) != "123456" else "654321"
    for _ in range(3):
        client.post(VERIFY, {"code": wrong})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert "Too many wrong codes" in response.content.decode()


def test_an_open_redirect_through_next_is_refused(client, manager):
    device = confirmed_device(manager)
    sign_in(client, manager)
    response = client.post(VERIFY + "?next=https://evil.example/", {"code": code_for(device)})
    assert response["Location"] == "/admin/"


def test_users_without_a_device_are_not_asked_unless_their_role_requires_it(client, settings, moderator, manager):
    client.force_login(manager)
    assert client.get("/admin/").status_code == 200
    settings.TWO_FACTOR_REQUIRED_FOR = ["moderators"]
    assert client.get("/admin/").status_code == 200, "managers are not in the required roles"
    client.force_login(moderator)
    response = client.get("/admin/moderation/")
    assert response.status_code == 302 and response["Location"].startswith(ENROL)
    assert client.get(ENROL).status_code == 200


def test_a_required_role_cannot_turn_it_off(client, settings, moderator):
    settings.TWO_FACTOR_REQUIRED_FOR = ["moderators"]
    device = confirmed_device(moderator)
    sign_in(client, moderator)
    client.post(VERIFY, {"code": code_for(device)})
    client.post(ENROL, {"action": "disable"})
    assert TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()


def test_anyone_else_may_turn_it_off_after_entering_a_code(client, manager):
    device = confirmed_device(manager)
    sign_in(client, manager)
    client.post(ENROL, {"action": "disable"})
    assert TOTPDevice.objects.filter(user=manager).exists(), "not before the code"
    client.post(VERIFY, {"code": code_for(device)})
    client.post(ENROL, {"action": "disable"})
    assert not TOTPDevice.objects.filter(user=manager).exists()


def test_a_code_from_the_previous_step_still_works_for_clock_drift(client, manager):
    device = confirmed_device(manager)
    sign_in(client, manager)
    response = client.post(VERIFY, {"code": code_for(device, offset=-1)})
    assert response.status_code == 302
