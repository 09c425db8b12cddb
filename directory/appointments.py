"""Appointment requests, from a patient's form to a clinic's inbox and e-mail.

Key ideas:
- A request goes to the clinic of the location the patient chose (a practitioner may
  practise at another clinic's location), else to the practitioner's own clinic.
- Requests are saved before anything is sent: a failing mail server never loses one.
- The e-mail says that a request arrived and links to the inbox; the patient's contact
  details and reason stay in the admin, and nothing about their health is in the subject.
- Rate limits per client address and per e-mail address live in the cache (home.ratelimit).
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from directory.models import AppointmentRequest, ClinicLocation, ClinicPage, PractitionerPage
from home import ratelimit

logger = logging.getLogger(__name__)

HOUR = 3600
DAY = 24 * HOUR


def _limits():
    return (
        getattr(settings, "APPOINTMENT_REQUESTS_PER_IP_PER_HOUR", 5),
        getattr(settings, "APPOINTMENT_REQUESTS_PER_EMAIL_PER_DAY", 3),
    )


def ip_limited(request):
    per_ip, _ = _limits()
    return ratelimit.exceeded(f"appointment:ip:{ratelimit.client_ip(request)}", per_ip)


def email_limited(email):
    _, per_email = _limits()
    return bool(email) and ratelimit.exceeded(f"appointment:email:{email.strip().lower()}", per_email)


def count_request(request, email):
    ratelimit.hit(f"appointment:ip:{ratelimit.client_ip(request)}", HOUR)
    if email:
        ratelimit.hit(f"appointment:email:{email.strip().lower()}", DAY)


def requestable_page(page_id):
    """The live, public practitioner or clinic page a patient may send a request to, or None."""
    page = PractitionerPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        page = ClinicPage.objects.live().public().filter(pk=page_id).first()
    return page


def locations_for(page):
    """Where the patient may ask to be seen, each location with its clinic loaded."""
    if isinstance(page, PractitionerPage):
        queryset = ClinicLocation.objects.filter(practitioner_links__practitioner=page)
    else:
        queryset = ClinicLocation.objects.filter(clinic=page)
    return list(queryset.select_related("clinic", "jurisdiction").order_by("clinic__title", "sort_order", "pk"))


@transaction.atomic
def create_request(form, page):
    """Save a valid form as a request in the right clinic's inbox, and e-mail that clinic after commit."""
    appointment = form.save(commit=False)
    location = form.cleaned_data.get("location")
    if isinstance(page, PractitionerPage):
        appointment.practitioner = page
        appointment.clinic = location.clinic if location else page.get_parent().specific
    else:
        appointment.clinic = page
    appointment.status = AppointmentRequest.Status.NEW
    appointment.save()
    transaction.on_commit(lambda: notify_clinic(appointment))
    return appointment


def recipients(clinic):
    """The clinic's own address, else the addresses of its managers."""
    if clinic.email:
        return [clinic.email]
    team = getattr(clinic, "team", None)
    if team is None:
        return []
    users = get_user_model().objects.filter(groups=team.group, is_active=True).exclude(email="")
    return sorted({user.email for user in users})


def notify_clinic(appointment):
    """Tell the clinic a request arrived. Failures are logged; the request is already saved."""
    to = recipients(appointment.clinic)
    if not to:
        logger.warning("Appointment request %s: clinic %s has no e-mail address", appointment.pk, appointment.clinic_id)
        return False
    inbox = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("appointment_inbox:edit", args=[appointment.pk])
    context = {"appointment": appointment, "inbox_url": inbox, "site_name": settings.WAGTAIL_SITE_NAME}
    subject = f"New appointment request for {appointment.practitioner or appointment.clinic}"
    body = render_to_string("directory/email/appointment_request.txt", context)
    try:
        send_mail(subject, body, None, to)
    except Exception as error:  # noqa: BLE001 - any mail failure; the request stays in the inbox
        # The error's class only: SMTP errors quote the addresses they refused, and logs hold no addresses.
        logger.error(
            "Appointment request %s: e-mail to clinic %s failed (%s)",
            appointment.pk,
            appointment.clinic_id,
            type(error).__name__,
        )
        return False
    return True


def purge(days, now=None):
    """Delete requests created more than `days` days ago; return how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _ = AppointmentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
