"""Markdown table rows from bench/results/*.json, for docs/BENCHMARKS.md: `python bench/report.py`."""

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def load(pattern):
    for path in sorted(RESULTS.glob(pattern)):
        yield path.name, json.loads(path.read_text())


def main():
    print("| practitioners | database | rows | seconds | rows/s | practitioners/s | load average | date |")
    print("|---|---|---|---|---|---|---|---|")
    for _, r in load("generate-*.json"):
        m = r["machine"]
        print(
            f"| {r['practitioners']:,} | {r['database']} | {r['total_rows']:,} | {r['seconds']} | "
            f"{r['rows_per_second']:,} | {r['practitioners_per_second']:,} | {m['load_average']} | {m['date']} |"
        )
    print()
    print("| file | documents | wall s | docs/s | CPU s | docs/CPU-s | baseline MB | peak MB | growth MB | engine |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in load("rebuild-*.json"):
        engine = ""
        if r.get("engine"):
            engine = f"{r['engine']}: {r['engine_seconds']} s, {r['engine_listings_per_second']} listings/s"
        print(
            f"| {name} | {r['documents']:,} | {r['build_seconds']} | {r['docs_per_second']} | "
            f"{r.get('build_cpu_seconds', '')} | {r.get('docs_per_cpu_second', '')} | {r['baseline_rss_mb']} | "
            f"{r['build_peak_rss_mb']} | {r['build_growth_mb']} | {engine} |"
        )
    print()
    for name, r in load("against-wagtail-*.json"):
        o = r["overall"]
        print(
            f"{name}: {json.dumps(o)} update_index {r.get('update_index_seconds')} s, "
            f"load {r['machine']['load_average']}"
        )


if __name__ == "__main__":
    sys.exit(main())
