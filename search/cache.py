"""Search answers cached until the index changes, never by guessing a lifetime.

A cached answer is keyed by the request's parameters, the engine and the index
*generation*: a counter bumped whenever what searches read changes — documents stored
(publishing, unpublishing, an approved review's new rating, a licence change: every
write reaches search through search.storage.store), the engine brought up to date
(search.indexing.apply, a rebuild), vocabulary, labels or clinic places edited. So a
published page or an approved review shows on the very next search. Old generations
are never read again and expire. The counter is bumped when the change is written and
again after its transaction commits, so an answer computed from uncommitted or
half-applied state is not served afterwards.

On when INSCOPE_SEARCH["CACHE_SECONDS"] > 0: by default only with REDIS_URL, a cache
every worker shares (an in-process cache would let one worker serve a stale answer).
Degraded answers (the fallback while Elasticsearch is down) are not cached.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "search:generation"


def seconds():
    return int(settings.INSCOPE_SEARCH.get("CACHE_SECONDS") or 0)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates every cached answer
        cache.set(GENERATION_KEY, 1, timeout=None)


def index_changed():
    """Forget every cached answer now and again when the current transaction commits."""
    if not seconds():
        return
    _bump()
    transaction.on_commit(_bump)


def key(params):
    """The cache key of a request's parameters, whatever their order."""
    if hasattr(params, "lists"):
        items = sorted((name, tuple(values)) for name, values in params.lists())
    else:
        items = sorted((name, (str(value),)) for name, value in params.items())
    digest = hashlib.sha256(repr((settings.INSCOPE_SEARCH.get("BACKEND"), items)).encode()).hexdigest()
    return f"search:{generation()}:{digest[:32]}"


def cached_search(params, search):
    """`search()`, or the answer cached for these parameters at this generation."""
    if not seconds():
        return search()
    cache_key = key(params)
    results = cache.get(cache_key)
    if results is None:
        results = search()
        if not results.degraded:
            cache.set(cache_key, results, seconds())
    return results


def remember(name, compute):
    """`compute()` cached at this generation: for what searches read besides documents (vocabulary)."""
    if not seconds():
        return compute()
    cache_key = f"search:{generation()}:{name}"
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, seconds())
    return value
