"""One Markdown table from several bench/search_latency.py results, side by side.

    python bench/latency_report.py bench/results/search-10000-postgresql-database.json …

A column per result file (dataset, database, backend), a row per query kind, each cell
"p50 / p95 / p99 ms (SQL queries)"; under the table, each run's date, load average and commit.
"""

import json
import sys
from pathlib import Path


def label(result, path=""):
    size = result["practitioners"]
    size = f"{size // 1000}k" if size >= 1000 else str(size)
    database = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(result["database"], result["database"])
    backend = "osmem (emulator)" if "osmem" in result["backend"] else "database backend"
    parts = Path(path).stem.split("-")
    run = f" ({'-'.join(parts[4:])})" if len(parts) > 4 else ""
    return f"{size}, {database}, {backend}{run}"


def main(paths):
    results = [json.loads(Path(path).read_text()) for path in paths]
    labels = [label(result, path) for result, path in zip(results, paths, strict=True)]
    kinds = list(dict.fromkeys(row["kind"] for result in results for row in result["rows"]))
    print("| Query kind | " + " | ".join(labels) + " |")
    print("|---" * (len(results) + 1) + "|")
    for kind in kinds:
        cells = []
        for result in results:
            row = next((row for row in result["rows"] if row["kind"] == kind), None)
            if row is None:
                cells.append("not measured")
                continue
            extra = f", {row['es_requests']} ES request" if row.get("es_requests") else ""
            cells.append(f"{row['p50']} / {row['p95']} / {row['p99']} ({row['sql_queries']} SQL{extra})")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print()
    for result, name in zip(results, labels, strict=True):
        m = result["machine"]
        print(
            f"- {name}: {m['date']}, load average {', '.join(map(str, m['load_average']))}, "
            f"{result['rounds']} timed round(s) of 8 requests per kind, commit at the end of the run {m['commit']}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
