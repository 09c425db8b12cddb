"""E-mails to clinics, sent only once the change they announce is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from wagtail.admin.utils import get_admin_base_url


def absolute_url(path):
    return get_admin_base_url().rstrip("/") + path


def send_after_commit(template, recipients, context):
    """Render onboarding/email/<template>.txt (first line the subject) and send it after commit."""
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    text = render_to_string(f"onboarding/email/{template}.txt", {"site_name": settings.WAGTAIL_SITE_NAME, **context})
    subject, _, body = text.strip().partition("\n")
    transaction.on_commit(
        lambda: send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, recipients)
    )
