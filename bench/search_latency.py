"""Search and autocomplete latency through the JSON API, for a fixed mix of query kinds.

    python bench/search_latency.py --database-url postgres://…/inscope_q_100k [--backend osmem] [--rounds 5]

Every kind is a fixed list of requests (rotating over the generated data's cities and
words, bench/queries.py), each timed `--rounds` times after one warm-up round, so the
same command answers the same questions on any dataset. Prints a Markdown table and
writes bench/results/search-<size>-<database>-<backend>.json.

`--backend osmem` runs the Elasticsearch backend against osmem-server, an in-memory
*emulator* of Elasticsearch: its latencies say nothing about a real cluster, but its
request count per search (one) is the backend's own.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import machine, timing  # noqa: E402
from bench.queries import TEXT_QUERIES  # noqa: E402

CITIES = ["Denver", "Mumbai", "London", "Toronto", "Sydney", "New York", "Bengaluru", "Seattle"]
PROFESSIONS = ["physiotherapist", "chiropractor", "acupuncturist", "osteopath"]
TECHNIQUES = ["dry-needling", "acupuncture", "spinal-manipulation", "cupping"]


def search_mix():
    """{kind: [params]}: the fixed questions, eight of each kind."""
    words = TEXT_QUERIES[:8]
    return {
        "text": [{"q": q} for q in words],
        "text + place + radius": [{"q": q, "where": city, "radius": 25} for q, city in zip(words, CITIES, strict=True)],
        "filters + facets": [
            {"type": "practitioner", "profession": PROFESSIONS[i % 4], "language": "en", "accepting": 1}
            if i % 2
            else {"gender": "female", "telehealth": 1, "min_rating": 4, "currency": "USD", "fee_max": 150}
            for i in range(8)
        ],
        "in-scope filter": [
            {"technique": TECHNIQUES[i % 4], "in_scope": 1, "where": city, "radius": 50}
            for i, city in enumerate(CITIES)
        ],
        "sort by distance": [{"where": city, "radius": 50, "sort": "distance"} for city in CITIES],
        "deep page": [
            {"q": PROFESSIONS[i % 4], "page": 40 + i, "page_size": 20} if i % 2 else {"page": 40 + i, "sort": "rating"}
            for i in range(8)
        ],
    }


AUTOCOMPLETE_PREFIXES = ["phy", "shar", "den", "dry n", "ced", "pat", "acu", "mum"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="Defaults to DATABASE_URL, then the SQLite default.")
    parser.add_argument("--backend", choices=["database", "osmem"], default="database")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--label", default="", help="Added to the result file name, e.g. 'before'.")
    parser.add_argument("--only", help="Run only the query kinds whose name contains this.")
    args = parser.parse_args(argv)

    timing.setup(args.database_url, elasticsearch=args.backend == "osmem")
    from django.db import connection

    from search.models import SearchDocument

    size = SearchDocument.objects.filter(kind="practitioner").count()
    http = timing.client()
    if args.backend == "osmem":
        with timing.osmem_backend():
            rows = measure(http, args)
    else:
        rows = measure(http, args)
    result = {
        "practitioners": size,
        "database": connection.vendor,
        "backend": "elasticsearch (osmem emulator)" if args.backend == "osmem" else "database",
        "rounds": args.rounds,
        "rows": rows,
        "machine": machine.describe(),
    }
    name = f"search-{size}-{connection.vendor}-{args.backend}" + (f"-{args.label}" if args.label else "")
    path = machine.save(name, result)
    print_table(result)
    print(f"Details: {path}")


def measure(http, args):
    rows = []
    mix = {kind: params for kind, params in search_mix().items() if not args.only or args.only in kind}
    for kind, param_sets in mix.items():
        if kind == "deep page":
            param_sets = deepest_available(http, param_sets)
        rows.append(measure_one(http, "/api/search", kind, param_sets, args.rounds))
    if not args.only or args.only in "autocomplete":
        param_sets = [{"q": prefix} for prefix in AUTOCOMPLETE_PREFIXES]
        rows.append(measure_one(http, "/api/autocomplete", "autocomplete", param_sets, args.rounds * 2))
    return rows


def deepest_available(http, param_sets):
    """The requested page, or the last one when a small dataset has fewer pages."""
    resolved = []
    for params in param_sets:
        first = timing.get(http, "/api/search", {**params, "page": 1}).json()
        resolved.append({**params, "page": min(params["page"], first["num_pages"])})
    return resolved


def measure_one(http, url, kind, param_sets, rounds):
    samples = timing.time_requests(http, url, param_sets, rounds)
    sql, es = timing.query_counts(http, url, param_sets)
    row = {"kind": kind, **timing.summary(samples), "sql_queries": timing.counts_range(sql)}
    if any(es):
        row["es_requests"] = timing.counts_range(es)
    print(row, flush=True)
    return row


def print_table(result):
    es = any("es_requests" in row for row in result["rows"])
    print(
        f"\n{result['practitioners']} practitioners, {result['database']}, {result['backend']}, "
        f"{result['machine']['date']}, load {result['machine']['load_average']}"
    )
    print("| Query kind | n | p50 ms | p95 ms | p99 ms | SQL queries |" + (" ES requests |" if es else ""))
    print("|---|---|---|---|---|---|" + ("---|" if es else ""))
    for row in result["rows"]:
        line = f"| {row['kind']} | {row['n']} | {row['p50']} | {row['p95']} | {row['p99']} | {row['sql_queries']} |"
        print(line + (f" {row.get('es_requests', '0')} |" if es else ""))


if __name__ == "__main__":
    main()
