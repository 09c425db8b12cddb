"""Moderators' side of joining: the applications queue, approve, decline, resend an invitation."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from onboarding import applications
from onboarding.forms import ApproveForm, DeclineForm
from onboarding.models import ClinicApplication
from onboarding.views.admin_base import ModeratorPage


class ApplicationQueue(ModeratorPage):
    template_name = "onboarding/admin/application_queue.html"
    page_title = "Clinic applications"
    header_icon = "group"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", ClinicApplication.Status.PENDING)
        if status not in ClinicApplication.Status.values:
            status = ClinicApplication.Status.PENDING
        queryset = ClinicApplication.objects.filter(status=status).select_related("jurisdiction", "clinic")
        if status == ClinicApplication.Status.PENDING:
            queryset = queryset.order_by("created_at")  # oldest first: first come, first served
        return super().get_context_data(
            applications=queryset[:200], status=status, statuses=ClinicApplication.Status.choices, **kwargs
        )


class ApplicationDetail(ModeratorPage):
    template_name = "onboarding/admin/application_detail.html"
    header_icon = "group"

    def dispatch(self, request, pk, **kwargs):
        self.application = get_object_or_404(
            ClinicApplication.objects.select_related("jurisdiction", "clinic", "decided_by", "manager"), pk=pk
        )
        return super().dispatch(request, pk, **kwargs)

    def get_page_title(self):
        return f"Application: {self.application.clinic_name}"

    def get_context_data(self, approve_form=None, decline_form=None, **kwargs):
        application = self.application
        listed = None
        if not application.is_claim:
            listed = applications.listed_clinic_matching(application.clinic_name, application.city, application.website)
        return super().get_context_data(
            application=application,
            licences=application.licences.select_related("profession", "jurisdiction"),
            listed_match=listed,
            invitations=application.clinic.invitations.filter(email=application.contact_email)
            if application.clinic_id
            else [],
            approve_form=approve_form
            or ApproveForm(initial={"latitude": application.latitude, "longitude": application.longitude}),
            decline_form=decline_form or DeclineForm(),
            **kwargs,
        )

    def post(self, request, pk):
        action = request.POST.get("action")
        application = self.application
        try:
            if action == "approve":
                form = ApproveForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(approve_form=form), status=400)
                applications.approve(application, by=request.user, **form.cleaned_data)
                messages.success(request, f"Approved {application.clinic_name}; the invitation is on its way.")
            elif action == "decline":
                form = DeclineForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(decline_form=form), status=400)
                applications.decline(application, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, f"Declined {application.clinic_name}; the reason was e-mailed.")
            elif action == "resend":
                applications.resend_invitation(application, by=request.user)
                messages.success(request, f"A new invitation was sent to {application.contact_email}.")
            else:
                messages.error(request, "Unknown action.")
                return self.render_to_response(self.get_context_data(), status=400)
        except applications.DecisionError as error:
            messages.error(request, str(error))
            self.application.refresh_from_db()
            return self.render_to_response(self.get_context_data(), status=400)
        return redirect(reverse("onboarding_admin:application", args=[application.pk]))
