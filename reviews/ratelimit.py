"""The reviews app's limits, counted by home.ratelimit (shared by every public form)."""

from home import ratelimit

# scope: (how many, per seconds)
LIMITS = {
    "review_per_address": (5, 3600),
    "review_per_email": (3, 86400),
    "report_per_address": (10, 3600),
    "helpful_per_address": (60, 3600),
}


def allow(scope, ident):
    """Count one attempt; False when `ident` has used up its attempts in this window."""
    limit, window = LIMITS[scope]
    return ratelimit.allow(f"reviews:{scope}:{ident}", limit=limit, window=window)
