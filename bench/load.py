"""Load a generated directory of any size into the configured database, batch by batch.

Each batch of clinics is one transaction: the page rows, their child rows, every table
that hangs off them and the clinic index's numchild, so an interrupted run leaves a
valid tree. Rows go through bench.bulk (COPY on PostgreSQL); pages are never saved
one by one, so no signals run: no revisions (Wagtail makes the first on the first
edit), no clinic teams (see docs/BENCHMARKS.md), no search queue. Build the search
documents afterwards with `manage.py search_index rebuild`.
"""

import datetime
import random
import time
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page

from bench import bulk, synthetic
from directory.models import (
    Certification,
    ClinicIndexPage,
    ClinicLocation,
    ClinicPage,
    Fee,
    Licence,
    OpeningHours,
    PractitionerLocation,
    PractitionerPage,
)
from reviews.models import RatingSummary, Review

PAGE = ("id", "path", "depth", "numchild", "title", "draft_title", "slug", "url_path", "live",
        "has_unpublished_changes", "content_type_id", "locale_id", "translation_key", "first_published_at",
        "last_published_at", "search_description")  # fmt: skip
# (row key, model, columns), in an order that satisfies every foreign key.
TABLES = [
    ("page", Page, PAGE),
    ("clinicpage", ClinicPage, ("page_ptr_id", "description", "website", "phone", "email")),
    ("location", ClinicLocation, ("id", "clinic_id", "sort_order", "name", "street_address", "locality", "city",
                                  "postcode", "jurisdiction_id", "latitude", "longitude", "phone", "home_visits",
                                  "home_visit_radius_km", "telehealth", "accepting_new_patients",
                                  "accepting_confirmed_on")),
    ("hours", OpeningHours, ("location_id", "weekday", "opens", "closes")),
    ("clinic_insurance", ClinicPage.insurance_plans.through, ("clinicpage_id", "insuranceplan_id")),
    ("clinic_language", ClinicPage.languages.through, ("clinicpage_id", "language_id")),
    ("practitionerpage", PractitionerPage, ("page_ptr_id", "post_nominals", "bio", "gender", "accepting_new_patients")),
    ("p_profession", PractitionerPage.professions.through, ("practitionerpage_id", "profession_id")),
    ("p_technique", PractitionerPage.techniques.through, ("practitionerpage_id", "technique_id")),
    ("p_condition", PractitionerPage.conditions.through, ("practitionerpage_id", "condition_id")),
    ("p_language", PractitionerPage.languages.through, ("practitionerpage_id", "language_id")),
    ("p_location", PractitionerLocation, ("practitioner_id", "location_id", "sort_order", "schedule_note")),
    ("fee", Fee, ("practitioner_id", "sort_order", "service", "amount", "currency", "duration_minutes")),
    ("certification", Certification, ("practitioner_id", "sort_order", "technique_id", "title", "provider", "hours",
                                      "completed_on")),
    ("licence", Licence, ("practitioner_id", "profession_id", "jurisdiction_id", "number", "status", "issued_on",
                          "expires_on", "verification_status", "verified_at", "verification_source")),
    ("review", Review, ("page_id", "rating", "explanation_rating", "listening_rating", "wait_time_rating",
                        "outcome_rating", "title", "body", "technique_id", "condition_id", "visit_month",
                        "display_name", "email", "email_key", "status", "created_at", "confirmed_at", "decided_at")),
    ("rating", RatingSummary, ("page_id", "count", "average", "stars_1", "stars_2", "stars_3", "stars_4", "stars_5")),
]  # fmt: skip
DEFAULT_SEED = 1729
CLINICS_PER_BATCH = 400


class AlreadyLoaded(RuntimeError):
    pass


def team_sizes(practitioners, seed):
    """About three practitioners per clinic (2-4), the same list for a given seed and size."""
    rng, sizes, left = random.Random(f"{seed}:teams"), [], practitioners
    while left > 0:
        size = min(left, rng.choice([2, 3, 3, 4]))
        sizes.append(size)
        left -= size
    return sizes


def generate(practitioners, seed=DEFAULT_SEED, today=None, progress=None, batch=CLINICS_PER_BATCH):
    """Generate and load `practitioners` practitioners; returns what was written and how fast."""
    if PractitionerPage.objects.exists():
        raise AlreadyLoaded("This database already has practitioners; generate into a fresh, migrated database.")
    index_page = ClinicIndexPage.objects.first()
    if index_page is None:
        raise LookupError("There is no clinic index page (/clinics/): run `manage.py migrate` first.")
    vocabulary = synthetic.Vocabulary()
    content_types = {
        "clinic": ContentType.objects.get_for_model(ClinicPage).pk,
        "practitioner": ContentType.objects.get_for_model(PractitionerPage).pk,
    }
    generator = synthetic.Generator(
        vocabulary,
        seed=seed,
        today=today or datetime.date.today(),
        first_page_id=bulk.next_id(Page),
        first_location_id=bulk.next_id(ClinicLocation),
        locale_id=Locale.get_default().pk,
        content_types=content_types,
    )
    writer, sizes, counts = bulk.Writer(), team_sizes(practitioners, seed), Counter()
    clinic_paths = bulk.Children(index_page)
    timings = Counter()
    started = time.monotonic()
    for start in range(0, len(sizes), batch):
        tick = time.monotonic()
        rows = synthetic.Rows()
        for index in range(start, min(start + batch, len(sizes))):
            generator.clinic(rows, index, sizes[index], clinic_paths)
        timings["generating rows"] += time.monotonic() - tick
        tick = time.monotonic()
        with transaction.atomic():
            for key, model, columns in TABLES:
                counts[model._meta.db_table] += writer.write(model, columns, rows.get(key, []))
            clinic_paths.commit()
        timings["writing rows"] += time.monotonic() - tick
        if progress:
            progress(sum(sizes[start : start + batch]))
    bulk.reset_sequences([Page, ClinicLocation])
    seconds = time.monotonic() - started
    return {
        "practitioners": practitioners,
        "clinics": len(sizes),
        "seed": seed,
        "rows": dict(counts),
        "total_rows": writer.rows,
        "seconds": round(seconds, 1),
        "rows_per_second": round(writer.rows / seconds) if seconds else None,
        "practitioners_per_second": round(practitioners / seconds) if seconds else None,
        "timings": {k: round(v, 1) for k, v in timings.items()},
    }
