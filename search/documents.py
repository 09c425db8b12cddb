"""Turn directory pages into search documents: the one builder both engines read.

Key ideas:
- Practitioners are built in chunks with everything prefetched, and the scope check
  runs with prefetched licences and per-jurisdiction rules, so a chunk costs a fixed
  number of queries however large it is.
- Scope is decided per location: a listing carries `in_scope:<technique>` only when
  check_scope permits that technique in that location's jurisdiction.
- Clinics are built after their practitioners, from the practitioners' stored
  listings (what is offered and in scope at each of the clinic's addresses).
- search.storage writes what is built here.
"""

import collections
import datetime
import functools
import html

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from directory.models import (
    Certification,
    ClinicLocation,
    ClinicPage,
    Condition,
    Fee,
    Language,
    Licence,
    PractitionerLocation,
    PractitionerPage,
    Profession,
    ScopeRule,
    Technique,
)
from directory.money import format_money
from directory.scope import PERMITTED, check_scope
from reviews.models import RatingSummary
from search.models import SearchDocument, SearchListing
from search.storage import Built, FeeRow, ListingRow

CHUNK_SIZE = 500
CLINIC_INFO_LIMIT = 5000  # clinics remembered between practitioner chunks


class _Practitioner:
    """A practitioner page's fields and relations as plain values: what documents need, and
    `training_hours()`, the one method the scope check calls on a practitioner."""

    def __init__(self, row):
        self.__dict__.update(row)
        self.professions, self.techniques, self.conditions, self.languages = [], [], [], []
        self.fees, self.certifications, self.licences, self.links = [], [], [], []

    GENDERS = dict(PractitionerPage.Gender.choices)

    def get_gender_display(self):
        return self.GENDERS.get(self.gender, "")

    def training_hours(self, technique):
        family = technique.family_ids()
        return sum((hours for technique_id, hours in self.certifications if technique_id in family), start=0)


@functools.lru_cache(maxsize=4096)
def formatted_money(amount, currency):
    return format_money(amount, currency)


# What a document takes from a RatingSummary, without a model instance per page.
_Rating = collections.namedtuple("_Rating", "average count")


def tag(facet, value):
    return f"{facet}:{value}"


def plain_text(rich_text):
    # A space between blocks, so "<p>…exercise.</p><p>Consults…" keeps its words apart.
    return " ".join(html.unescape(strip_tags((rich_text or "").replace("><", "> <"))).split())


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class DocumentBuilder:
    """Builds documents for many pages with a fixed number of queries per chunk."""

    def __init__(self, today=None):
        self.today = today or datetime.date.today()
        self.techniques = {t.pk: t for t in Technique.objects.all()}
        for technique in self.techniques.values():
            # Share one instance per technique so lineage() and family_ids() never query.
            technique.parent = self.techniques.get(technique.parent_id)
        for technique in self.techniques.values():
            technique._family_ids = {t.pk for t in self.techniques.values() if technique in t.lineage()}
        for technique in self.techniques.values():
            # The scope check walks lineages tens of thousands of times per rebuild; these shared
            # instances' parents do not change during a build, so each walks once.
            technique.lineage = functools.partial(list, technique.lineage())
        self.rules_by_jurisdiction = {}
        for rule in ScopeRule.objects.all():
            self.rules_by_jurisdiction.setdefault(rule.jurisdiction_id, []).append(rule)
        self.vocabulary = {model: {o.pk: o for o in model.objects.all()} for model in (Profession, Condition, Language)}
        self.clinic_info = {}  # clinic id -> (title, live, insurance slugs)
        self._root_paths = [(root_path, root_url) for _, root_path, root_url, _ in Site.get_site_root_paths()]

    # -- shared helpers -------------------------------------------------------------

    def page_url(self, page):
        for root_path, _root_url in self._root_paths:
            if page.url_path.startswith(root_path):
                return "/" + page.url_path[len(root_path) :]
        return page.url_path

    def ratings(self, page_ids):
        rows = RatingSummary.objects.filter(page_id__in=page_ids).values_list("page_id", "average", "count")
        return {page_id: _Rating(average, count) for page_id, average, count in rows}

    def lineage_slugs(self, technique_ids):
        slugs = []
        for pk in technique_ids:
            for technique in self.techniques[pk].lineage():
                if technique.slug not in slugs:
                    slugs.append(technique.slug)
        return slugs

    def location_listing(self, location, tags):
        return ListingRow(
            location_id=location.pk,
            latitude=float(location.latitude),
            longitude=float(location.longitude),
            tags=" ".join(sorted(set(tags))),
            label=location.label,
            address=location.one_line_address,
        )

    # -- practitioners -------------------------------------------------------------

    def practitioners(self, page_ids=None, chunk_size=CHUNK_SIZE):
        """Yield Built practitioners, `chunk_size` pages at a time, from plain rows.

        Model instances of Wagtail pages and modelcluster prefetches cost more than the
        documents themselves; a chunk is a dozen flat queries whatever its size.
        """
        pages = PractitionerPage.objects.live().order_by("pk")
        if page_ids is not None:
            pages = pages.filter(pk__in=page_ids)
        # Keyset pagination: one chunk of ids at a time, so memory does not grow with the directory.
        last = None
        while True:
            chunk = pages if last is None else pages.filter(pk__gt=last)
            ids = list(chunk.values_list("pk", flat=True)[:chunk_size])
            if not ids:
                return
            last = ids[-1]
            yield from self._practitioner_chunk(ids)

    def _practitioner_chunk(self, ids):
        fields = ("pk", "title", "path", "url_path", "gender", "accepting_new_patients", "post_nominals", "bio")
        # Chunks are pk ranges: a range lookup costs nothing to build, where `IN (500 ids)`
        # costs more than the query. Rows of pages outside the chunk (drafts) are skipped.
        wanted, span = set(ids), (ids[0], ids[-1])
        rows = PractitionerPage.objects.filter(pk__gte=span[0], pk__lte=span[1]).order_by("pk").values(*fields)
        pages = [_Practitioner(row) for row in rows if row["pk"] in wanted]
        by_id = {page.pk: page for page in pages}
        through = PractitionerPage.professions.through
        for attr, model, field in (
            ("professions", through, "profession_id"),
            ("techniques", PractitionerPage.techniques.through, "technique_id"),
            ("conditions", PractitionerPage.conditions.through, "condition_id"),
            ("languages", PractitionerPage.languages.through, "language_id"),
        ):
            for page_id, value in model.objects.filter(
                practitionerpage_id__gte=span[0], practitionerpage_id__lte=span[1]
            ).values_list("practitionerpage_id", field):
                if page_id in by_id:
                    getattr(by_id[page_id], attr).append(value)
        for page_id, currency, amount in Fee.objects.filter(
            practitioner_id__gte=span[0], practitioner_id__lte=span[1]
        ).values_list("practitioner_id", "currency", "amount"):
            if page_id in by_id:
                by_id[page_id].fees.append((currency, amount))
        for page_id, technique_id, hours in Certification.objects.filter(
            practitioner_id__gte=span[0], practitioner_id__lte=span[1]
        ).values_list("practitioner_id", "technique_id", "hours"):
            if page_id in by_id:
                by_id[page_id].certifications.append((technique_id, hours))
        for licence in Licence.objects.filter(practitioner_id__gte=span[0], practitioner_id__lte=span[1]):
            if licence.practitioner_id in by_id:
                licence.profession = self.vocabulary[Profession][licence.profession_id]
                by_id[licence.practitioner_id].licences.append(licence)
        links = [
            (page_id, location_id)
            for page_id, location_id in PractitionerLocation.objects.filter(
                practitioner_id__gte=span[0], practitioner_id__lte=span[1]
            )
            .order_by("sort_order", "pk")
            .values_list("practitioner_id", "location_id")
            if page_id in by_id
        ]
        if len(self.clinic_info) > CLINIC_INFO_LIMIT:  # chunks go in pk order: older clinics are done
            self.clinic_info.clear()
        locations = self.locations({location_id for _, location_id in links})
        for page_id, location_id in links:
            location = locations.get(location_id)
            if location is not None and self.clinic_info[location.clinic_id][1]:
                by_id[page_id].links.append(location)
        rows = RatingSummary.objects.filter(page_id__gte=span[0], page_id__lte=span[1])
        ratings = {
            page_id: _Rating(average, count)
            for page_id, average, count in rows.values_list("page_id", "average", "count")
            if page_id in by_id
        }
        parents = dict(
            Page.objects.filter(path__in={p.path[: -Page.steplen] for p in pages}).values_list("path", "title")
        )
        for page in pages:
            yield self.build_practitioner(page, ratings.get(page.pk), parents.get(page.path[: -Page.steplen], ""))

    def locations(self, location_ids):
        """{id: ClinicLocation} with jurisdictions, remembering each clinic's title, liveness and plans."""
        found = {
            loc.pk: loc for loc in ClinicLocation.objects.filter(pk__in=location_ids).select_related("jurisdiction")
        }
        missing = {loc.clinic_id for loc in found.values()} - set(self.clinic_info)
        if missing:
            for pk, title, live in Page.objects.filter(pk__in=missing).values_list("pk", "title", "live"):
                self.clinic_info[pk] = (title, live, [])
            for clinic_id, slug in ClinicPage.insurance_plans.through.objects.filter(
                clinicpage_id__in=missing
            ).values_list("clinicpage_id", "insuranceplan__slug"):
                self.clinic_info[clinic_id][2].append(slug)
        return found

    def build_practitioner(self, page, rating, clinic_title):
        professions = [self.vocabulary[Profession][pk] for pk in page.professions]
        conditions = [self.vocabulary[Condition][pk] for pk in page.conditions]
        languages = [self.vocabulary[Language][pk] for pk in page.languages]
        offered = [self.techniques[pk] for pk in page.techniques]
        technique_slugs = self.lineage_slugs([t.pk for t in offered])
        licences = page.licences

        page_tags = [tag("type", "practitioner"), tag("gender", page.gender)]
        page_tags += [tag("profession", p.slug) for p in professions]
        page_tags += [tag("technique", slug) for slug in technique_slugs]
        page_tags += [tag("condition", c.slug) for c in conditions]
        page_tags += [tag("language", lang.code) for lang in languages]

        scope_techniques = [self.techniques_by_slug[slug] for slug in technique_slugs]
        listings, clinic_names, places, jurisdictions = [], [], [], set()
        for location in page.links:
            clinic_title, _, plans = self.clinic_info[location.clinic_id]
            tags = list(page_tags)
            tags += [tag("insurance", slug) for slug in plans]
            if page.accepting_new_patients and location.accepting_new_patients:
                tags.append(tag("accepting", "yes"))
            if location.home_visits:
                tags.append(tag("home_visits", "yes"))
            if location.telehealth:
                tags.append(tag("telehealth", "yes"))
            here = [lic for lic in licences if lic.jurisdiction_id == location.jurisdiction_id]
            if any(lic.is_verified and lic.is_current(self.today) for lic in here):
                tags.append(tag("verified", "yes"))
            rules = self.rules_by_jurisdiction.get(location.jurisdiction_id, [])
            for technique in scope_techniques:
                result = check_scope(page, technique, location, on=self.today, licences=here, rules=rules)
                if result.verdict == PERMITTED:
                    tags.append(tag("in_scope", technique.slug))
            listings.append(self.location_listing(location, tags))
            if clinic_title not in clinic_names:
                clinic_names.append(clinic_title)
            places += [location.locality, location.city]
            jurisdictions.add(location.jurisdiction.name)
        if not listings:
            listings.append(ListingRow(tags=" ".join(sorted(set(page_tags)))))

        fees = {}
        for currency, amount in page.fees:
            fees[currency] = min(float(amount), fees.get(currency, float("inf")))
        document = SearchDocument(
            page_id=page.pk,
            kind=SearchDocument.Kind.PRACTITIONER,
            title=page.title,
            names=" ".join([page.post_nominals, *clinic_names, *(p.titles for p in professions)]),
            vocabulary=" ".join(
                [p.name for p in professions]
                + [t.name for t in offered]
                + [self.techniques_by_slug[s].name for s in technique_slugs if s not in {t.slug for t in offered}]
                + [c.name for c in conditions]
            ),
            body=plain_text(page.bio),
            places=" ".join(dict.fromkeys(p for p in places + sorted(jurisdictions) if p)),
            rating_average=float(rating.average) if rating and rating.average is not None else None,
            rating_count=rating.count if rating else 0,
            fees=fees,
            valid_until=self.valid_until(licences),
            indexed_at=timezone.now(),
            display={
                "name": page.title,
                "post_nominals": page.post_nominals,
                "url": self.page_url(page),
                "clinic": clinic_title,
                "clinics": clinic_names,
                "professions": [p.name for p in professions],
                "techniques": [t.name for t in offered],
                "conditions": [c.name for c in conditions],
                "languages": [lang.name for lang in languages],
                "gender": page.get_gender_display(),
                "accepting_new_patients": page.accepting_new_patients,
                "fees_from": [
                    {"currency": cur, "amount": amount, "formatted": formatted_money(amount, cur)}
                    for cur, amount in sorted(fees.items())
                ],
            },
        )
        fee_rows = [FeeRow(currency=cur, amount=amount) for cur, amount in fees.items()]
        return Built(document, listings, fee_rows)

    @property
    def techniques_by_slug(self):
        if not hasattr(self, "_by_slug"):
            self._by_slug = {t.slug: t for t in self.techniques.values()}
        return self._by_slug

    def valid_until(self, licences):
        """The first future day on which a licence expires or reaches a years-licensed minimum."""
        days = []
        for licence in licences:
            if licence.expires_on and licence.expires_on >= self.today:
                days.append(licence.expires_on + datetime.timedelta(days=1))
            if licence.issued_on:
                for rule in self.rules_by_jurisdiction.get(licence.jurisdiction_id, []):
                    if rule.min_years_licensed and rule.profession_id == licence.profession_id:
                        eligible = add_years(licence.issued_on, rule.min_years_licensed)
                        if eligible > self.today:
                            days.append(eligible)
        return min(days, default=None)

    # -- clinics ---------------------------------------------------------------------

    def clinic_queryset(self, page_ids=None):
        qs = ClinicPage.objects.live().order_by("pk")
        if page_ids is not None:
            qs = qs.filter(pk__in=page_ids)
        return qs.prefetch_related(
            "insurance_plans",
            "languages",
            Prefetch("locations", queryset=ClinicLocation.objects.select_related("jurisdiction")),
        )

    def clinics(self, page_ids=None, chunk_size=CHUNK_SIZE):
        chunk = []
        for page in self.clinic_queryset(page_ids).iterator(chunk_size=chunk_size):
            chunk.append(page)
            if len(chunk) == chunk_size:
                yield from self._clinic_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._clinic_chunk(chunk)

    def _clinic_chunk(self, pages):
        ratings = self.ratings([p.pk for p in pages])
        location_ids = [loc.pk for page in pages for loc in page.locations.all()]
        local = {}  # location id -> (tags, practitioner document ids) of practitioners there
        for location_id, document_id, tags in SearchListing.objects.filter(
            location_id__in=location_ids, document__kind=SearchDocument.Kind.PRACTITIONER
        ).values_list("location_id", "document_id", "tags"):
            entry = local.setdefault(location_id, (set(), set()))
            entry[0].update(tags.split())
            entry[1].add(document_id)
        vocab = dict(
            SearchDocument.objects.filter(pk__in={doc for entry in local.values() for doc in entry[1]}).values_list(
                "pk", "vocabulary"
            )
        )
        for page in pages:
            yield self.build_clinic(page, ratings.get(page.pk), local, vocab)

    # Tags a clinic takes from the practitioners at each address.
    INHERITED = ("profession", "technique", "condition", "language", "in_scope")

    def build_clinic(self, page, rating, local, vocab):
        page_tags = [tag("type", "clinic")]
        page_tags += [tag("insurance", plan.slug) for plan in page.insurance_plans.all()]
        page_tags += [tag("language", lang.code) for lang in page.languages.all()]
        listings, places, practitioners, inherited = [], [], set(), set()
        for location in page.locations.all():
            tags = list(page_tags)
            there_tags, there_docs = local.get(location.pk, (set(), set()))
            tags += [t for t in there_tags if t.split(":", 1)[0] in self.INHERITED]
            inherited.update(t for t in there_tags if t.split(":", 1)[0] in ("profession", "technique", "condition"))
            practitioners.update(there_docs)
            if location.accepting_new_patients:
                tags.append(tag("accepting", "yes"))
            if location.home_visits:
                tags.append(tag("home_visits", "yes"))
            if location.telehealth:
                tags.append(tag("telehealth", "yes"))
            listings.append(self.location_listing(location, tags))
            places += [location.locality, location.city, location.jurisdiction.name]
        if not listings:
            listings.append(ListingRow(tags=" ".join(sorted(set(page_tags)))))
        words = " ".join(vocab.get(doc, "") for doc in sorted(practitioners))
        document = SearchDocument(
            page_id=page.pk,
            kind=SearchDocument.Kind.CLINIC,
            title=page.title,
            names="",
            vocabulary=" ".join(dict.fromkeys(words.split())),
            body=plain_text(page.description),
            places=" ".join(dict.fromkeys(p for p in places if p)),
            rating_average=float(rating.average) if rating and rating.average is not None else None,
            rating_count=rating.count if rating else 0,
            fees={},
            indexed_at=timezone.now(),
            display={
                "name": page.title,
                "url": self.page_url(page),
                "practitioners": len(practitioners),
                "locations": len(listings),
                "insurance": [plan.name for plan in page.insurance_plans.all()],
                "languages": [lang.name for lang in page.languages.all()],
                "offers": sorted(
                    self.techniques_by_slug[t.split(":", 1)[1]].name
                    for t in inherited
                    if t.startswith("technique:") and t.split(":", 1)[1] in self.techniques_by_slug
                ),
            },
        )
        return Built(document, listings, [])
