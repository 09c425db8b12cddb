"""The search app listens for every change that alters a search document (TEAM.md contract).

Other apps never call search code: publishing, unpublishing, moving or deleting a page,
a licence or certification change, a rating summary saved, a scope rule or vocabulary
edit each queue the affected pages (search.indexing.enqueue), applied after commit.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.models import (
    Certification,
    ClinicLocation,
    ClinicPage,
    Condition,
    InsurancePlan,
    Language,
    Licence,
    PractitionerPage,
    Profession,
    ScopeRule,
    Technique,
)
from reviews.models import RatingSummary
from search import cache as search_cache
from search import concept_ranks, places, understanding
from search.indexing import enqueue, with_dependants


def _page_and_dependants(page):
    """A clinic's practitioners and a practitioner's clinics are built from each other."""
    ids = {page.pk}
    specific = page.specific_class
    if specific is ClinicPage:
        ids |= set(PractitionerPage.objects.descendant_of(page).values_list("pk", flat=True))
        ids |= set(
            PractitionerPage.objects.filter(practice_locations__location__clinic_id=page.pk).values_list(
                "pk", flat=True
            )
        )
    return with_dependants(ids)


@receiver(page_published)
def page_was_published(sender, instance, **kwargs):
    if isinstance(instance, (ClinicPage, PractitionerPage)):
        places.forget_localities()
        enqueue(_page_and_dependants(instance), "published")


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    if isinstance(instance, (ClinicPage, PractitionerPage)):
        enqueue(_page_and_dependants(instance), "unpublished")


@receiver(post_page_move)
def page_was_moved(sender, instance, **kwargs):
    descendants = instance.get_descendants(inclusive=True).type(ClinicPage, PractitionerPage)
    ids = set(descendants.values_list("pk", flat=True))
    if ids:
        enqueue(with_dependants(ids), "moved")


@receiver(pre_delete, sender=PractitionerPage)
@receiver(pre_delete, sender=ClinicPage)
def page_will_be_deleted(sender, instance, **kwargs):
    # Before the cascade, while its locations still say which other documents depend on it.
    instance._search_dependants = _page_and_dependants(instance)


@receiver(post_delete, sender=PractitionerPage)
@receiver(post_delete, sender=ClinicPage)
def page_was_deleted(sender, instance, **kwargs):
    enqueue(getattr(instance, "_search_dependants", {instance.pk}), "deleted")


@receiver(post_save, sender=Licence)
@receiver(post_delete, sender=Licence)
@receiver(post_save, sender=Certification)
@receiver(post_delete, sender=Certification)
def credentials_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.practitioner_id:
        enqueue(with_dependants({instance.practitioner_id}), "credentials")


@receiver(post_save, sender=RatingSummary)
@receiver(post_delete, sender=RatingSummary)
def rating_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        enqueue({instance.page_id}, "rating")


@receiver(post_save, sender=ScopeRule)
@receiver(post_delete, sender=ScopeRule)
def scope_rule_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    holders = Licence.objects.filter(
        jurisdiction_id=instance.jurisdiction_id, profession_id=instance.profession_id
    ).values_list("practitioner_id", flat=True)
    enqueue(with_dependants(set(holders)), "scope rule")


@receiver(post_save, sender=Technique)
@receiver(post_save, sender=Condition)
@receiver(post_save, sender=Profession)
def vocabulary_changed(sender, instance, created=False, raw=False, **kwargs):
    search_cache.index_changed()  # synonyms and facet labels are read at query time
    understanding.forget_lexicon()
    transaction.on_commit(understanding.forget_lexicon)  # not the uncommitted state either
    if raw:
        return
    # Until this runs, searches for the concept rank its new names live (search.concept_ranks).
    transaction.on_commit(lambda: concept_ranks.refresh([f"{sender._meta.model_name}:{instance.slug}"]), robust=True)
    if created:
        return
    # Synonyms are read at query time; names and slugs are stored in documents.
    holders = PractitionerPage.objects.filter(**{f"{sender._meta.model_name}s": instance}).values_list("pk", flat=True)
    enqueue(with_dependants(set(holders)), "vocabulary")


@receiver(post_save, sender=Language)
@receiver(post_save, sender=InsurancePlan)
def labels_changed(sender, instance, created=False, raw=False, **kwargs):
    search_cache.index_changed()  # facet labels
    if raw or created:
        return
    related = "practitioners" if sender is Language else "clinics"
    ids = set(getattr(instance, related).values_list("pk", flat=True))
    if sender is Language:
        ids |= set(instance.clinics.values_list("pk", flat=True))
    enqueue(with_dependants(ids), "labels")


@receiver(post_save, sender=ClinicLocation)
def location_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        places.forget_localities()
        search_cache.index_changed()  # neighbourhood names resolve to places
