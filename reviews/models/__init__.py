from reviews.models.audit import AuditEntry, ImmutableEntry
from reviews.models.ratings import RatingSummary
from reviews.models.reviews import ASPECTS, HelpfulVote, Review, ReviewReport, ReviewResponse, normalise_email
from reviews.models.testimonials import Testimonial

__all__ = [
    "ASPECTS",
    "AuditEntry",
    "HelpfulVote",
    "ImmutableEntry",
    "RatingSummary",
    "Review",
    "ReviewReport",
    "ReviewResponse",
    "Testimonial",
    "normalise_email",
]
