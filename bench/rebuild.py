"""Full index rebuild: documents per second and peak memory. `python bench/rebuild.py --database-url URL`.

Key ideas:
- Run as its own process, so its memory is the rebuild's: resident memory is read from
  /proc/self/status after Django is set up (baseline) and the kernel's high-water mark
  (VmHWM) is reset there, so `peak_rss_mb` is the peak during the rebuild itself and
  `growth_mb` what the rebuild added to a process that had already loaded Django.
- Phases timed apart: building the stored documents (search.indexing.rebuild_all, the
  same code `search_index rebuild` runs, which also ranks each chunk's documents for every
  concept on PostgreSQL), ranking every concept over every document at once (as after a
  vocabulary edit or an upgrade; search.concept_ranks), and loading the engine's index.
- `--engine osmem` loads the Elasticsearch backend into osmem-server, an in-memory
  emulator (no JVM): its figures say what our side costs, not what Elasticsearch does.
  osmem runs in this process, so its phase's memory includes the emulator's index.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import machine  # noqa: E402


def rss_mb(field="VmRSS"):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return None


def reset_peak():
    """Make VmHWM start again from the current resident size (Linux 4.0+)."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


def backend_cpu_seconds():
    """CPU time of this connection's PostgreSQL server process (same machine), or None."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def use_osmem():
    from django.conf import settings
    from osmem_server import OsmemServer

    server = OsmemServer.start(freeze=False)
    settings.INSCOPE_SEARCH = {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "URL": server.url,
        "INDEX_PREFIX": "bench",
        "TIMEOUT": 60,
        "NODE_CLASS": "tests.search.elastic.PlainJsonNode",
    }
    return server


def build_only(args, documents, connection):
    """Build every document and drop it: CPU time of building alone, memory of streaming alone."""
    baseline = rss_mb()
    reset_peak()
    builder = documents.DocumentBuilder()
    started, cpu = time.monotonic(), time.process_time()
    built = sum(1 for _ in builder.practitioners()) + sum(1 for _ in builder.clinics())
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    result = {
        "label": args.label,
        "database": connection.vendor,
        "documents": built,
        "build_only_seconds": round(seconds, 2),
        "build_only_cpu_seconds": round(cpu, 2),
        "docs_per_second": round(built / seconds),
        "docs_per_cpu_second": round(built / cpu),
        "baseline_rss_mb": round(baseline, 1),
        "peak_rss_mb": round(rss_mb("VmHWM"), 1),
        "growth_mb": round(rss_mb("VmHWM") - baseline, 1),
        "machine": machine.describe(),
    }
    path = machine.save(f"build-only-{built}-{connection.vendor}{'-' + args.label if args.label else ''}", result)
    print({k: v for k, v in result.items() if k != "machine"})
    print(f"Details: {path}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--chunk-size", type=int, default=None)
    parser.add_argument("--engine", choices=["database", "osmem", "none"], default="database")
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="Only build the documents in memory (nothing stored): the builder's own CPU cost.",
    )
    args = parser.parse_args(argv)
    machine.setup_django(args.database_url)
    from django.db import connection

    from search import concept_ranks, documents, indexing
    from search.backends import get_backend
    from search.models import ConceptRank, SearchDocument, SearchListing

    emulator = use_osmem() if args.engine == "osmem" else None
    chunk_size = args.chunk_size or documents.CHUNK_SIZE
    SearchDocument.objects.exists()  # connect, and load the models, before the baseline
    baseline = rss_mb()
    peak_resettable = reset_peak()

    if args.build_only:
        return build_only(args, documents, connection)
    server = backend_cpu_seconds()
    started, cpu = time.monotonic(), time.process_time()
    written = indexing.rebuild_all(chunk_size=chunk_size)
    build_seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    server = backend_cpu_seconds() - server if server is not None else None
    build_peak = rss_mb("VmHWM") if peak_resettable else None
    result = {
        "label": args.label,
        "database": connection.vendor,
        "documents": written,
        "listings": SearchListing.objects.count(),
        "chunk_size": chunk_size,
        "build_seconds": round(build_seconds, 2),
        "docs_per_second": round(written / build_seconds) if build_seconds else None,
        # This process's CPU only (PostgreSQL's work is not in it): what the machine's load does not change.
        "build_cpu_seconds": round(cpu, 2),
        "docs_per_cpu_second": round(written / cpu) if cpu else None,
        # The PostgreSQL server process's CPU for this connection: index maintenance, COPY, queries.
        "build_server_cpu_seconds": round(server, 2) if server is not None else None,
        "docs_per_total_cpu_second": round(written / (cpu + (server or 0))) if cpu else None,
        "baseline_rss_mb": round(baseline, 1),
        "build_peak_rss_mb": round(build_peak, 1) if build_peak else None,
        "build_growth_mb": round(build_peak - baseline, 1) if build_peak else None,
    }
    if concept_ranks.enabled():
        # The rebuild above ranked each chunk's documents as it stored them; this is the other way a
        # concept gets ranked: all at once over every document, as after an edit or an upgrade.
        started = time.monotonic()
        ranked = concept_ranks.refresh(list(concept_ranks.concept_names()))
        result.update(
            concepts_ranked=len(ranked),
            concept_rank_seconds=round(time.monotonic() - started, 2),
            concept_rank_rows=ConceptRank.objects.count(),
        )
    if args.engine != "none":
        reset_peak()
        backend = get_backend()
        before = rss_mb()
        started = time.monotonic()
        info = backend.rebuild() or {}
        seconds = time.monotonic() - started
        result.update(
            engine=backend.name + (" (osmem-server emulator)" if emulator else ""),
            engine_seconds=round(seconds, 2),
            engine_listings_per_second=round(result["listings"] / seconds) if seconds else None,
            engine_peak_rss_mb=round(rss_mb("VmHWM"), 1),
            engine_growth_mb=round(rss_mb("VmHWM") - before, 1),
            engine_info={k: v for k, v in info.items() if k != "index"},
        )
    import resource

    result["ru_maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["machine"] = machine.describe()
    name = f"rebuild-{result['documents']}-{connection.vendor}-{args.engine}{'-' + args.label if args.label else ''}"
    path = machine.save(name, result)
    print({k: v for k, v in result.items() if k != "machine"})
    print(f"Details: {path}")
    if emulator:
        emulator.close()


if __name__ == "__main__":
    main()
