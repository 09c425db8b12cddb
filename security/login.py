"""Admin sign-in with rate limits and lock-out (WAGTAILADMIN_USER_LOGIN_FORM).

Failed attempts are counted by home.ratelimit, per submitted user name and per client
address, in fixed windows: after LOGIN_FAILURES_PER_ACCOUNT failures for one name (or
LOGIN_FAILURES_PER_ADDRESS from one address) within LOGIN_LOCKOUT_SECONDS, sign-in is
refused, even with the right password, until the window ends; a successful sign-in clears
the account's count. Names are counted whether or not an account has them, and the message
is the same either way, so the lock-out never tells anyone which accounts exist. Logs carry
keyed hashes, never the name or the address.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.admin.forms.auth import LoginForm

from home import ratelimit

log = logging.getLogger("security.login")

LOCKED_MESSAGE = (
    "Too many failed sign-in attempts. Sign-in is paused for this account or network for "
    "%(minutes)d minutes; try again later, or reset your password."
)


def account_key(username):
    return f"login:account:{username.strip().lower()}"


def address_key(request):
    return f"login:address:{ratelimit.client_ip(request)}"


def locked_out(request, username):
    return ratelimit.exceeded(account_key(username), settings.LOGIN_FAILURES_PER_ACCOUNT) or ratelimit.exceeded(
        address_key(request), settings.LOGIN_FAILURES_PER_ADDRESS
    )


class RateLimitedLoginForm(LoginForm):
    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if self.request is not None and locked_out(self.request, username):
            log.warning(
                "admin sign-in refused while locked out (account %s, address %s)",
                ratelimit.keyed_hash(account_key(username))[:12],
                ratelimit.keyed_hash(address_key(self.request))[:12],
            )
            raise ValidationError(
                LOCKED_MESSAGE, code="locked_out", params={"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60}
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if self.request is not None and username:
                self.count_failure(username)
            raise
        # The right password clears the account's count (not the address's: one address trying
        # many names stays counted).
        ratelimit.reset(account_key(username))
        return cleaned

    def count_failure(self, username):
        window = settings.LOGIN_LOCKOUT_SECONDS
        by_account = ratelimit.hit(account_key(username), window)
        by_address = ratelimit.hit(address_key(self.request), window)
        log.info(
            "admin sign-in failed (account %s: %d, address %s: %d in this window)",
            ratelimit.keyed_hash(account_key(username))[:12],
            by_account,
            ratelimit.keyed_hash(address_key(self.request))[:12],
            by_address,
        )
