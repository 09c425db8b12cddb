"""The published moderation policy: the only reasons a review may be rejected or reported.

One list, whatever the star rating. The policy page, the moderators' forms, the
report form and the e-mails to authors all read it from here, so what is published
is what is enforced.
"""

from django.db import models


class RejectionReason(models.TextChoices):
    NOT_GENUINE = "not_genuine", "Not a genuine experience"
    PERSONAL_INFORMATION = "personal_information", "Personal information"
    OFFENSIVE = "offensive", "Offensive or unlawful content"
    ADVERTISING = "advertising", "Advertising or promotion"
    CONFLICT_OF_INTEREST = "conflict_of_interest", "Conflict of interest"
    OFF_TOPIC = "off_topic", "Off topic"


REJECTION_EXPLANATIONS = {
    RejectionReason.NOT_GENUINE: (
        "The review does not describe the author's own experience as a patient of this practitioner or "
        "clinic: for example it is second-hand, invented, or written for someone else."
    ),
    RejectionReason.PERSONAL_INFORMATION: (
        "The review names or identifies another patient or a member of staff beyond their professional "
        "role, or gives contact details, addresses or health details of anyone but the author."
    ),
    RejectionReason.OFFENSIVE: (
        "The review contains threats, harassment, hate speech, obscene language, or content that would "
        "be unlawful to publish, such as an allegation of a crime stated as fact."
    ),
    RejectionReason.ADVERTISING: (
        "The review promotes a product, service or business, or contains links or contact details "
        "that serve that purpose."
    ),
    RejectionReason.CONFLICT_OF_INTEREST: (
        "The author works for, owns, is related to, or competes with the practitioner or clinic, "
        "or was offered something in return for the review."
    ),
    RejectionReason.OFF_TOPIC: (
        "The review is not about the care received: for example it is about parking fines in the area, "
        "national health policy, or another practitioner."
    ),
}


class ReportReason(models.TextChoices):
    NOT_GENUINE = "not_genuine", "Not a genuine experience"
    PERSONAL_INFORMATION = "personal_information", "It exposes personal information"
    OFFENSIVE = "offensive", "Offensive content"
    UNLAWFUL = "unlawful", "Unlawful content"
    ADVERTISING = "advertising", "Advertising or promotion"
    CONFLICT_OF_INTEREST = "conflict_of_interest", "Conflict of interest"


# A report of these hides the review at once, until a moderator decides: the harm of
# leaving it up outweighs the harm of a short, reversible hiding.
HIDE_AT_ONCE = frozenset({ReportReason.PERSONAL_INFORMATION, ReportReason.UNLAWFUL})
HIDE_AT_ONCE_WORDS = "exposes personal information or is unlawful"

# Upholding a report removes the review for the matching published reason.
REPORT_TO_REJECTION = {
    ReportReason.NOT_GENUINE: RejectionReason.NOT_GENUINE,
    ReportReason.PERSONAL_INFORMATION: RejectionReason.PERSONAL_INFORMATION,
    ReportReason.OFFENSIVE: RejectionReason.OFFENSIVE,
    ReportReason.UNLAWFUL: RejectionReason.OFFENSIVE,
    ReportReason.ADVERTISING: RejectionReason.ADVERTISING,
    ReportReason.CONFLICT_OF_INTEREST: RejectionReason.CONFLICT_OF_INTEREST,
}

# Countries whose law forbids testimonials about clinical outcomes in health advertising.
CLINICAL_TESTIMONIAL_BANS = {
    "AU": (
        "Australian law forbids testimonials about clinical aspects of care in advertising a regulated "
        "health service (Health Practitioner Regulation National Law, section 133). A testimonial that "
        "speaks about a clinical outcome cannot be shown for this clinic or practitioner."
    ),
}

REVIEW_WINDOW_DAYS = 365  # one review per person per practitioner or clinic in this many days
