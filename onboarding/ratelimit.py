"""A fixed-window counter in Django's cache: Redis in production, so every worker shares it."""

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The client's address. Behind the TLS proxy a deployment declares (SECURE_PROXY_SSL_HEADER),
    REMOTE_ADDR is the proxy's, so the address the proxy appended to X-Forwarded-For is used;
    earlier entries are whatever the client sent and are not trusted."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded.strip():
        return forwarded.split(",")[-1].strip()
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
