"""What the listing columns cost one process: load time and memory of the listings and of every
concept's stored ranks (search/columns.py).

    python bench/columns_load.py --database-url postgres://…/inscope_bench_100k

Writes bench/results/columns-<size>-<database>.json.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import machine  # noqa: E402


def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="Defaults to DATABASE_URL, then the SQLite default.")
    args = parser.parse_args(argv)
    machine.setup_django(args.database_url)
    from django.db import connection

    from search import columns
    from search.models import RankedConcept, SearchDocument

    connection.ensure_connection()
    size = SearchDocument.objects.filter(kind="practitioner").count()
    before = resident_mb()
    started = time.perf_counter()
    copy = columns.load_now()
    load_seconds = time.perf_counter() - started
    with_listings = resident_mb()
    started = time.perf_counter()
    for pk in RankedConcept.objects.values_list("pk", flat=True):
        copy.concept_ranks(pk)
    ranks_seconds = time.perf_counter() - started
    result = {
        "practitioners": size,
        "database": connection.vendor,
        "listings": len(copy),
        "listings_load_seconds": round(load_seconds, 3),
        "listings_array_mb": round(sum(v.nbytes for v in vars(copy).values() if hasattr(v, "nbytes")) / 2**20, 1),
        "listings_resident_mb": round(with_listings - before, 1),
        "concepts": len(copy.ranks),
        "ranks_load_seconds": round(ranks_seconds, 3),
        "ranks_array_mb": round(sum(d.nbytes + r.nbytes for d, r in copy.ranks.values()) / 2**20, 1),
        "ranks_resident_mb": round(resident_mb() - with_listings, 1),
        "machine": machine.describe(),
    }
    path = machine.save(f"columns-{size}-{connection.vendor}", result)
    print(result)
    print(f"Details: {path}")


if __name__ == "__main__":
    main()
