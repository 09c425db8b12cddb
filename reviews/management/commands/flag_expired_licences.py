"""Mark licences whose expiry date has passed as expired, and log each in the audit log.

Only licences that still claim a current right to practise (active, on probation)
are changed; suspended, revoked and the like already say more. Changing the status
returns the licence to 'unverified' (directory.models.Licence), which puts it back in
the moderators' verification queue to check whether it was renewed. Running it
again changes nothing.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from directory.models import Licence
from home.progress import command_progress
from reviews.models import AuditEntry

FLAGGED_STATUSES = (Licence.Status.ACTIVE, Licence.Status.PROBATION)


class Command(BaseCommand):
    help = "Set status 'expired' on licences whose expiry date has passed, logging each (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Treat this date (YYYY-MM-DD) as today.")

    def handle(self, *args, date=None, verbosity=1, **options):
        today = date or datetime.date.today()
        due = Licence.objects.filter(expires_on__lt=today, status__in=FLAGGED_STATUSES).order_by("pk")
        flagged = 0
        for licence in command_progress(list(due), command=self, verbosity=verbosity, desc="Expired licences"):
            with transaction.atomic():
                current = Licence.objects.select_for_update().filter(pk=licence.pk, status__in=FLAGGED_STATUSES).first()
                if current is None:
                    continue
                previous = current.status
                current.status = Licence.Status.EXPIRED
                current.save()
                AuditEntry.record(
                    actor=None,
                    by="flag_expired_licences",
                    action=AuditEntry.Action.LICENCE_EXPIRED,
                    target=current,
                    previous_state=previous,
                    new_state=Licence.Status.EXPIRED,
                    note=f"Expiry date {current.expires_on.isoformat()} passed (checked on {today.isoformat()}).",
                )
                flagged += 1
        if verbosity:
            self.stdout.write(f"Flagged {flagged} licence{'s' if flagged != 1 else ''} as expired.")
