"""The admin's two-factor pages: enrol a TOTP device (secret, otpauth:// URI, QR code) and
enter a code after signing in."""

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.two_factor import required_for


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label="Six-digit code from your authenticator app",
        error_messages={"invalid": "Enter the six digits your authenticator app shows."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": ""}),
    )


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _check(device, form):
    """True when the code is right; a throttled device says so instead of checking."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", "Too many wrong codes: wait a few seconds (longer after each one), then try again.")
        return False
    if device.verify_token(form.cleaned_data["code"].strip()):
        return True
    form.add_error("code", "That code is not right, or has expired. Try the current one.")
    return False


@require_http_methods(["GET", "POST"])
def enrol(request):
    user = request.user
    confirmed = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if confirmed is not None:
        if request.method == "POST" and request.POST.get("action") == "disable" and not required_for(user):
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, "Two-factor authentication is off.")
            return redirect("security_two_factor:enrol")
        return TemplateResponse(
            request, "security/two_factor.html", {"device": confirmed, "required": required_for(user)}
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, "Two-factor authentication is on: you will enter a code each time you sign in.")
        return redirect(_next(request))
    uri = device.config_url
    context = {
        "form": form,
        "secret": _base32(device.bin_key),
        "uri": uri,
        "qr_svg": segno.make(uri, error="m").svg_inline(scale=4),
        "required": required_for(user),
        "next": _next(request),
    }
    return TemplateResponse(request, "security/enrol.html", context)


@require_http_methods(["GET", "POST"])
def verify(request):
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('security_two_factor:enrol')}")
    if request.user.is_verified():
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(device, form):
        otp_login(request, device)
        return redirect(_next(request))
    return TemplateResponse(request, "security/verify.html", {"form": form, "next": _next(request)})


def _base32(key):
    import base64

    return base64.b32encode(key).decode().rstrip("=")
