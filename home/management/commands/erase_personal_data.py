"""Erase everything stored about one e-mail address (home/privacy.py says what is kept and why)."""

from django.core.management.base import BaseCommand, CommandError

from home import privacy


class Command(BaseCommand):
    help = (
        "Erase EMAIL: delete its appointment requests, invitations, unpublished reviews and open applications; "
        "anonymise its published reviews (or delete them with --delete-published-reviews), reports, approved "
        "applications and accounts. Asks first; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--dry-run", action="store_true", help="Count what would change, change nothing.")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--delete-published-reviews",
            action="store_true",
            help="Delete published reviews too (their practitioners' ratings change) instead of anonymising them.",
        )

    def handle(self, *args, email, dry_run, no_input, delete_published_reviews, verbosity, **options):
        if "@" not in email:
            raise CommandError(f"{email!r} is not an e-mail address.")
        found = {kind: queryset.count() for kind, queryset in privacy.records(email).items()}
        self.stdout.write("Found: " + ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in found.items()))
        if not any(found.values()):
            self.stdout.write("Nothing is stored about this address.")
            return
        if not (dry_run or no_input):
            answer = input(f"Type 'erase' to erase everything about {email}: ")
            if answer.strip() != "erase":
                raise CommandError("Nothing was changed.")

        def step(kind, count):
            if verbosity:
                self.stderr.write(f"  {kind}: {count}")

        summary = privacy.erase(email, delete_published=delete_published_reviews, dry_run=dry_run, step=step)
        verb = "Would change" if dry_run else "Done"
        self.stdout.write(f"{verb}: " + ", ".join(f"{count} {action}" for action, count in summary.items()))
