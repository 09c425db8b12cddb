"""Print (or write) as JSON everything stored about one e-mail address: a subject access request."""

import json

from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from home import privacy


class Command(BaseCommand):
    help = "Export as JSON every review, report, appointment request, application, invitation and account of EMAIL."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, email, output=None, **options):
        data = privacy.export(email)
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            self.stdout.write(text)
        counts = ", ".join(f"{len(rows)} {kind.replace('_', ' ')}" for kind, rows in data.items() if kind != "email")
        self.stderr.write(f"Exported {counts}.")
