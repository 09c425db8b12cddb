"""Load the reference vocabulary and the dry-needling scope-rule table.

Idempotent: rows are matched on their natural keys (code, name, or the
jurisdiction-profession-technique triple), so a second run creates nothing.
Editors maintain this data in the admin, and their work is kept: an existing row
is only changed when the shipped scope rule was reviewed more recently than the
stored one, or when --overwrite asks for the shipped table wholesale.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from directory.models import Condition, InsurancePlan, Jurisdiction, Language, Profession, ScopeRule, Technique
from directory.referencedata import jurisdictions, scope_rules, vocabulary


class Command(BaseCommand):
    help = "Load jurisdictions, professions, techniques, conditions, languages, insurers and scope rules."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace editors' changes with the shipped reference data."
        )

    @transaction.atomic
    def handle(self, *args, **options):
        self.overwrite = options["overwrite"]
        self.step("Jurisdictions", self.load_jurisdictions)
        self.step("Professions", self.load_professions)
        self.step("Techniques", self.load_techniques)
        self.step("Conditions", self.load_conditions)
        self.step("Languages", self.load_languages)
        self.step("Insurance plans", self.load_insurance_plans)
        self.step("Scope rules", self.load_scope_rules)

    def step(self, label, loader):
        created, updated = loader()
        self.stdout.write(f"{label:<16} {created:>4} created, {updated:>4} already present")

    @staticmethod
    def tally(results):
        created = sum(1 for _, was_created in results if was_created)
        return created, len(results) - created

    def upsert(self, model, defaults, **key):
        """Create the row, or refresh it only when overwriting; returns (row, created)."""
        if self.overwrite:
            return model.objects.update_or_create(defaults=defaults, **key)
        return model.objects.get_or_create(defaults=defaults, **key)

    def load_jurisdictions(self):
        return self.tally(
            [
                self.upsert(Jurisdiction, code=code, defaults={"name": name, "country": code[:2], "kind": kind})
                for code, name, kind in jurisdictions.JURISDICTIONS
            ]
        )

    def load_professions(self):
        return self.tally(
            [
                self.upsert(
                    Profession,
                    name=item["name"],
                    defaults={
                        "titles": item["titles"],
                        "synonyms": "\n".join(item["synonyms"]),
                        "description": item["description"],
                    },
                )
                for item in vocabulary.PROFESSIONS
            ]
        )

    def load_techniques(self):
        results = []
        for name, parent, invasive, synonyms, description in vocabulary.TECHNIQUES:
            results.append(
                self.upsert(
                    Technique,
                    name=name,
                    defaults={
                        "parent": Technique.objects.get(name=parent) if parent else None,
                        "is_invasive": invasive,
                        "synonyms": "\n".join(synonyms),
                        "description": description,
                    },
                )
            )
        return self.tally(results)

    def load_conditions(self):
        return self.tally(
            [
                self.upsert(Condition, name=name, defaults={"body_region": region, "synonyms": "\n".join(synonyms)})
                for name, region, synonyms in vocabulary.CONDITIONS
            ]
        )

    def load_languages(self):
        return self.tally(
            [
                Language.objects.update_or_create(code=code, defaults={"name": name})
                for code, name in vocabulary.LANGUAGES
            ]
        )

    def load_insurance_plans(self):
        return self.tally(
            [
                InsurancePlan.objects.get_or_create(name=name, country=country)
                for country, names in vocabulary.INSURANCE_PLANS
                for name in names
            ]
        )

    def load_scope_rules(self):
        indian = list(Jurisdiction.objects.filter(country="IN").values_list("code", flat=True))
        by_code = {j.code: j for j in Jurisdiction.objects.all()}
        professions = {p.name: p for p in Profession.objects.all()}
        techniques = {t.name: t for t in Technique.objects.all()}
        results = []
        for row in scope_rules.all_rules(indian):
            row = dict(row)
            key = {
                "jurisdiction": by_code[row.pop("jurisdiction")],
                "profession": professions[row.pop("profession")],
                "technique": techniques[row.pop("technique")],
            }
            rule = ScopeRule.objects.filter(**key).first()
            created = rule is None
            if created or self.overwrite or rule.last_reviewed < row["last_reviewed"]:
                rule = rule or ScopeRule(**key)
                for field, value in row.items():
                    setattr(rule, field, value)
                rule.full_clean()
                rule.save()
            results.append((rule, created))
        return self.tally(results)
