"""The managers' dashboard panel: what is missing, who is waiting, what is about to lapse.

Reviews awaiting a response come from the apps that register the
`clinic_reviews_awaiting_response` hook (reviews does): a function taking the clinics
queryset and returning (text, url) pairs. The hook keeps onboarding free of reviews' models.
"""

import datetime

from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from directory.models import AppointmentRequest, Licence
from directory.permissions import clinics_managed_by, practitioners_managed_by
from directory.roles import is_moderator
from onboarding.affiliations import involving
from onboarding.completeness import listing_checks
from onboarding.models import Affiliation
from onboarding.publication import managers_may_publish

EXPIRY_WARNING_DAYS = 60
REVIEWS_HOOK = "clinic_reviews_awaiting_response"


def reviews_awaiting_response(clinics):
    return [item for provider in hooks.get_hooks(REVIEWS_HOOK) for item in provider(clinics)]


def shows_panel_to(user):
    return user.is_active and not user.is_superuser and not is_moderator(user) and clinics_managed_by(user).exists()


class ClinicDashboardPanel(Component):
    name = "clinic_dashboard"
    order = 50
    template_name = "onboarding/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        clinics = list(clinics_managed_by(self.user).order_by("title")[:10])
        clinic_ids = [clinic.pk for clinic in clinics]
        appointments = AppointmentRequest.objects.filter(
            clinic_id__in=clinic_ids, status=AppointmentRequest.Status.NEW
        ).select_related("clinic", "practitioner")
        expiring = (
            Licence.objects.filter(
                practitioner__in=practitioners_managed_by(self.user),
                expires_on__gte=today,
                expires_on__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
            )
            .select_related("practitioner", "profession", "jurisdiction")
            .order_by("expires_on")
        )
        waiting_affiliations = [
            affiliation
            for affiliation in involving(clinic_ids).filter(status=Affiliation.Status.PENDING)
            if affiliation.deciding_clinic_id in clinic_ids
        ]
        return {
            "listings": [
                {
                    "clinic": clinic,
                    "checks": listing_checks(clinic, on=today),
                    "awaiting_first_review": not clinic.first_published_at and not managers_may_publish(clinic),
                }
                for clinic in clinics
            ],
            "appointment_count": appointments.count(),
            "appointments": appointments[:5],
            "reviews": reviews_awaiting_response(clinics_managed_by(self.user)),
            "expiring": expiring[:20],
            "expiry_days": EXPIRY_WARNING_DAYS,
            "affiliations": waiting_affiliations,
        }
