"""Reference data: the vocabulary every listing, licence and scope rule is written in.

Editors maintain these tables; patients never see a row that is not one of them.
Synonyms live here, in the database, so that search understands "IMS" or "physio"
the same way on every backend and an editor can add one without a reindex.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.text import slugify

COUNTRY_NAMES = {
    "US": "United States",
    "IN": "India",
    "CA": "Canada",
    "AU": "Australia",
    "GB": "United Kingdom",
}


def normalise_term(text):
    """Lower-case, single-spaced form used to compare names and synonyms."""
    return re.sub(r"\s+", " ", text.strip().lower())


class Jurisdiction(models.Model):
    """A place that licenses practitioners and sets their scope of practice.

    Coded by ISO 3166-2 (US-CO, IN-DL, CA-BC, AU-NSW, GB-ENG): every location and
    every licence points at one, and scope rules are written per jurisdiction.
    """

    class Kind(models.TextChoices):
        STATE = "state", "State"
        DISTRICT = "district", "Federal district"
        UNION_TERRITORY = "union_territory", "Union territory"
        PROVINCE = "province", "Province"
        TERRITORY = "territory", "Territory"
        NATION = "nation", "Nation"

    code = models.CharField(
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}-[A-Z0-9]{1,3}$", "Use an ISO 3166-2 code such as US-CO.")],
    )
    name = models.CharField(max_length=100)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 country code.")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["country", "name"]

    def __str__(self):
        return self.name

    @property
    def country_name(self):
        return COUNTRY_NAMES.get(self.country, self.country)

    def clean(self):
        if self.code and self.country and not self.code.startswith(f"{self.country}-"):
            raise ValidationError({"code": f"A code in {self.country} starts with '{self.country}-'."})


class Vocabulary(models.Model):
    """A named concept patients search for, with the other words people use for it."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    synonyms = models.TextField(
        blank=True,
        help_text="Other names and abbreviations, one per line. Search treats them as this term.",
    )
    description = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    @property
    def synonym_list(self):
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    @property
    def terms(self):
        """Every normalised way of naming this concept, its own name first."""
        seen = []
        for term in [self.name, *self.synonym_list]:
            norm = normalise_term(term)
            if norm not in seen:
                seen.append(norm)
        return seen

    def clean(self):
        if not self.slug:
            self.slug = slugify(self.name)
        clashes = []
        others = type(self).objects.exclude(pk=self.pk)
        own_terms = set(self.terms)
        for other in others.only("name", "synonyms"):
            shared = own_terms & set(other.terms)
            if shared:
                clashes.append(f"'{sorted(shared)[0]}' already names {other.name}")
        if clashes:
            raise ValidationError({"synonyms": "; ".join(clashes)})


class Profession(Vocabulary):
    """A regulated profession a practitioner can be licensed in (physiotherapist, chiropractor...)."""

    titles = models.CharField(max_length=120, blank=True, help_text="Post-nominal titles, comma separated (PT, DPT).")


class Technique(Vocabulary):
    """A treatment practitioners offer. Named methods point at their family.

    Trigger point, functional and intramuscular-stimulation dry needling are all
    'dry needling': a scope rule written for dry needling covers its methods, and
    training in any method counts towards the family's minimum hours.
    """

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="methods",
        help_text="The technique this is a named method of, if any.",
    )
    is_invasive = models.BooleanField(
        default=False, help_text="Breaks the skin (needling); shown with its precautions."
    )

    def lineage(self):
        """This technique and its ancestors, nearest first."""
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def family_ids(self):
        """Primary keys of this technique and every method beneath it; remembered per instance."""
        if getattr(self, "_family_ids", None) is None:
            ids, frontier = {self.pk}, [self.pk]
            while frontier:
                children = list(Technique.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
                frontier = [pk for pk in children if pk not in ids]
                ids.update(frontier)
            self._family_ids = ids
        return self._family_ids

    def clean(self):
        super().clean()
        if self.parent_id and self.pk and any(t.pk == self.pk for t in self.parent.lineage()):
            raise ValidationError({"parent": "A technique cannot be a method of itself or of its own methods."})


class Condition(Vocabulary):
    """A health problem patients search by (sciatica, plantar fasciitis...)."""

    body_region = models.CharField(max_length=60, blank=True)


class Language(models.Model):
    """A language a clinic or practitioner consults in, by ISO 639-1 code."""

    code = models.CharField(
        max_length=3, unique=True, validators=[RegexValidator(r"^[a-z]{2,3}$", "Use an ISO 639 code.")]
    )
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InsurancePlan(models.Model):
    """An insurer or public scheme a clinic accepts, per country (Medicare, CGHS, Bupa...)."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    country = models.CharField(max_length=2)

    class Meta:
        ordering = ["country", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "country"], name="unique_insurance_per_country")]

    def __str__(self):
        return f"{self.name} ({self.country})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(f"{self.name}-{self.country}")
        super().save(*args, **kwargs)


class ScopeRule(models.Model):
    """What one jurisdiction allows one profession to do with one technique, and who said so.

    The scope check reads these rows; it never guesses. Where the law is silent,
    conflicting or pending, the rule says 'unclear' and the check answers 'unknown'.
    """

    class Status(models.TextChoices):
        PERMITTED = "permitted", "Permitted"
        CONDITIONAL = "conditional", "Permitted with conditions"
        PROHIBITED = "prohibited", "Not permitted"
        UNCLEAR = "unclear", "Unclear"

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="scope_rules")
    profession = models.ForeignKey(Profession, on_delete=models.CASCADE, related_name="scope_rules")
    technique = models.ForeignKey(Technique, on_delete=models.CASCADE, related_name="scope_rules")
    status = models.CharField(max_length=20, choices=Status.choices)
    min_training_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text="Certified training hours required, where the rule sets a number."
    )
    min_years_licensed = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Years of licensed practice required before performing it."
    )
    conditions = models.TextField(blank=True, help_text="Other conditions, in plain words.")
    source_name = models.CharField(max_length=200)
    source_date = models.CharField(
        max_length=60, blank=True, help_text="The source's own date as it gives it ('as of January 2026', 'undated')."
    )
    source_url = models.URLField(max_length=500, validators=[URLValidator(schemes=["http", "https"])])
    last_reviewed = models.DateField(help_text="When someone last checked this rule against its source.")
    notes = models.TextField(blank=True, help_text="Why the rule is unclear, or what is pending.")

    class Meta:
        ordering = ["jurisdiction__country", "jurisdiction__name", "profession__name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "profession", "technique"], name="one_rule_per_scope")
        ]

    def __str__(self):
        return f"{self.technique} by {self.profession} in {self.jurisdiction}: {self.get_status_display()}"

    @property
    def allows(self):
        return self.status in (self.Status.PERMITTED, self.Status.CONDITIONAL)

    def clean(self):
        errors = {}
        if self.status == self.Status.CONDITIONAL and not (
            self.conditions or self.min_training_hours or self.min_years_licensed
        ):
            errors["conditions"] = "Say what the conditions are."
        if self.status == self.Status.UNCLEAR and not self.notes:
            errors["notes"] = "Say why the rule is unclear."
        if self.status in (self.Status.PROHIBITED, self.Status.UNCLEAR) and self.min_training_hours:
            errors["min_training_hours"] = "Only a rule that permits the technique sets training hours."
        if errors:
            raise ValidationError(errors)
