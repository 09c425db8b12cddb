"""Fill the site with fictional clinics and practitioners, so every feature has something to show.

Runs after load_reference_data. The same --seed and --practitioners give the same data,
and a second run creates nothing new: clinics and practitioners are found by slug.
Other apps add their own demo steps through the "seed_demo" hook (directory.demodata.run).
"""

import contextlib
import logging
import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail import hooks

from directory.demodata.build import (
    DEFAULT_PASSWORD,
    ReferenceDataMissing,
    assign_manager,
    build_clinic,
    build_practitioner,
    demo_password,
    ensure_users,
    link_other_clinics,
    load_reference,
)
from directory.demodata.plan import DEFAULT_PRACTITIONERS, DEFAULT_SEED, plan_demo
from directory.demodata.run import HOOK_NAME, DemoRun
from directory.models import ClinicIndexPage
from home.progress import command_progress


@contextlib.contextmanager
def quiet(logger_name, enabled=True):
    """Wagtail logs each page's creation, edit and publication at INFO; they would bury the progress bar."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    if enabled:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = "Create fictional demo clinics, practitioners, licences and users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--practitioners",
            type=int,
            default=DEFAULT_PRACTITIONERS,
            help=f"How many practitioners, about three per clinic (default {DEFAULT_PRACTITIONERS}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed; the same seed and size give the same data (default {DEFAULT_SEED}).",
        )

    def handle(self, *args, practitioners, seed, verbosity, **options):
        if practitioners < 0:
            raise CommandError("--practitioners cannot be negative.")
        try:
            reference = load_reference()
        except ReferenceDataMissing as error:
            raise CommandError(str(error)) from error

        with quiet("wagtail", enabled=verbosity < 2):
            self.seed(practitioners, seed, reference, verbosity)

    def seed(self, practitioners, seed, reference, verbosity):
        started = time.monotonic()
        plan = plan_demo(practitioners, seed)
        counts = Counter()
        password = demo_password()
        users = ensure_users(password, counts)
        run = DemoRun(plan=plan, users=users, counts=counts)
        index_page = ClinicIndexPage.objects.get()

        pages = {}
        with command_progress(
            total=len(plan.practitioners), command=self, verbosity=verbosity, desc="Practitioners", unit=""
        ) as progress:
            for clinic_plan in plan.clinics:
                with transaction.atomic():
                    clinic, _ = build_clinic(clinic_plan, index_page, reference, counts)
                    run.clinics.append(clinic)
                    for practitioner_plan in clinic_plan.practitioners:
                        page, _ = build_practitioner(practitioner_plan, clinic, reference, users["moderator"], counts)
                        pages[practitioner_plan.slug, clinic_plan.index] = page
                        run.practitioners.append(page)
                        progress.update()

        link_other_clinics(plan, run.clinics, pages, counts)
        with transaction.atomic():
            managed = assign_manager(users["manager"], run.clinics)
        for step in hooks.get_hooks(HOOK_NAME):
            with transaction.atomic():
                step(run)

        if verbosity:
            self.report(counts, time.monotonic() - started, managed, password)

    def report(self, counts, seconds, managed, password):
        created = ", ".join(f"{counts[key]} {key}" for key in sorted(counts) if counts[key] and "already" not in key)
        present = ", ".join(f"{counts[key]} {key}" for key in sorted(counts) if counts[key] and "already" in key)
        self.stdout.write(f"Created: {created or 'nothing new'}.")
        if present:
            self.stdout.write(f"Kept: {present}.")
        self.stdout.write(f"Done in {seconds:.1f} s.\n")
        site = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        shown = password if password == DEFAULT_PASSWORD else "(from DEMO_PASSWORD)"
        manages = f"manages {managed.title}" if managed else "manages no clinic (no Denver clinic at this size)"
        self.stdout.write(
            self.style.SUCCESS("InScope demo is ready.")
            + f"\n  Site:   {site}"
            + f"\n  Admin:  {site}/admin/"
            + f"\n  Logins (password {shown}):"
            + "\n    admin      superuser"
            + "\n    moderator  Moderators: verifies licences and moderates reviews"
            + f"\n    manager    {manages}"
        )
