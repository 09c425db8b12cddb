"""The scope check: may this practitioner perform this technique at this location?

Answers 'permitted', 'not permitted' or 'unknown' and always says why. The inputs are
the practitioner's licences in the location's jurisdiction, the scope rule for each
licence's profession (a rule for a technique family covers its named methods), and
certified training hours. The check never guesses: a missing or unclear rule, an
unverified licence or an unknown issue date give 'unknown'.

Callers that check many practitioners pass prefetched `licences` and `rules` so that
the function does no queries of its own.
"""

import datetime
from dataclasses import dataclass, field

from directory.models import Licence, ScopeRule

PERMITTED = "permitted"
NOT_PERMITTED = "not_permitted"
UNKNOWN = "unknown"
_RANK = {PERMITTED: 2, UNKNOWN: 1, NOT_PERMITTED: 0}


@dataclass(frozen=True)
class Reason:
    code: str
    message: str


@dataclass
class ScopeResult:
    verdict: str
    technique: object
    jurisdiction: object
    reasons: list = field(default_factory=list)
    licence: object = None
    rule: object = None
    training_hours: int = 0

    @property
    def is_permitted(self):
        return self.verdict == PERMITTED

    @property
    def reason_codes(self):
        return [reason.code for reason in self.reasons]

    @property
    def summary(self):
        """One sentence for a profile, e.g. 'Dry needling: within scope in Colorado — ...'."""
        head = {
            PERMITTED: "within scope",
            NOT_PERMITTED: "not within scope",
            UNKNOWN: "scope unknown",
        }[self.verdict]
        because = "; ".join(reason.message for reason in self.reasons)
        return f"{self.technique.name}: {head} in {self.jurisdiction.name} — {because}"


def find_rule(rules, jurisdiction, profession, technique):
    """The rule for the technique itself, else for the nearest family it belongs to."""
    by_key = {(r.jurisdiction_id, r.profession_id, r.technique_id): r for r in rules}
    for candidate in technique.lineage():
        rule = by_key.get((jurisdiction.pk, profession.pk, candidate.pk))
        if rule is not None:
            return rule
    return None


def years_between(start, end):
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def _assess_licence(licence, rule, technique, jurisdiction, hours, on):
    """The verdict and reasons that one licence gives."""
    profession = licence.profession
    label = f"{profession.name.lower()} licence {licence.number}"

    if licence.is_expired(on):
        return NOT_PERMITTED, [Reason("licence_expired", f"{label} expired")]
    if licence.status == Licence.Status.PROBATION:
        return UNKNOWN, [Reason("licence_restricted", f"{label} is on probation or restricted; restrictions may apply")]
    if licence.status != Licence.Status.ACTIVE:
        return NOT_PERMITTED, [Reason("licence_inactive", f"{label} is {licence.get_status_display().lower()}")]
    if licence.verification_status == Licence.Verification.REJECTED:
        return NOT_PERMITTED, [Reason("licence_rejected", f"{label} could not be verified against the register")]

    if rule is None:
        return UNKNOWN, [
            Reason(
                "no_rule", f"no rule recorded for {profession.name.lower()}s performing {technique.name.lower()} here"
            )
        ]
    if rule.status == ScopeRule.Status.UNCLEAR:
        return UNKNOWN, [Reason("rule_unclear", f"the rule for {profession.name.lower()}s is unclear: {rule.notes}")]
    if rule.status == ScopeRule.Status.PROHIBITED:
        return NOT_PERMITTED, [
            Reason(
                "profession_not_permitted", f"{profession.name.lower()}s may not perform {technique.name.lower()} here"
            )
        ]

    minimum = rule.min_training_hours
    place = jurisdiction.get_kind_display().lower()
    if minimum and hours < minimum:
        return NOT_PERMITTED, [Reason("too_few_hours", f"{hours} h certified training; {place} minimum {minimum} h")]
    if rule.min_years_licensed:
        if licence.issued_on is None:
            return UNKNOWN, [
                Reason(
                    "issue_date_unknown", f"requires {rule.min_years_licensed} years licensed; issue date not recorded"
                )
            ]
        years = years_between(licence.issued_on, on)
        if years < rule.min_years_licensed:
            return NOT_PERMITTED, [
                Reason(
                    "too_few_years",
                    f"licensed {years} year{'s' if years != 1 else ''}; {place} requires {rule.min_years_licensed}",
                )
            ]
    if not licence.is_verified:
        return UNKNOWN, [Reason("licence_unverified", f"{label} is not yet verified by InScope")]

    training = f"{hours} h certified training" + (f"; {place} minimum {minimum} h" if minimum else "")
    reasons = [Reason("permitted", f"active verified {label.rsplit(' ', 1)[0]}, {training}")]
    if rule.status == ScopeRule.Status.CONDITIONAL and rule.conditions:
        reasons.append(Reason("conditions", f"conditions: {rule.conditions}"))
    return PERMITTED, reasons


def check_scope(practitioner, technique, location, *, on=None, licences=None, rules=None):
    """Whether `technique` is within `practitioner`'s legal scope at `location`, and why."""
    on = on or datetime.date.today()
    jurisdiction = location.jurisdiction
    if licences is None:
        licences = practitioner.licences.filter(jurisdiction=jurisdiction).select_related("profession")
    licences = [licence for licence in licences if licence.jurisdiction_id == jurisdiction.pk]
    if not licences:
        return ScopeResult(
            NOT_PERMITTED,
            technique,
            jurisdiction,
            [Reason("no_licence", f"no licence recorded in {jurisdiction.name}")],
        )
    if rules is None:
        rules = ScopeRule.objects.filter(
            jurisdiction=jurisdiction,
            profession__in=[licence.profession_id for licence in licences],
            technique__in=[t.pk for t in technique.lineage()],
        )
    rules = list(rules)

    best = None
    for licence in licences:
        rule = find_rule(rules, jurisdiction, licence.profession, technique)
        # Training counts over the family the rule was written for (IMS courses count for dry needling).
        family = next((t for t in technique.lineage() if rule and t.pk == rule.technique_id), technique)
        hours = practitioner.training_hours(family)
        verdict, reasons = _assess_licence(licence, rule, technique, jurisdiction, hours, on)
        result = ScopeResult(verdict, technique, jurisdiction, reasons, licence, rule, hours)
        if best is None or _RANK[verdict] > _RANK[best.verdict]:
            best = result
    return best
