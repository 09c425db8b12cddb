"""What search reads, and what it still owes the index.

SearchDocument is one searchable page (a practitioner or a clinic), denormalised
once by search.documents so that neither backend touches the directory tables
while answering. SearchListing is that page at one of its locations: distance,
"in scope here", insurance and opening flags belong to a place, not to a person,
so every filter is decided on one listing. The database backend queries these
tables directly; the Elasticsearch backend bulk-loads one index document per
listing from them, so the database fallback is always as current as the writes.

PendingChange is the queue between a write and the index: a row per page, written
in the writer's transaction and deleted only once the change reached every
engine. Nothing is lost when Elasticsearch is down; `search_index sync` replays.
"""

from django.db import models
from django.utils import timezone


class SearchDocument(models.Model):
    """One live practitioner or clinic page, as search sees it."""

    class Kind(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        CLINIC = "clinic", "Clinic"

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=255)
    # Text the engines search, by weight: names, then vocabulary, then prose.
    names = models.TextField(blank=True, help_text="Clinic names, post-nominals, profession titles.")
    vocabulary = models.TextField(blank=True, help_text="Technique, condition and profession names.")
    body = models.TextField(blank=True, help_text="Bio or description, without markup.")
    places = models.TextField(blank=True, help_text="Cities and localities of every location.")
    rating_average = models.FloatField(null=True, blank=True)
    rating_count = models.PositiveIntegerField(default=0)
    fees = models.JSONField(default=dict, help_text="Lowest fee per currency, {'USD': 120.0}.")
    display = models.JSONField(default=dict, help_text="What a result card shows, so results need no other query.")
    valid_until = models.DateField(
        null=True, blank=True, help_text="The first day a licence expiry may change this document's scope."
    )
    indexed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "rating_average"], name="searchdoc_kind_rating"),
            models.Index(fields=["valid_until"], name="searchdoc_valid_until"),
        ]

    def __str__(self):
        return f"{self.kind} {self.title}"

    @property
    def text(self):
        return "\n".join([self.title, self.names, self.vocabulary, self.body, self.places])


class SearchListing(models.Model):
    """A searchable page at one location: where distance and local filters are decided.

    `tags` holds every filter value as "facet:value" (page-wide ones repeated on each
    listing), so one listing answers a whole query. A page without any location gets
    one listing with no coordinates: it can be found by words, never by place.
    """

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="listings")
    location_id = models.PositiveBigIntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    tags = models.TextField(blank=True, help_text="Space-separated facet:value tags.")
    # Nullable without a default, so SQLite adds the column in place: rebuilding the table
    # would drop the triggers that keep the tag index (migration 0002) in step.
    tag_bits = models.BinaryField(null=True, blank=True, help_text="The tags as SearchTag bit positions.")
    # The page's rating again, so ranking and facets read listings alone (migration 0006).
    rating_average = models.FloatField(null=True, blank=True)
    rating_count = models.IntegerField(null=True, blank=True)
    label = models.CharField(max_length=255, blank=True)
    address = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"], name="searchlisting_lat_lon")]

    def __str__(self):
        return f"{self.document_id} at {self.label or 'no location'}"

    @property
    def tag_list(self):
        return self.tags.split()


class SearchTag(models.Model):
    """A tag's bit position in SearchListing.tag_bits: its id. Never renumbered or deleted."""

    name = models.CharField(max_length=255, unique=True)

    def __str__(self):
        return f"{self.name} (bit {self.pk})"


class SearchFee(models.Model):
    """A document's lowest fee in one currency, for fee-range filters."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="fee_rows")
    currency = models.CharField(max_length=3)
    amount = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["currency", "amount"], name="searchfee_currency_amount")]
        constraints = [models.UniqueConstraint(fields=["document", "currency"], name="one_fee_per_currency")]

    def __str__(self):
        return f"{self.document_id}: {self.amount} {self.currency}"


class PendingChange(models.Model):
    """A page whose search documents must be rebuilt and pushed to the engine.

    Keyed by page id (not a foreign key: a deleted page must still be removed from
    the index). Re-queuing bumps `queued_at`, so a change that arrives while an
    earlier one is being applied is never deleted by mistake.
    """

    page_id = models.PositiveBigIntegerField(unique=True)
    reason = models.CharField(max_length=60, blank=True)
    queued_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["queued_at", "page_id"]

    def __str__(self):
        return f"page {self.page_id} ({self.reason or 'changed'})"


class ConceptRank(models.Model):
    """A document's word rank for one concept's names (PostgreSQL; search.concept_ranks).

    A common concept ("physiotherapist") matches most of the directory, and ranking its
    names in every matching document was most of such a search; this is that rank, kept
    from when the document was stored. Rows exist only for documents the names match.
    """

    # A key rather than the tag on each of ~1.4 M rows at 100k (257 MB with the tag text).
    # No index of its own: the unique constraint's index starts with it.
    concept = models.ForeignKey("RankedConcept", on_delete=models.CASCADE, related_name="ranks", db_index=False)
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="+")
    rank = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["concept", "document"], name="one_rank_per_concept")]

    def __str__(self):
        return f"{self.concept_id} in {self.document_id}: {self.rank}"


class RankedConcept(models.Model):
    """The names a concept's ConceptRank rows were computed from.

    A search whose concept has other names now (an editor added a synonym) ranks it live
    until the ranks are recomputed, so an edit never serves ranks of the old names.
    """

    concept = models.CharField(max_length=255, unique=True, help_text="The concept's tag, e.g. technique:dry-needling.")
    names = models.JSONField(default=list)

    def __str__(self):
        return self.concept


class SearchGeneration(models.Model):
    """One row whose value changes, to a value never seen before, with every committed write to what
    searches read (database triggers, migration 0009), so a process holding a copy of the listings
    (search.backends.columns) knows with one read whether its copy is current. New values come from
    a sequence (PostgreSQL) or random() (SQLite): a rolled-back write never hands its value on."""

    value = models.BigIntegerField()

    def __str__(self):
        return f"generation {self.value}"
