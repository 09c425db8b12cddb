"""Rate limits and the client address they are keyed on, for every public form.

Fixed windows counted in Django's cache: Redis in production (REDIS_URL), so all workers
share them. Keys are HMACs of the address or e-mail under SECRET_KEY, so the cache never
holds either in clear and an IP address cannot be recovered by brute force.

    if not allow(f"appointment:ip:{client_ip(request)}", limit=5, window=3600):
        return too_many_requests()
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's address. Behind N trusted proxies (RATE_LIMIT_TRUSTED_PROXIES), the Nth entry
    from the right of X-Forwarded-For, the one the outermost trusted proxy saw; otherwise
    REMOTE_ADDR. Entries further left are whatever the client sent, and are never trusted."""
    proxies = getattr(settings, "RATE_LIMIT_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def keyed_hash(value):
    """A stable, non-reversible token for an address or e-mail (also stored, e.g. on reviews)."""
    return hmac.new(settings.SECRET_KEY.encode(), str(value).encode(), hashlib.sha256).hexdigest()[:32]


def _key(name):
    return "ratelimit:" + keyed_hash(name)


def count(name):
    return cache.get(_key(name), 0)


def exceeded(name, limit):
    """True when `name` has already been used `limit` times in its current window."""
    return count(name) >= limit


def hit(name, window):
    """Count one more use of `name`; the window starts with the first use. Returns the count."""
    key = _key(name)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def reset(name):
    """Forget `name`'s count (e.g. an account's failed sign-ins once the right password is given)."""
    cache.delete(_key(name))


def allow(name, *, limit, window):
    """Count one attempt; False once `limit` attempts were made in the current window."""
    return hit(name, window) <= limit
