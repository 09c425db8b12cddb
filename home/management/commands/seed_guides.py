"""Publish the demo guides (home.guidecontent) under /guides/, creating that index if needed.

Idempotent: a guide that exists (by slug) is left as editors have it, unless --update
is given, which publishes the shipped text as a new revision.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.models import Condition, Technique
from home.guidecontent import GUIDES
from home.models import ConditionPage, GuideIndexPage, HomePage, TreatmentPage

INDEX_INTRO = (
    "Plain-language guides to treatments and conditions: what they are, what the evidence says, their risks, "
    "and who may offer them where you live. They are general information, not medical advice."
)


class Command(BaseCommand):
    help = "Create the demo treatment and condition guides (idempotent; --update republishes the shipped text)."

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Replace existing guides' content with ours.")

    @transaction.atomic
    def handle(self, *args, update=False, **options):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("There is no home page. Run `manage.py migrate` first.")
        index = GuideIndexPage.objects.first()
        if index is None:
            index = home.add_child(instance=GuideIndexPage(title="Guides", slug="guides", intro=INDEX_INTRO))
            index.save_revision().publish()
            self.stdout.write("Created the guide index at /guides/.")

        created = updated = kept = 0
        for guide in GUIDES:
            model = TreatmentPage if guide["kind"] == "treatment" else ConditionPage
            fields = self.fields(guide)
            page = model.objects.child_of(index).filter(slug=guide["slug"]).first()
            if page is None:
                page = index.add_child(instance=model(slug=guide["slug"], **fields))
                created += 1
            elif update:
                for name, value in fields.items():
                    setattr(page, name, value)
                updated += 1
            else:
                kept += 1
                continue
            page.save_revision().publish()
        self.stdout.write(f"Guides: {created} created, {updated} updated, {kept} kept as they were.")

    def fields(self, guide):
        fields = {
            "title": guide["title"],
            "summary": guide["summary"],
            "last_reviewed": guide["last_reviewed"],
            "body": guide["body"],
        }
        if guide["kind"] == "treatment":
            fields["technique"] = self.lookup(Technique, guide["technique"])
        else:
            fields["condition"] = self.lookup(Condition, guide["condition"])
        return fields

    def lookup(self, model, name):
        found = model.objects.filter(name=name).first()
        if found is None:
            raise CommandError(f"{model.__name__} '{name}' is missing. Run `manage.py load_reference_data` first.")
        return found
