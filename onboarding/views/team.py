"""Managers' side: who runs the clinic, invitations for colleagues, removals.

Every action names a clinic, and every clinic is looked up among the ones the user
manages: another clinic's team is a 404, never a form.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from onboarding import teams
from onboarding.forms import InviteForm
from onboarding.models import Invitation
from onboarding.views.admin_base import ManagerPage


class TeamPage(ManagerPage):
    template_name = "onboarding/admin/team.html"
    page_title = "Clinic team"
    header_icon = "group"

    def get_context_data(self, invite_form=None, **kwargs):
        clinics = self.managed_clinics()
        rows = [
            {
                "clinic": clinic,
                "managers": teams.managers_of(clinic),
                "invitations": Invitation.objects.open().filter(clinic=clinic).select_related("invited_by"),
            }
            for clinic in clinics[:50]
        ]
        return super().get_context_data(
            teams=rows,
            invite_form=invite_form or InviteForm(clinics=clinics),
            valid_days=settings.INVITATION_VALID_DAYS,
            **kwargs,
        )

    def clinic_from(self, request):
        try:
            return self.managed_clinics().get(pk=int(request.POST.get("clinic", "")))
        except (ValueError, TypeError) as error:
            raise Http404("No clinic.") from error
        except self.managed_clinics().model.DoesNotExist as error:
            raise Http404("No clinic you manage.") from error

    def post(self, request):
        action = request.POST.get("action")
        if action == "invite":
            form = InviteForm(request.POST, clinics=self.managed_clinics())
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(invite_form=form), status=400)
            clinic, email = form.cleaned_data["clinic"], form.cleaned_data["email"]
            try:
                with transaction.atomic():
                    teams.invite(clinic, email, invited_by=request.user)
            except teams.TeamError as error:
                form.add_error("email", str(error))
                return self.render_to_response(self.get_context_data(invite_form=form), status=400)
            messages.success(request, f"Invitation sent to {email}.")
        elif action == "remove":
            clinic = self.clinic_from(request)
            user = get_object_or_404(get_user_model(), pk=request.POST.get("user"))
            try:
                teams.remove_manager(clinic, user, removed_by=request.user)
            except teams.TeamError as error:
                messages.error(request, str(error))
                return self.render_to_response(self.get_context_data(), status=400)
            messages.success(request, f"{user.email or user.get_username()} no longer manages {clinic.title}.")
        elif action == "revoke":
            clinic = self.clinic_from(request)
            invitation = get_object_or_404(Invitation.objects.open(), pk=request.POST.get("invitation"), clinic=clinic)
            teams.revoke(invitation)
            messages.success(request, f"The invitation to {invitation.email} no longer works.")
        else:
            messages.error(request, "Unknown action.")
            return self.render_to_response(self.get_context_data(), status=400)
        return redirect(reverse("onboarding_admin:team"))
