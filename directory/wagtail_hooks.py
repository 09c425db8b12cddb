"""Admin wiring: licences for managers and moderators, appointment inboxes for managers,
reference data for superusers."""

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from directory.admin_views import licence_viewset
from directory.inbox import appointment_inbox
from directory.models import Condition, InsurancePlan, Jurisdiction, Language, Profession, ScopeRule, Technique


class ReferenceViewSet(ModelViewSet):
    """Plain CRUD for reference tables; model permissions keep it to superusers by default."""

    copy_view_enabled = False
    inspect_view_enabled = True


class JurisdictionViewSet(ReferenceViewSet):
    model = Jurisdiction
    icon = "site"
    list_display = ["name", "code", "country", "kind"]
    list_filter = ["country", "kind"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name", "country", "kind"]


class ProfessionViewSet(ReferenceViewSet):
    model = Profession
    icon = "user"
    list_display = ["name", "titles"]
    search_fields = ["name", "synonyms"]
    form_fields = ["name", "slug", "titles", "synonyms", "description"]


class TechniqueViewSet(ReferenceViewSet):
    model = Technique
    icon = "pick"
    list_display = ["name", "parent", "is_invasive"]
    list_filter = ["is_invasive"]
    search_fields = ["name", "synonyms"]
    form_fields = ["name", "slug", "parent", "is_invasive", "synonyms", "description"]


class ConditionViewSet(ReferenceViewSet):
    model = Condition
    icon = "help"
    list_display = ["name", "body_region"]
    search_fields = ["name", "synonyms"]
    form_fields = ["name", "slug", "body_region", "synonyms", "description"]


class ScopeRuleViewSet(ReferenceViewSet):
    model = ScopeRule
    icon = "tick-inverse"
    list_display = ["jurisdiction", "profession", "technique", "status", "min_training_hours", "last_reviewed"]
    list_filter = ["status", "profession", "technique", "jurisdiction__country"]
    search_fields = ["jurisdiction__name", "conditions", "notes"]
    form_fields = [
        "jurisdiction",
        "profession",
        "technique",
        "status",
        "min_training_hours",
        "min_years_licensed",
        "conditions",
        "notes",
        "source_name",
        "source_url",
        "last_reviewed",
    ]


class LanguageViewSet(ReferenceViewSet):
    model = Language
    icon = "openquote"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name"]


class InsurancePlanViewSet(ReferenceViewSet):
    model = InsurancePlan
    icon = "form"
    list_display = ["name", "country"]
    list_filter = ["country"]
    search_fields = ["name"]
    form_fields = ["name", "country"]


class ReferenceDataGroup(ViewSetGroup):
    menu_label = "Reference data"
    menu_icon = "folder-inverse"
    menu_order = 900
    items = (
        ScopeRuleViewSet("scope_rules"),
        JurisdictionViewSet("jurisdictions"),
        ProfessionViewSet("professions"),
        TechniqueViewSet("techniques"),
        ConditionViewSet("conditions"),
        LanguageViewSet("languages"),
        InsurancePlanViewSet("insurance_plans"),
    )


@hooks.register("register_admin_viewset")
def register_licences():
    return licence_viewset


@hooks.register("register_admin_viewset")
def register_appointment_inbox():
    return appointment_inbox


@hooks.register("register_admin_viewset")
def register_reference_data():
    return ReferenceDataGroup()
