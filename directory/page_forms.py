"""Page editor forms. Imported by the page models, so models are imported lazily here."""

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm


class PractitionerPageForm(WagtailAdminPageForm):
    """Offers the managing clinic's own locations; the narrowed queryset also validates the choice.

    Apps may add locations through the `construct_practitioner_location_choices` hook:
    fn(locations, practitioner, parent_page) -> locations (onboarding adds other clinics'
    locations the practitioner has an accepted affiliation with).
    """

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        from directory.models import ClinicLocation

        clinic_id = parent_page.pk if parent_page is not None else None
        locations = ClinicLocation.objects.filter(clinic_id=clinic_id)
        for construct in hooks.get_hooks("construct_practitioner_location_choices"):
            locations = construct(locations, practitioner=self.instance, parent_page=parent_page)
        locations = locations.select_related("jurisdiction")
        formset = self.formsets.get("practice_locations")
        if formset is None:
            return
        base_form = formset.form

        class ClinicLocationForm(base_form):
            def __init__(inner, *form_args, **form_kwargs):
                super().__init__(*form_args, **form_kwargs)
                inner.fields["location"].queryset = locations

        formset.form = ClinicLocationForm
        if "forms" in formset.__dict__:  # already built: narrow those too
            for form in formset.forms:
                form.fields["location"].queryset = locations
