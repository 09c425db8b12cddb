"""A fixed-window counter in Django's cache: Redis in production, so every worker shares it."""

from django.core.cache import cache


def client_address(request):
    """REMOTE_ADDR; a deployment behind a proxy must set it from the proxy's header (e.g. gunicorn's)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def allow(scope, identity, *, limit, window_seconds):
    """Count one attempt; False once `limit` attempts were made within the current window."""
    key = f"ratelimit:{scope}:{identity}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
