"""Public views outside the page tree: a patient's appointment request and its confirmation."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from directory import appointments
from directory.forms import AppointmentRequestForm

SESSION_KEY = "appointment_request_sent"


def _page_or_404(page_id):
    page = appointments.requestable_page(page_id)
    if page is None:
        raise Http404("No practitioner or clinic here takes appointment requests.")
    return page


@never_cache
@require_http_methods(["GET", "POST"])
def appointment_request(request, page_id):
    """The form on its own page; profiles embed the same form and post here.

    Invalid input answers 400 with the form and its messages, too many requests 429.
    """
    page = _page_or_404(page_id)
    locations = appointments.locations_for(page)
    context = {"target": page, "page_title": f"Request an appointment with {page.title}"}
    if request.method == "GET":
        context["form"] = AppointmentRequestForm(locations=locations)
        return TemplateResponse(request, "directory/appointment_request.html", context)

    form = AppointmentRequestForm(request.POST, locations=locations)
    context["form"] = form
    if appointments.ip_limited(request) or appointments.email_limited(request.POST.get("email", "")):
        context["rate_limited"] = True
        return TemplateResponse(request, "directory/appointment_request.html", context, status=429)
    if not form.is_valid():
        return TemplateResponse(request, "directory/appointment_request.html", context, status=400)

    appointment = appointments.create_request(form, page)
    appointments.count_request(request, appointment.email)
    request.session[SESSION_KEY] = appointment.pk
    return redirect("appointment_sent", page_id=page.pk)


@never_cache
@require_http_methods(["GET"])
def appointment_sent(request, page_id):
    """The confirmation. What was sent is shown only to the browser that sent it."""
    page = _page_or_404(page_id)
    appointment = None
    sent_id = request.session.get(SESSION_KEY)
    if sent_id:
        appointment = (
            appointments.AppointmentRequest.objects.filter(pk=sent_id, clinic__isnull=False)
            .select_related("clinic", "location", "practitioner")
            .first()
        )
        if appointment and page.pk not in (appointment.practitioner_id, appointment.clinic_id):
            appointment = None
    context = {"target": page, "appointment": appointment, "page_title": "Your request has been sent"}
    return TemplateResponse(request, "directory/appointment_sent.html", context)
