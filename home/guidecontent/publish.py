"""Publishing the shipped guides under /guides/; used by `seed_guides` and by seed_demo's hook."""

from dataclasses import dataclass

from django.db import transaction

from directory.models import Condition, Technique
from home.guidecontent import GUIDES
from home.models import ConditionPage, GuideIndexPage, HomePage, TreatmentPage

INDEX_INTRO = (
    "Plain-language guides to treatments and conditions: what they are, what the evidence says, their risks, "
    "and who may offer them where you live. They are general information, not medical advice."
)


class MissingPrerequisite(Exception):
    """The site structure or reference data the guides point at is not there yet."""


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    kept: int = 0
    index_created: bool = False


@transaction.atomic
def publish_guides(update=False):
    """Create missing guides; with `update`, republish existing ones with the shipped text."""
    home = HomePage.objects.first()
    if home is None:
        raise MissingPrerequisite("There is no home page. Run `manage.py migrate` first.")
    outcome = Outcome()
    index = GuideIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=GuideIndexPage(title="Guides", slug="guides", intro=INDEX_INTRO))
        index.save_revision().publish()
        outcome.index_created = True

    for guide in GUIDES:
        model = TreatmentPage if guide["kind"] == "treatment" else ConditionPage
        fields = _fields(guide)
        page = model.objects.child_of(index).filter(slug=guide["slug"]).first()
        if page is None:
            page = index.add_child(instance=model(slug=guide["slug"], **fields))
            outcome.created += 1
        elif update:
            for name, value in fields.items():
                setattr(page, name, value)
            outcome.updated += 1
        else:
            outcome.kept += 1
            continue
        page.save_revision().publish()
    return outcome


def _fields(guide):
    fields = {
        "title": guide["title"],
        "summary": guide["summary"],
        "last_reviewed": guide["last_reviewed"],
        "body": guide["body"],
    }
    if guide["kind"] == "treatment":
        fields["technique"] = _lookup(Technique, guide["technique"])
    else:
        fields["condition"] = _lookup(Condition, guide["condition"])
    return fields


def _lookup(model, name):
    found = model.objects.filter(name=name).first()
    if found is None:
        raise MissingPrerequisite(f"{model.__name__} '{name}' is missing. Run `manage.py load_reference_data` first.")
    return found
