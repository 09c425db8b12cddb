"""Add demo reviews, clinic responses, a report and testimonials to the demo directory (idempotent).

Run after seed_demo. The same directory and --seed give the same reviews; a second
run adds nothing. See reviews.demodata.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from directory.models import ClinicPage, PractitionerPage
from home.progress import command_progress
from reviews import demodata


class Command(BaseCommand):
    help = "Add demo reviews (approved and pending), responses, a report and testimonials (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=demodata.DEFAULT_SEED, help="Random seed (default %(default)s)."
        )

    def handle(self, *args, seed, verbosity=1, **options):
        started = time.monotonic()
        clinics = list(ClinicPage.objects.live().order_by("path"))
        practitioners = list(
            PractitionerPage.objects.live().order_by("path").prefetch_related("techniques", "conditions")
        )
        if not clinics:
            raise CommandError("No clinics to review: run `manage.py seed_demo` first.")
        counts = demodata.seed_reviews(
            clinics,
            practitioners,
            seed,
            iterate=lambda pages: command_progress(
                pages, command=self, verbosity=verbosity, desc="Reviews", unit=" pages"
            ),
        )
        if verbosity:
            self.stdout.write(
                f"Created {counts.reviews} published reviews, {counts.pending} waiting for moderation, "
                f"{counts.responses} clinic responses, {counts.testimonials} testimonials and {counts.reports} "
                f"report{'s' if counts.reports != 1 else ''} in {time.monotonic() - started:.1f} s."
            )
