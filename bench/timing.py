"""Timing requests through the real views: percentiles, SQL query counts, Elasticsearch requests.

Requests go through django.test.Client (the whole middleware stack and URLconf, no
network), so a figure is what a view costs, not what the HTTP server adds: that is
bench/load.sh's job. Query counts are taken on a separate pass, because recording
queries slows the requests being timed.
"""

import os
import statistics
import time
from contextlib import contextmanager

from bench import machine

ES_REQUESTS = [0]  # Elasticsearch HTTP requests made so far, by every client


def setup(database_url=None, elasticsearch=False):
    """Django configured as in docker-compose (DEBUG off, plain HTTP), the test client's host allowed."""
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    machine.setup_django(database_url)
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if elasticsearch:
        _count_elasticsearch_requests()


def client():
    from django.test import Client

    return Client()


def percentile(values, fraction):
    """The nearest-rank percentile, in milliseconds."""
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(samples):
    """p50/p95/p99/mean in ms of samples given in seconds."""
    ms = [s * 1000 for s in samples]
    return {
        "n": len(ms),
        "p50": round(percentile(ms, 0.50), 1),
        "p95": round(percentile(ms, 0.95), 1),
        "p99": round(percentile(ms, 0.99), 1),
        "mean": round(statistics.fmean(ms), 1),
    }


def get(http, url, params=None, expect=200):
    response = http.get(url, params or {})
    if response.status_code != expect:
        raise RuntimeError(f"GET {url} {params} answered {response.status_code}: {response.content[:300]!r}")
    return response


def time_requests(http, url, param_sets, rounds, warmup=1):
    """Seconds per request, `rounds` times over every parameter set (after `warmup` untimed rounds)."""
    for _ in range(warmup):
        for params in param_sets:
            get(http, url, params)
    from search import columns

    columns.wait_for_load()  # a process loads its listing columns once, in a thread, as a server does
    samples = []
    for _ in range(rounds):
        for params in param_sets:
            started = time.perf_counter()
            get(http, url, params)
            samples.append(time.perf_counter() - started)
    return samples


def query_counts(http, url, param_sets):
    """The number of SQL queries (and Elasticsearch requests) each parameter set costs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sql, es = [], []
    for params in param_sets:
        before = ES_REQUESTS[0]
        with CaptureQueriesContext(connection) as captured:
            get(http, url, params)
        sql.append(len(captured.captured_queries))
        es.append(ES_REQUESTS[0] - before)
    return sql, es


def counts_range(values):
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}-{high}"


def _count_elasticsearch_requests():
    from elastic_transport import Urllib3HttpNode

    original = Urllib3HttpNode.perform_request

    def counted(self, *args, **kwargs):
        ES_REQUESTS[0] += 1
        return original(self, *args, **kwargs)

    Urllib3HttpNode.perform_request = counted


@contextmanager
def osmem_backend():
    """The Elasticsearch backend on osmem-server (an in-memory emulator), indexed from the stored documents."""
    from django.conf import settings

    from search.backends import get_backend
    from tests.search.elastic import osmem_config

    clone, config = osmem_config(prefix="bench")
    previous = settings.INSCOPE_SEARCH
    settings.INSCOPE_SEARCH = config
    try:
        started = time.perf_counter()
        get_backend().rebuild()
        print(f"osmem index built in {time.perf_counter() - started:.1f} s", flush=True)
        yield
    finally:
        settings.INSCOPE_SEARCH = previous
        clone.close()
