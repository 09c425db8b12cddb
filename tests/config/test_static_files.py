"""collectstatic under production storage (hashed names) fails on a reference to a missing
file, which would stop the Docker image from building: every source map named must exist."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[2]
APPS = ["home", "directory", "search", "reviews", "onboarding"]


def test_every_source_map_our_static_files_name_is_shipped():
    missing = []
    for app in APPS:
        for path in (ROOT / app / "static").rglob("*"):
            if path.suffix not in (".js", ".css"):
                continue
            for name in re.findall(r"sourceMappingURL=([^\s*]+)", path.read_text(encoding="utf-8", errors="replace")):
                if not (path.parent / name).exists():
                    missing.append(f"{path.relative_to(ROOT)} -> {name}")
    assert missing == []
    assert finders.find("vendor/leaflet/leaflet.js")
