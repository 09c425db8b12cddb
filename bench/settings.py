"""Production settings (config.settings, from the environment) with the bench URLconf (bench/floor_urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"
