"""Generate a benchmark directory: `python bench/generate.py --practitioners 100000 [--database-url URL]`.

Run `manage.py migrate` and `manage.py load_reference_data` on the database first, then
`manage.py search_index rebuild` after; bench/build_dataset.sh does all four. The data
is deterministic (--seed); see bench/synthetic.py for what it holds and bench/bulk.py
for how pages are written without breaking Wagtail's tree.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import machine  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practitioners", type=int, required=True)
    parser.add_argument("--database-url", help="Defaults to DATABASE_URL, then the SQLite default.")
    parser.add_argument("--seed", type=int, default=1729)
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    if args.practitioners < 1:
        parser.error("--practitioners must be at least 1")

    machine.setup_django(args.database_url)
    from django.db import connection
    from tqdm import tqdm

    from bench.load import AlreadyLoaded, generate

    with tqdm(total=args.practitioners, unit="practitioner", disable=args.no_progress, dynamic_ncols=True) as bar:
        try:
            result = generate(args.practitioners, seed=args.seed, progress=bar.update)
        except (AlreadyLoaded, LookupError) as error:
            parser.exit(2, f"{error}\n")
    result.update(database=connection.vendor, machine=machine.describe())
    path = machine.save(f"generate-{args.practitioners}-{connection.vendor}", result)
    print(
        f"{result['practitioners']} practitioners, {result['clinics']} clinics, {result['total_rows']} rows "
        f"in {result['seconds']} s: {result['rows_per_second']} rows/s "
        f"({result['practitioners_per_second']} practitioners/s). Details: {path}"
    )


if __name__ == "__main__":
    main()
