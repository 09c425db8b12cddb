"""Admin wiring: the moderators' queues and audit log, the clinic managers' reviews and testimonials."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from directory.permissions import licence_policy
from reviews.admin_views import licences, queue
from reviews.admin_views.audit import AuditViewSet
from reviews.admin_views.clinic import ClinicReviewViewSet, TestimonialViewSet
from reviews.permissions import can_moderate

moderation_urls = [
    path("", queue.queue, name="queue"),
    path("decide/<str:kind>/<int:pk>/", queue.decide, name="decide"),
    path("decide/bulk/", queue.decide_bulk, name="decide_bulk"),
    path("reports/<int:pk>/", queue.decide_report, name="decide_report"),
]


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("moderation/", include((moderation_urls, "reviews_moderation"))),
        path("licence-queue/", licences.licence_queue, name="reviews_licence_queue"),
        path("licence-queue/<int:pk>/", licences.verify_from_queue, name="reviews_licence_verify"),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


class VerifierMenuItem(MenuItem):
    def is_shown(self, request):
        return licence_policy.user_has_permission(request.user, "verify")


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModeratorMenuItem("Moderation queue", reverse("reviews_moderation:queue"), icon_name="tasks", order=200)


@hooks.register("register_admin_menu_item")
def licence_queue_menu_item():
    return VerifierMenuItem("Licences to verify", reverse("reviews_licence_queue"), icon_name="doc-full", order=205)


@hooks.register("register_admin_viewset")
def register_review_viewsets():
    return [
        AuditViewSet("audit_log"),
        ClinicReviewViewSet("clinic_reviews"),
        TestimonialViewSet("testimonials"),
    ]


@hooks.register("seed_demo")
def seed_demo_reviews(run):
    """`manage.py seed_demo` adds reviews too; `seed_demo_reviews` does the same on its own."""
    from reviews.demodata import seed_reviews

    counts = seed_reviews(run.clinics, run.practitioners, run.seed)
    for name in ("reviews", "pending", "responses", "testimonials", "reports"):
        run.counts[name if name != "pending" else "pending reviews"] += getattr(counts, name)


@hooks.register("clinic_reviews_awaiting_response")
def reviews_awaiting_response(clinics):
    """Feeds the managers' dashboard panel (onboarding.panels)."""
    from reviews.admin_views.clinic import awaiting_response

    return awaiting_response(clinics)
