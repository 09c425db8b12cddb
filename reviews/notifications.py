"""E-mails to authors: the confirmation link, and the outcome of moderation."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from reviews.policy import REJECTION_EXPLANATIONS


def site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template, context, to):
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", None, [to])


def send_confirmation(review, link):
    _send("reviews/email/confirm.txt", {"review": review, "link": link, "subject": review.page.title}, review.email)


def notify_review_author(review, removed=False):
    context = {
        "review": review,
        "subject": review.page.title,
        "removed": removed,
        "explanation": REJECTION_EXPLANATIONS.get(review.rejection_reason, ""),
        "page_url": site_url(review.page.url or "/"),
        "policy_url": site_url(reverse("reviews:policy")),
    }
    _send("reviews/email/review_outcome.txt", context, review.email)


def notify_response_author(response):
    if not (response.author and response.author.email):
        return
    context = {
        "response": response,
        "explanation": REJECTION_EXPLANATIONS.get(response.rejection_reason, ""),
        "policy_url": site_url(reverse("reviews:policy")),
    }
    _send("reviews/email/response_outcome.txt", context, response.author.email)
