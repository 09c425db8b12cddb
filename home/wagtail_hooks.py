"""Admin and demo wiring for the home app."""

import io

from django.core.management import call_command
from wagtail import hooks


@hooks.register("seed_demo")
def seed_guides(run):
    """seed_demo's step for guides: publish the demo guides (idempotent)."""
    out = io.StringIO()
    call_command("seed_guides", stdout=out)
    run.counts["guide runs"] += 1
