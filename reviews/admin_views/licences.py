"""The licence verification queue: unverified licences, oldest first, for moderators.

It builds on directory's licence admin: the same LicenceVerificationForm and
Licence.record_verification. The decision is recorded only if the licence is still
in the state the moderator saw (two moderators cannot both decide it), and it is
written to the audit log by reviews.signals, which logs every verification however made.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from directory.forms import LicenceVerificationForm
from directory.models import Licence
from directory.permissions import licence_policy
from reviews.models import AuditEntry


def _require_verifier(user):
    if not licence_policy.user_has_permission(user, "verify"):
        raise PermissionDenied


def licence_queue(request):
    _require_verifier(request.user)
    unverified = (
        Licence.objects.filter(verification_status=Licence.Verification.UNVERIFIED)
        .select_related("practitioner", "profession", "jurisdiction")
        .order_by("created_at", "pk")
    )
    page = Paginator(unverified, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "reviews/admin/licence_queue.html", {"page": page, "count": unverified.count()})


def verify_from_queue(request, pk):
    _require_verifier(request.user)
    licence = get_object_or_404(Licence.objects.select_related("practitioner", "profession", "jurisdiction"), pk=pk)
    seen = request.POST.get("seen_updated_at") or licence.updated_at.isoformat()
    form = LicenceVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            current = Licence.objects.select_for_update().get(pk=pk)
            if current.updated_at.isoformat() != seen:
                state = current.get_verification_status_display().lower()
                who = f" by {current.verified_by.get_username()}" if current.verified_by else ""
                messages.warning(
                    request, f"{current} changed while you were checking it (now {state}{who}). Nothing was recorded."
                )
                return redirect("reviews_licence_queue")
            form.save(current, request.user)
        messages.success(request, f"Recorded: {current} is {current.get_verification_status_display().lower()}.")
        return redirect("reviews_licence_queue")
    history = AuditEntry.objects.filter(target_type="directory.licence", target_id=str(licence.pk))[:10]
    context = {"licence": licence, "form": form, "seen": seen, "history": history}
    return TemplateResponse(request, "reviews/admin/verify_licence.html", context, status=400 if form.errors else 200)
