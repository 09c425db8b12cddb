"""Delete appointment requests older than the retention period (APPOINTMENT_RETENTION_DAYS)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from directory.appointments import purge


class Command(BaseCommand):
    help = "Delete appointment requests older than APPOINTMENT_RETENTION_DAYS (or --days) and print how many."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Keep this many days instead (setting: {settings.APPOINTMENT_RETENTION_DAYS}).",
        )

    def handle(self, *args, days, **options):
        days = settings.APPOINTMENT_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        deleted = purge(days)
        noun = "request" if deleted == 1 else "requests"
        self.stdout.write(f"Deleted {deleted} appointment {noun} older than {days} days.")
