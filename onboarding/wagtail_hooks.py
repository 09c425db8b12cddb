"""Admin wiring: the applications queue for moderators; team, affiliations and dashboard for managers."""

from django.db.models import Q
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet

from directory.permissions import clinics_managed_by
from directory.roles import is_moderator
from onboarding import affiliations
from onboarding.licence_changes import licence_change_policy, licence_change_viewset
from onboarding.panels import ClinicDashboardPanel, shows_panel_to
from onboarding.views import affiliations as affiliation_views
from onboarding.views import moderation, team

admin_urls = (
    [
        path("clinic-applications/", moderation.ApplicationQueue.as_view(), name="applications"),
        path("clinic-applications/<int:pk>/", moderation.ApplicationDetail.as_view(), name="application"),
        path("clinic-team/", team.TeamPage.as_view(), name="team"),
        path("affiliations/", affiliation_views.AffiliationsPage.as_view(), name="affiliations"),
        path("affiliations/request/", affiliation_views.RequestAffiliationPage.as_view(), name="request_affiliation"),
    ],
    "onboarding_admin",
)


register_snippet(licence_change_viewset)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("onboarding/", include(admin_urls))]


def is_clinic_manager(user):
    return not user.is_superuser and not is_moderator(user) and clinics_managed_by(user).exists()


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


class ManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or is_clinic_manager(request.user)


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    return ModeratorMenuItem(
        "Clinic applications", reverse("onboarding_admin:applications"), icon_name="group", order=220
    )


@hooks.register("register_admin_menu_item")
def team_menu_item():
    return ManagerMenuItem("Clinic team", reverse("onboarding_admin:team"), icon_name="group", order=230)


@hooks.register("register_admin_menu_item")
def affiliations_menu_item():
    return ManagerMenuItem("Affiliations", reverse("onboarding_admin:affiliations"), icon_name="link", order=240)


@hooks.register("construct_homepage_panels")
def add_clinic_dashboard(request, panels):
    if shows_panel_to(request.user):
        panels.insert(0, ClinicDashboardPanel(request.user))


@hooks.register("construct_page_chooser_queryset")
def managers_choose_their_own_pages(pages, request):
    """A manager links to their own clinic's pages only; the ancestors stay visible to navigate through."""
    user = request.user
    if not is_clinic_manager(user):
        return pages
    clinics = list(clinics_managed_by(user).values_list("path", flat=True))
    allowed = Q()
    for clinic_path in clinics:
        allowed |= Q(path__startswith=clinic_path)
        ancestors = [clinic_path[:length] for length in range(4, len(clinic_path), 4)]
        allowed |= Q(path__in=ancestors)
    return pages.filter(allowed)


@hooks.register("construct_practitioner_location_choices")
def offer_affiliated_locations(locations, practitioner, parent_page):
    """Other clinics' locations this practitioner was accepted at (see onboarding.affiliations)."""
    if practitioner is None or practitioner.pk is None:
        return locations
    return locations | affiliations.accepted_locations(practitioner)


@hooks.register("seed_demo")
def affiliate_demo_practitioners(run):
    """The demo's practitioners who also work at another clinic get accepted affiliations."""
    for practitioner in run.practitioners:
        run.counts["affiliations"] += affiliations.accept_existing_links(practitioner)


@hooks.register("licence_header_buttons")
def propose_licence_changes(user, licence):
    """Managers change licences by proposal (onboarding.licence_changes); offer it where they look."""
    if not licence_change_policy.user_has_permission(user, "add"):
        return []
    add = reverse("wagtailsnippets_onboarding_licencechange:add")
    if licence is None:
        return [HeaderButton("Propose a new licence", url=add, icon_name="plus")]
    return [
        HeaderButton("Propose a change", url=f"{add}?licence={licence.pk}&action=change", icon_name="edit"),
        HeaderButton("Propose removal", url=f"{add}?licence={licence.pk}&action=remove", icon_name="bin"),
    ]
