"""Publish the demo guides (home.guidecontent) under /guides/, creating that index if needed.

Idempotent: a guide that exists (by slug) is left as editors have it, unless --update
is given, which publishes the shipped text as a new revision.
"""

from django.core.management.base import BaseCommand, CommandError

from home.guidecontent.publish import MissingPrerequisite, publish_guides


class Command(BaseCommand):
    help = "Create the demo treatment and condition guides (idempotent; --update republishes the shipped text)."

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Replace existing guides' content with ours.")

    def handle(self, *args, update=False, **options):
        try:
            outcome = publish_guides(update=update)
        except MissingPrerequisite as problem:
            raise CommandError(str(problem)) from None
        if outcome.index_created:
            self.stdout.write("Created the guide index at /guides/.")
        self.stdout.write(
            f"Guides: {outcome.created} created, {outcome.updated} updated, {outcome.kept} kept as they were."
        )
