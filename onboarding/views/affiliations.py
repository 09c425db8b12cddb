"""Managers' side of affiliations: ask another clinic, answer what others ask, end or withdraw."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from directory.models import ClinicLocation, PractitionerPage
from directory.permissions import practitioners_managed_by
from onboarding import affiliations
from onboarding.forms import AffiliationRequestForm, ReasonForm
from onboarding.models import Affiliation
from onboarding.views.admin_base import ManagerPage


class AffiliationsPage(ManagerPage):
    template_name = "onboarding/admin/affiliations.html"
    page_title = "Affiliations"
    header_icon = "link"

    def get_context_data(self, **kwargs):
        mine = affiliations.managed_clinic_ids(self.request.user)
        rows = list(affiliations.involving(mine).order_by("-created_at")[:300])
        for row in rows:
            row.ours_to_answer = row.status == Affiliation.Status.PENDING and row.deciding_clinic_id in mine
            row.ours_to_withdraw = row.status == Affiliation.Status.PENDING and row.requesting_clinic_id in mine
        return super().get_context_data(
            to_answer=[row for row in rows if row.ours_to_answer],
            asked=[row for row in rows if row.ours_to_withdraw],
            accepted=[row for row in rows if row.status == Affiliation.Status.ACCEPTED],
            closed=[row for row in rows if row.status not in affiliations.OPEN],
            **kwargs,
        )

    def post(self, request):
        affiliation = get_object_or_404(Affiliation, pk=request.POST.get("affiliation"))
        if not affiliations.involving(affiliations.managed_clinic_ids(request.user)).filter(pk=affiliation.pk).exists():
            raise Http404("No affiliation of your clinics.")
        reason_form = ReasonForm(request.POST)
        reason = reason_form.cleaned_data["reason"] if reason_form.is_valid() else ""
        action = request.POST.get("action")
        try:
            if action in ("accept", "decline"):
                affiliations.decide(affiliation, by=request.user, accept=action == "accept", reason=reason)
                messages.success(request, f"Request {'accepted' if action == 'accept' else 'declined'}.")
            elif action == "withdraw":
                affiliations.withdraw(affiliation, by=request.user)
                messages.success(request, "Request withdrawn.")
            elif action == "end":
                affiliations.end(affiliation, by=request.user, reason=reason)
                messages.success(request, "Affiliation ended; the location is off the practitioner's profile.")
            else:
                messages.error(request, "Unknown action.")
                return self.render_to_response(self.get_context_data(), status=400)
        except affiliations.AffiliationError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(), status=400)
        return redirect(reverse("onboarding_admin:affiliations"))


class RequestAffiliationPage(ManagerPage):
    """Find a practitioner elsewhere to host at your location, or a location elsewhere for your practitioner."""

    template_name = "onboarding/admin/affiliation_request.html"
    page_title = "Request an affiliation"
    header_icon = "link"

    def querysets(self):
        user = self.request.user
        clinics = self.managed_clinics()
        own_practitioners = practitioners_managed_by(user).order_by("title")
        own_locations = ClinicLocation.objects.filter(clinic__in=clinics).select_related("clinic")
        practitioners = PractitionerPage.objects.filter(
            Q(pk__in=own_practitioners.values("pk")) | Q(live=True)
        ).order_by("title")
        locations = ClinicLocation.objects.filter(Q(clinic__in=clinics) | Q(clinic__live=True)).select_related("clinic")
        return own_practitioners, own_locations, practitioners, locations

    def get_context_data(self, form=None, **kwargs):
        own_practitioners, own_locations, practitioners, locations = self.querysets()
        query = self.request.GET.get("q", "").strip()[:100]
        found_practitioners, found_locations = [], []
        if len(query) >= 2:
            found_practitioners = (
                practitioners.filter(title__icontains=query, live=True)
                .exclude(pk__in=own_practitioners.values("pk"))
                .order_by("title")[:20]
            )
            found_locations = (
                locations.filter(Q(clinic__title__icontains=query) | Q(city__icontains=query), clinic__live=True)
                .exclude(pk__in=own_locations.values("pk"))
                .order_by("clinic__title")[:20]
            )
        return super().get_context_data(
            query=query,
            found_practitioners=found_practitioners,
            found_locations=found_locations,
            own_practitioners=own_practitioners,
            own_locations=own_locations,
            form=form,
            **kwargs,
        )

    def post(self, request):
        _, _, practitioners, locations = self.querysets()
        form = AffiliationRequestForm(request.POST, practitioners=practitioners, locations=locations)
        if form.is_valid():
            try:
                affiliation = affiliations.request(
                    form.cleaned_data["practitioner"],
                    form.cleaned_data["location"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except affiliations.AffiliationError as error:
                form.add_error(None, str(error))
            else:
                if affiliation.status == Affiliation.Status.ACCEPTED:
                    messages.success(request, "Affiliation recorded: you manage both clinics.")
                else:
                    messages.success(request, "Request sent; the other clinic's managers will answer it.")
                return redirect(reverse("onboarding_admin:affiliations"))
        return self.render_to_response(self.get_context_data(form=form), status=400)
