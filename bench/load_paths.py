"""Print the request paths bench/load.sh sends: the search mix of bench/search_latency.py, and profile pages.

python bench/load_paths.py search > /tmp/search.txt
python bench/load_paths.py profile --database-url … > /tmp/profile.txt
"""

import argparse
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import machine  # noqa: E402
from bench.search_latency import search_mix  # noqa: E402

PROFILES = 50


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["search", "profile"])
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    if args.kind == "search":
        for kind, param_sets in search_mix().items():
            for params in param_sets:
                if kind == "deep page":
                    params = {**params, "page": 5}  # exists at every dataset size
                print("/api/search?" + urlencode(params))
        return
    machine.setup_django(args.database_url)
    from directory.models import PractitionerPage

    pages = PractitionerPage.objects.live().order_by("pk")
    count = pages.count()
    step = max(1, count // PROFILES)
    for page in pages.only("url_path", "path")[::step][:PROFILES]:
        print(page.get_url())


if __name__ == "__main__":
    main()
