"""Public pages: write a review, confirm it, report one, mark one helpful, read the policy.

All work without JavaScript and without an account. Refusals say why, with a 4xx,
and give the patient their text back.
"""

import uuid

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from home.ratelimit import client_ip, keyed_hash
from reviews import ratelimit
from reviews.forms import ReportForm, ReviewForm
from reviews.models import Review
from reviews.notifications import send_confirmation
from reviews.policy import HIDE_AT_ONCE, HIDE_AT_ONCE_WORDS, REJECTION_EXPLANATIONS, RejectionReason
from reviews.subjects import reviewable
from reviews.submission import (
    CONFIRMATION_MAX_AGE,
    ConfirmationError,
    confirm,
    confirmation_token,
    file_report,
    mark_helpful,
    new_review,
    review_for_token,
)

VISITOR_COOKIE = "inscope_visitor"
VISITOR_SALT = "reviews.visitor"
TOO_MANY = "You have sent several {what} in a short time. Please try again later; your text is kept below."


def _public_review(review_id):
    return get_object_or_404(
        Review.objects.select_related("page").filter(
            status=Review.Status.APPROVED, hidden_at__isnull=True, page__live=True
        ),
        pk=review_id,
    )


@require_http_methods(["GET", "POST"])
def write_review(request, page_id):
    page = get_object_or_404(Page.objects.live(), pk=page_id)
    subject = reviewable(page)
    if subject is None:
        return TemplateResponse(request, "reviews/not_reviewable.html", {"subject": page}, status=404)
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not (
            ratelimit.allow("review_per_address", client_ip(request))
            and ratelimit.allow("review_per_email", form.cleaned_data["email"].lower())
        ):
            form.add_error(None, TOO_MANY.format(what="reviews"))
            status = 429
        else:
            review = new_review(form, subject, keyed_hash(client_ip(request)))
            link = request.build_absolute_uri(reverse("reviews:confirm", args=[confirmation_token(review)]))
            send_confirmation(review, link)
            return redirect("reviews:sent", page_id=subject.pk)
    context = {"subject": subject, "form": form, "policy": RejectionReason.choices}
    return TemplateResponse(request, "reviews/review_form.html", context, status=status)


def review_sent(request, page_id):
    subject = reviewable(get_object_or_404(Page.objects.live(), pk=page_id))
    if subject is None:
        return TemplateResponse(request, "reviews/not_reviewable.html", {"subject": None}, status=404)
    days = CONFIRMATION_MAX_AGE // 86400
    return TemplateResponse(request, "reviews/review_sent.html", {"subject": subject, "days": days})


@require_http_methods(["GET", "POST"])
def confirm_review(request, token):
    """GET shows a button; POST confirms. Mail scanners that follow links cannot use a link up."""
    try:
        if request.method == "POST":
            review = confirm(token)
            return TemplateResponse(request, "reviews/confirmed.html", {"review": review})
        review, _ = review_for_token(token)
    except ConfirmationError as error:
        return TemplateResponse(request, "reviews/confirm_failed.html", {"message": error.message}, status=error.status)
    return TemplateResponse(request, "reviews/confirm.html", {"review": review})


@require_http_methods(["GET", "POST"])
def report_review(request, review_id):
    review = _public_review(review_id)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not ratelimit.allow("report_per_address", client_ip(request)):
            form.add_error(None, TOO_MANY.format(what="reports"))
            status = 429
        else:
            file_report(
                review,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                reporter_email=form.cleaned_data["email"],
                reporter=request.user if request.user.is_authenticated else None,
                ip_hash=keyed_hash(client_ip(request)),
            )
            hidden = form.cleaned_data["reason"] in HIDE_AT_ONCE
            return TemplateResponse(request, "reviews/reported.html", {"review": review, "hidden": hidden})
    context = {"review": review, "form": form, "hide_at_once": HIDE_AT_ONCE_WORDS}
    return TemplateResponse(request, "reviews/report_form.html", context, status=status)


def visitor_key(request):
    """A keyed hash of this browser's random visitor id, or None if it has none yet."""
    visitor = request.get_signed_cookie(VISITOR_COOKIE, default=None, salt=VISITOR_SALT)
    return keyed_hash(f"helpful:{visitor}") if visitor else None


@require_POST
def helpful(request, review_id):
    """Mark a review helpful, once per browser: a random id in a signed cookie, stored only as a keyed hash."""
    review = _public_review(review_id)
    back = f"{review.page.url or '/'}#review-{review.pk}"
    response = HttpResponseRedirect(back)
    visitor = request.get_signed_cookie(VISITOR_COOKIE, default=None, salt=VISITOR_SALT)
    if visitor is None:
        visitor = uuid.uuid4().hex
        response.set_signed_cookie(
            VISITOR_COOKIE,
            visitor,
            salt=VISITOR_SALT,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    if not ratelimit.allow("helpful_per_address", client_ip(request)):
        return TemplateResponse(request, "reviews/too_many.html", {"what": "helpful marks", "back": back}, status=429)
    mark_helpful(review, keyed_hash(f"helpful:{visitor}"))
    return response


def policy(request):
    reasons = [(label, REJECTION_EXPLANATIONS[value]) for value, label in RejectionReason.choices]
    return TemplateResponse(request, "reviews/policy.html", {"reasons": reasons, "hide_at_once": HIDE_AT_ONCE_WORDS})
