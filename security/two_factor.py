"""Two-factor authentication for the admin: TOTP devices from django-otp, and who must use one.

A user with a confirmed device must enter a code after the password before any admin page
opens (TwoFactorMiddleware); django-otp's OTPMiddleware marks the session as verified. Roles
named in TWO_FACTOR_REQUIRED_FOR ("moderators", "managers", "superusers") must enrol a device
before anything else in the admin. Everyone else may turn it on under Account.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django_otp import user_has_device

from directory.roles import MODERATORS_GROUP

# Reachable while a code is still owed: signing in and out, and what the login page needs.
ALWAYS_OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
VERIFY = "security_two_factor:verify"
ENROL = "security_two_factor:enrol"


def roles_of(user):
    roles = set()
    if user.is_superuser:
        roles.add("superusers")
    names = set(user.groups.values_list("name", flat=True))
    if MODERATORS_GROUP in names:
        roles.add("moderators")
    if user.groups.filter(clinic_team__isnull=False).exists():
        roles.add("managers")
    return roles


def required_for(user):
    """Must this user have a second factor? (settings.TWO_FACTOR_REQUIRED_FOR)"""
    wanted = set(settings.TWO_FACTOR_REQUIRED_FOR)
    return bool(wanted) and bool(wanted & roles_of(user))


def _view_name(request):
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class TwoFactorMiddleware:
    """Keeps an admin user who owes a code (or a device) away from every other admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        owes_code = (
            request.path.startswith("/admin/") and user is not None and user.is_authenticated and not user.is_verified()
        )
        name = _view_name(request) if owes_code else ""
        if owes_code and name not in ALWAYS_OPEN:
            if user_has_device(user, confirmed=True):
                if name != VERIFY:
                    return self.send_to(VERIFY, request)
            elif name != ENROL and required_for(user):
                return self.send_to(ENROL, request)
        return self.get_response(request)

    @staticmethod
    def send_to(view_name, request):
        from django.urls import reverse

        return redirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")
