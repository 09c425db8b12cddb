"""Our search against Wagtail's built-in search on the same text queries and the same data.

    python bench/against_wagtail.py --database-url URL [--repeat 15] [--update-index]

Key ideas:
- The stock way is what a Wagtail site's search view does (bakerydemo's, say):
  `Page.objects.live().search(q)` on wagtail.search's database backend, then a
  paginator: a count and the first page of 20. Its index comes from `update_index`
  (the page models' search_fields: titles, bios, vocabulary names and synonyms, places).
- Ours is search.views.run(): the same parameter validation, query understanding,
  facets, ratings and the in-scope badge the JSON API answers with, for the same q,
  first page of 20. `--api` also times the whole JSON view through the test client.
- Each query is run once to warm up, then `--repeat` times; we report per query and
  overall median and p95 (ms), SQL queries per search and results found, and the ratio
  of the medians (Wagtail / ours: above 1 means ours is faster).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import machine, timing  # noqa: E402
from bench.queries import TEXT_QUERIES  # noqa: E402

PAGE_SIZE = 20


def timed(function, repeat, guarded=False):
    """(times in ms, SQL queries of the last run, results found); with `guarded` (a statement
    timeout is set) a cancelled search counts as taking the timeout, and found is None."""
    from django.db import OperationalError, connection, reset_queries, transaction

    def once():
        if not guarded:
            return function()
        try:
            with transaction.atomic():  # so that a cancelled query does not break the connection
                return function()
        except OperationalError:  # statement_timeout: PostgreSQL cancelled the query
            return None

    once()  # warm-up: caches, query plans, the first connection
    times, queries, found = [], 0, None
    for _ in range(repeat):
        reset_queries()
        started = time.perf_counter()
        found = once()
        times.append((time.perf_counter() - started) * 1000)
        queries = len(connection.queries)
    return times, queries, found


def wagtail_search(q):
    from django.core.paginator import Paginator
    from wagtail.models import Page

    paginator = Paginator(Page.objects.live().search(q), PAGE_SIZE)
    page = paginator.get_page(1)
    list(page)
    return paginator.count


def our_search(q):
    from search.views import run

    _form, results, errors = run({"q": q})
    if errors:
        raise ValueError(errors)
    return results.total


def our_api(client, q):
    response = client.get("/api/search", {"q": q})
    assert response.status_code == 200, response.content[:300]
    return response.json()["total"]


def summary(times):
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(timing.percentile(times, 0.95), 2)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--update-index", action="store_true", help="Run Wagtail's update_index first (timed).")
    parser.add_argument("--api", action="store_true", help="Also time our JSON view through the test client.")
    parser.add_argument("--label", default="", help="Added to the result file's name.")
    parser.add_argument(
        "--statement-timeout", type=int, default=0, help="PostgreSQL statement_timeout in ms for every search."
    )
    args = parser.parse_args(argv)
    machine.setup_django(args.database_url)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from wagtail.search.models import IndexEntry

    setup_test_environment()  # the test client, and the query log below
    settings.DEBUG = True  # connection.queries counts SQL per search (costs both sides the same)
    settings.ALLOWED_HOSTS = ["*"]
    settings.SECURE_SSL_REDIRECT = False
    # Every repetition computes its answer: search/cache.py would otherwise serve repeats from Redis.
    settings.INSCOPE_SEARCH = {**settings.INSCOPE_SEARCH, "CACHE_SECONDS": 0}
    result = {"database": connection.vendor, "repeat": args.repeat, "queries": {}}
    if args.update_index:
        started = time.monotonic()
        call_command("update_index", verbosity=0)
        result["update_index_seconds"] = round(time.monotonic() - started, 1)
    result["wagtail_index_entries"] = IndexEntry.objects.count()
    if args.statement_timeout and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(args.statement_timeout)}")
        result["statement_timeout_ms"] = args.statement_timeout
    client = Client()
    everything = {"wagtail": [], "ours": [], "ours_api": []}
    for q in TEXT_QUERIES:
        row = {}
        for name, function in (
            ("wagtail", lambda q=q: wagtail_search(q)),
            ("ours", lambda q=q: our_search(q)),
            *([("ours_api", lambda q=q: our_api(client, q))] if args.api else []),
        ):
            times, queries, found = timed(function, args.repeat, guarded=bool(args.statement_timeout))
            everything[name] += times
            row[name] = {**summary(times), "sql_queries": queries, "results": found}
        row["ratio_p50"] = round(row["wagtail"]["p50_ms"] / row["ours"]["p50_ms"], 2)
        result["queries"][q] = row
        print(f"{q:24} wagtail {row['wagtail']}  ours {row['ours']}  ratio {row['ratio_p50']}")
    result["overall"] = {name: summary(times) for name, times in everything.items() if times}
    result["overall"]["ratio_p50"] = round(
        result["overall"]["wagtail"]["p50_ms"] / result["overall"]["ours"]["p50_ms"], 2
    )
    result["overall"]["ratio_p95"] = round(
        result["overall"]["wagtail"]["p95_ms"] / result["overall"]["ours"]["p95_ms"], 2
    )
    from search.models import SearchDocument

    result["documents"] = SearchDocument.objects.count()
    result["machine"] = machine.describe()
    label = f"-{args.label}" if args.label else ""
    path = machine.save(f"against-wagtail-{result['documents']}-{connection.vendor}{label}", result)
    print("overall", result["overall"])
    print(f"Details: {path}")


if __name__ == "__main__":
    main()
