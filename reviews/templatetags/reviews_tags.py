"""{% reviews_section page %} and {% rating_badge page %}: reviews and ratings on public pages.

The section runs a fixed number of queries however many reviews it shows: one for
the summary (none when the page passes the one it already loaded), two for a page of
reviews (count and rows, with technique and condition joined), one for their published
responses, one for testimonials and, for a visitor who has marked reviews helpful, one
for which.
"""

from django import template
from django.core.paginator import Paginator

from directory.models import ClinicPage
from reviews.models import HelpfulVote, RatingSummary, Review, ReviewResponse, Testimonial

register = template.Library()

REVIEWS_PER_PAGE = 10
PAGE_PARAMETER = "reviews_page"
_UNKNOWN = object()


def summary_for(obj):
    """A RatingSummary for a page (using one already loaded with select_related), or None.

    Anything with a `rating_summary` works, such as a search hit, which carries its own.
    """
    if isinstance(obj, RatingSummary):
        return obj
    try:
        return obj.rating_summary
    except (RatingSummary.DoesNotExist, AttributeError):
        return None


@register.inclusion_tag("reviews/includes/rating_badge.html")
def rating_badge(obj):
    summary = summary_for(obj)
    return {"summary": summary if summary and summary.count else None}


@register.inclusion_tag("reviews/includes/reviews_section.html", takes_context=True)
def reviews_section(context, page, summary=_UNKNOWN):
    """`summary`: the page's RatingSummary (or None) when the caller has already loaded it."""
    from reviews.views import visitor_key

    request = context.get("request")
    if summary is _UNKNOWN:
        summary = RatingSummary.objects.filter(page_id=page.pk).first()
    reviews = (
        Review.objects.filter(page_id=page.pk, status=Review.Status.APPROVED, hidden_at__isnull=True)
        .select_related("technique", "condition")
        .order_by("-confirmed_at", "-pk")
    )
    number = request.GET.get(PAGE_PARAMETER) if request else None
    page_obj = Paginator(reviews, REVIEWS_PER_PAGE).get_page(number)
    shown = list(page_obj.object_list)
    ids = [review.pk for review in shown]
    responses = {}
    if ids:
        approved = ReviewResponse.objects.filter(review_id__in=ids, status=ReviewResponse.Status.APPROVED)
        responses = {response.review_id: response for response in approved}
    key = visitor_key(request) if request else None
    voted = set()
    if key and ids:
        voted = set(HelpfulVote.objects.filter(voter_key=key, review_id__in=ids).values_list("review_id", flat=True))
    for review in shown:
        review.public_response = responses.get(review.pk)
        review.marked_helpful = review.pk in voted

    is_clinic = issubclass(getattr(page, "specific_class", None) or type(page), ClinicPage)
    testimonials = Testimonial.objects.filter(**({"clinic_id": page.pk} if is_clinic else {"practitioner_id": page.pk}))
    return {
        "request": request,
        "page": page,
        "is_clinic": is_clinic,
        "summary": summary if summary and summary.count else None,
        "page_obj": page_obj,
        "reviews": shown,
        "page_parameter": PAGE_PARAMETER,
        "testimonials": list(testimonials.select_related("practitioner")),
    }
