"""Profile and clinic page latency and SQL query counts, for the smallest and the largest listings.

    python bench/page_latency.py --database-url postgres://…/inscope_q_100k [--rounds 20]

"Smallest" and "largest" are the live pages with the fewest and the most approved
reviews + licences + locations (+ practitioners, for a clinic): if the query count
grew with any of them, the two rows would differ. Prints a Markdown table and writes
bench/results/pages-<size>-<database>.json.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import machine, timing  # noqa: E402

PRACTITIONER_WEIGHT = """
    SELECT p.page_ptr_id,
        (SELECT COUNT(*) FROM reviews_review r WHERE r.page_id = p.page_ptr_id AND r.status = 'approved') AS reviews,
        (SELECT COUNT(*) FROM directory_licence l WHERE l.practitioner_id = p.page_ptr_id) AS licences,
        (SELECT COUNT(*) FROM directory_practitionerlocation pl WHERE pl.practitioner_id = p.page_ptr_id) AS locations
    FROM directory_practitionerpage p JOIN wagtailcore_page w ON w.id = p.page_ptr_id WHERE w.live
"""
CLINIC_WEIGHT = """
    SELECT c.page_ptr_id,
        (SELECT COUNT(*) FROM reviews_review r WHERE r.page_id = c.page_ptr_id AND r.status = 'approved') AS reviews,
        w.numchild AS practitioners,
        (SELECT COUNT(*) FROM directory_cliniclocation cl WHERE cl.clinic_id = c.page_ptr_id) AS locations
    FROM directory_clinicpage c JOIN wagtailcore_page w ON w.id = c.page_ptr_id WHERE w.live
"""


def extremes(sql, labels):
    """(fewest, most) as (page id, {label: count}) by the sum of the counts."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) counts ORDER BY {' + '.join(labels)}, page_ptr_id")
        rows = cursor.fetchall()
    first, last = rows[0], rows[-1]
    return [(row[0], dict(zip(labels, row[1:], strict=True))) for row in (first, last)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="Defaults to DATABASE_URL, then the SQLite default.")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)

    timing.setup(args.database_url)
    from django.db import connection
    from wagtail.models import Page

    from directory.models import PractitionerPage

    size = PractitionerPage.objects.live().count()
    http = timing.client()
    rows = []
    for kind, sql, labels in (
        ("profile", PRACTITIONER_WEIGHT, ["reviews", "licences", "locations"]),
        ("clinic", CLINIC_WEIGHT, ["reviews", "practitioners", "locations"]),
    ):
        for which, (page_id, counts) in zip(("fewest", "most"), extremes(sql, labels), strict=True):
            url = Page.objects.get(pk=page_id).get_url()
            samples = timing.time_requests(http, url, [{}], args.rounds, warmup=2)
            sql_counts, _ = timing.query_counts(http, url, [{}])
            row = {
                "page": f"{kind} ({which})",
                "counts": counts,
                **timing.summary(samples),
                "sql_queries": sql_counts[0],
            }
            print(row, flush=True)
            rows.append(row)
    result = {"practitioners": size, "database": connection.vendor, "rows": rows, "machine": machine.describe()}
    path = machine.save(f"pages-{size}-{connection.vendor}", result)
    where = result["machine"]
    print(f"\n{size} practitioners, {connection.vendor}, {where['date']}, load {where['load_average']}")
    print("| Page | reviews / licences or practitioners / locations | p50 ms | p95 ms | p99 ms | SQL queries |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        counts = " / ".join(str(v) for v in row["counts"].values())
        print(f"| {row['page']} | {counts} | {row['p50']} | {row['p95']} | {row['p99']} | {row['sql_queries']} |")
    print(f"Details: {path}")


if __name__ == "__main__":
    main()
