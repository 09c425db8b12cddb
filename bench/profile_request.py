"""Profile one request through the real view: `python bench/profile_request.py '/api/search?q=dry+needling'`.

Prints pyinstrument's call tree and every SQL query with its time, slowest first,
so a slow path shows whether the time goes to Python or to the database.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import timing  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="Path and query string, e.g. '/api/search?q=acupuncture&where=Denver'.")
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=3, help="Profile this many requests after a warm-up.")
    parser.add_argument("--queries", type=int, default=10, help="Show this many of the slowest SQL queries.")
    args = parser.parse_args(argv)

    timing.setup(args.database_url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    http = timing.client()
    timing.get(http, args.url)  # warm-up: caches, lexicon, gazetteer
    profiler = Profiler(interval=0.0005)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        with profiler:
            for _ in range(args.repeat):
                timing.get(http, args.url)
        elapsed = (time.perf_counter() - started) / args.repeat
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    per_request = len(captured.captured_queries) // args.repeat
    print(f"{elapsed * 1000:.1f} ms and {per_request} SQL queries per request; slowest queries:")
    for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[: args.queries]:
        print(f"{float(query['time']) * 1000:8.1f} ms  {query['sql'][:400]}")


if __name__ == "__main__":
    main()
