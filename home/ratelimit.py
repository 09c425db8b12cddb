"""Fixed-window rate limits kept in Django's cache (Redis in production, so every worker shares them).

if not allow(f"appointment:ip:{client_ip(request)}", limit=5, window=3600):
    return too_many_requests()
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's address. Behind N trusted proxies (RATE_LIMIT_TRUSTED_PROXIES), the Nth from the
    right of X-Forwarded-For; otherwise REMOTE_ADDR, which a client cannot forge."""
    proxies = getattr(settings, "RATE_LIMIT_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(name):
    # Hashed: keys hold no e-mail address or IP in clear, and are always a safe length.
    return "ratelimit:" + hashlib.sha256(name.encode()).hexdigest()


def count(name):
    return cache.get(_key(name), 0)


def exceeded(name, limit):
    """True when `name` has already been hit `limit` times in its current window."""
    return count(name) >= limit


def hit(name, window):
    """Count one more use of `name`; the window starts with the first use."""
    key = _key(name)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1
