"""Fixed-window rate limits in Django's cache (Redis in production, so every worker shares them)."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

# (scope): (how many, per seconds)
LIMITS = {
    "review_per_address": (5, 3600),
    "review_per_email": (3, 86400),
    "report_per_address": (10, 3600),
    "helpful_per_address": (60, 3600),
}


def allow(scope, ident, limits=None):
    """Count one attempt; False when `ident` has used up its attempts in this window."""
    limit, window = (limits or LIMITS)[scope]
    key = f"reviews:rate:{scope}:{keyed_hash(ident)}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def keyed_hash(value):
    """A stable, non-reversible key for an address or e-mail: the raw value is never stored."""
    return hmac.new(settings.SECRET_KEY.encode(), str(value).encode(), hashlib.sha256).hexdigest()[:32]


def client_address(request):
    """The client's address as Django sees it; a deployment behind a proxy sets REMOTE_ADDR correctly."""
    return request.META.get("REMOTE_ADDR", "")
