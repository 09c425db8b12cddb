"""What can be reviewed: a practitioner's profile or a clinic's listing, and who answers for it."""

from directory.models import ClinicPage, PractitionerPage


def reviewable(page):
    """The specific practitioner or clinic page behind `page`, or None if it cannot be reviewed."""
    specific = page.specific
    return specific if isinstance(specific, PractitionerPage | ClinicPage) else None


def managing_clinic(page):
    """The clinic whose managers answer for reviews of `page`: the clinic itself or the practitioner's parent."""
    specific = page.specific
    if isinstance(specific, ClinicPage):
        return specific
    return ClinicPage.objects.ancestor_of(specific).first()


def clinics_of(page):
    """Every clinic connected to `page`: the clinic, or the practitioner's own clinic and where they practise."""
    specific = page.specific
    if isinstance(specific, ClinicPage):
        return [specific]
    ids = set(specific.practice_locations.values_list("location__clinic_id", flat=True))
    ids |= set(ClinicPage.objects.ancestor_of(specific).values_list("pk", flat=True))
    return list(ClinicPage.objects.filter(pk__in=ids))
