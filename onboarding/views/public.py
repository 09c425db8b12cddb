"""The public side: the "List your clinic" form and the invitation link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from home import ratelimit
from onboarding import teams
from onboarding.applications import city_centre
from onboarding.forms import ClaimedLicenceFormSet, ClinicApplicationForm, SetPasswordForm

RATE_LIMITED = (
    "We received several applications from your connection in the last hour, so this one was not sent. "
    "Your answers are still below: please wait an hour and send them again."
)
HONEYPOT = (
    "This form arrived with a hidden field filled in, as automated submissions do, so it was not sent. "
    "If you are a person, please send it again without letting a tool fill in hidden fields."
)
DUPLICATE_RACE = (
    "An application for this clinic arrived moments ago and is waiting for a moderator; "
    "there is no need to apply again."
)


@never_cache
def apply(request):
    """Anyone may apply; a moderator decides. Rate-limited per address, with a honeypot for bots."""
    listing = request.GET.get("listing", "")[:300]  # "Is this your clinic?" links pass the listing's address
    form = ClinicApplicationForm(request.POST or None, initial={"listing": listing, "claim": bool(listing)})
    licences = ClaimedLicenceFormSet(request.POST or None, prefix="licences")
    if request.method == "POST":
        if not ratelimit.allow(
            f"clinic-application:{ratelimit.client_ip(request)}",
            limit=settings.CLINIC_APPLICATIONS_PER_HOUR,
            window=3600,
        ):
            context = {"form": form, "licences": licences, "refusal": RATE_LIMITED}
            return render(request, "onboarding/apply.html", context, status=429)
        if form.is_bot:
            context = {"form": form, "licences": licences, "refusal": HONEYPOT}
            return render(request, "onboarding/apply.html", context, status=400)
        form_valid, licences_valid = form.is_valid(), licences.is_valid()
        if form_valid and licences_valid:
            try:
                with transaction.atomic():
                    application = form.save(commit=False)
                    if not application.is_claim and application.latitude is None:
                        position = city_centre(application.city, application.jurisdiction)
                        if position:
                            application.latitude, application.longitude = position
                            application.position_is_approximate = True
                    application.save()
                    form.save_m2m()
                    licences.instance = application
                    licences.save()
            except IntegrityError:
                form.add_error(None, DUPLICATE_RACE)
            else:
                return redirect("onboarding:applied")
        status = 400
    else:
        status = 200
    return render(request, "onboarding/apply.html", {"form": form, "licences": licences}, status=status)


def applied(request):
    return render(request, "onboarding/applied.html")


@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation(request, token):
    """Opening the link changes nothing; setting a password (or confirming, for an existing account) uses it."""
    try:
        invite = teams.open_invitation(token)
    except teams.InvitationLinkError as problem:
        return unusable(request, problem.message, problem.status)
    user = invite.user
    new_account = not user.has_usable_password()
    if not new_account and request.user != user:
        context = {"invitation": invite, "login_url": f"{reverse('wagtailadmin_login')}?next={request.path}"}
        status = 403 if request.method == "POST" else 200
        return render(request, "onboarding/invitation_login.html", context, status=status)
    form = SetPasswordForm(user, request.POST or None) if new_account else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            teams.accept(invite, password=form.cleaned_data["password1"] if form else None)
        except teams.InvitationLinkError as problem:
            return unusable(request, problem.message, problem.status)
        except teams.TeamError as problem:
            return unusable(request, str(problem), 403)
        if new_account:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome: you now manage {invite.clinic.title} on InScope.")
        return redirect("wagtailadmin_home")
    status = 400 if request.method == "POST" else 200
    return render(request, "onboarding/invitation.html", {"invitation": invite, "form": form}, status=status)


def unusable(request, message, status):
    return render(request, "onboarding/invitation_unusable.html", {"message": message}, status=status)
