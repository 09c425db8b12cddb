"""The moderation queue: pending reviews and responses and open reports, oldest first.

Each item shows its automatic findings and a decision form; checked items can be
decided together. The page also shows how long the oldest item has waited and the
rejection counts by star rating, so that suppression of low ratings would show.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min, Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from reviews.findings import LABELS
from reviews.forms import BulkDecisionForm, DecisionForm, ReportDecisionForm
from reviews.models import Review, ReviewReport, ReviewResponse
from reviews.moderation import (
    AlreadyDecided,
    decide_reports,
    decide_response,
    decide_review,
    rejection_counts_by_rating,
)
from reviews.permissions import can_moderate
from reviews.policy import RejectionReason

QUEUE_SIZE = 50
KINDS = [("", "Everything"), ("review", "Reviews"), ("response", "Clinic responses"), ("report", "Reported reviews")]


@dataclass
class QueueItem:
    kind: str
    obj: object
    waiting_since: datetime.datetime
    findings: list = field(default_factory=list)

    @property
    def key(self):
        return f"{self.kind}-{self.obj.pk}"

    @property
    def review(self):
        return self.obj if self.kind in ("review", "report") else self.obj.review


def moderator_required(view):
    def wrapped(request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def queue_items(kind="", finding="", rating=None):
    items = []
    if kind in ("", "review"):
        reviews = Review.objects.filter(status=Review.Status.PENDING).select_related("page", "technique", "condition")
        if finding:
            reviews = reviews.filter(finding_codes__contains=f",{finding},")
        if rating:
            reviews = reviews.filter(rating=rating)
        for review in reviews.order_by("confirmed_at", "pk")[:QUEUE_SIZE]:
            items.append(QueueItem("review", review, review.confirmed_at, review.findings))
    if kind in ("", "response") and not rating:
        responses = ReviewResponse.objects.filter(status=ReviewResponse.Status.PENDING).select_related(
            "review__page", "author"
        )
        if finding:
            responses = responses.filter(finding_codes__contains=f",{finding},")
        for response in responses.order_by("submitted_at", "pk")[:QUEUE_SIZE]:
            items.append(QueueItem("response", response, response.submitted_at, response.findings))
    if kind in ("", "report") and not finding:
        open_reports = ReviewReport.objects.filter(status=ReviewReport.Status.OPEN)
        reported = (
            Review.objects.filter(reports__status=ReviewReport.Status.OPEN, status=Review.Status.APPROVED)
            .annotate(first_report=Min("reports__created_at"))
            .select_related("page")
            .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        )
        if rating:
            reported = reported.filter(rating=rating)
        for review in reported.order_by("first_report", "pk")[:QUEUE_SIZE]:
            items.append(QueueItem("report", review, review.first_report, review.findings))
    items.sort(key=lambda item: (item.waiting_since, item.key))
    return items[:QUEUE_SIZE]


def queue_age():
    """How long the oldest pending item has waited, and how many are waiting, by kind."""
    oldest = [
        Review.objects.filter(status=Review.Status.PENDING).aggregate(t=Min("confirmed_at"))["t"],
        ReviewResponse.objects.filter(status=ReviewResponse.Status.PENDING).aggregate(t=Min("submitted_at"))["t"],
        ReviewReport.objects.filter(status=ReviewReport.Status.OPEN).aggregate(t=Min("created_at"))["t"],
    ]
    oldest = [t for t in oldest if t]
    return {
        "oldest": min(oldest) if oldest else None,
        "reviews": Review.objects.filter(status=Review.Status.PENDING).count(),
        "responses": ReviewResponse.objects.filter(status=ReviewResponse.Status.PENDING).count(),
        "reports": Review.objects.filter(reports__status=ReviewReport.Status.OPEN).distinct().count(),
    }


@moderator_required
def queue(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict(KINDS) else ""
    finding = request.GET.get("finding", "")
    finding = finding if finding in LABELS else ""
    rating = request.GET.get("rating", "")
    rating = int(rating) if rating in {"1", "2", "3", "4", "5"} else None
    now = timezone.now()
    context = {
        "items": queue_items(kind, finding, rating),
        "age": queue_age(),
        "now": now,
        "kinds": KINDS,
        "kind": kind,
        "finding_labels": sorted(LABELS.items(), key=lambda pair: pair[1]),
        "finding": finding,
        "rating": rating,
        "reasons": RejectionReason.choices,
        "rejection_tables": [
            ("Last 90 days", rejection_counts_by_rating(since=now - datetime.timedelta(days=90))),
            ("All time", rejection_counts_by_rating()),
        ],
    }
    return TemplateResponse(request, "reviews/admin/queue.html", context)


def _apply(kind, pk, user, approve, reason, note):
    if kind == "review":
        return decide_review(pk, by=user, approve=approve, reason=reason, note=note)
    return decide_response(pk, by=user, approve=approve, reason=reason, note=note)


def _back(request):
    target = request.POST.get("next", "")
    queue_url = reverse("reviews_moderation:queue")
    return redirect(target if target.startswith(queue_url) else queue_url)


@require_POST
@moderator_required
def decide(request, kind, pk):
    if kind not in ("review", "response"):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not decided: " + " ".join(e for errors in form.errors.values() for e in errors))
        return _back(request)
    try:
        _apply(kind, pk, request.user, form.approve, form.cleaned_data["reason"], form.cleaned_data["note"])
    except AlreadyDecided as error:
        messages.warning(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{kind.capitalize()} {'approved' if form.approve else 'rejected'}.")
    return _back(request)


@require_POST
@moderator_required
def decide_bulk(request):
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not decided: " + " ".join(e for errors in form.errors.values() for e in errors))
        return _back(request)
    done, lost = 0, []
    for kind, pk in form.cleaned_data["items"]:
        try:
            _apply(kind, pk, request.user, form.approve, form.cleaned_data["reason"], form.cleaned_data["note"])
            done += 1
        except AlreadyDecided as error:
            lost.append(str(error))
    if done:
        messages.success(
            request, f"{done} item{'s' if done != 1 else ''} {'approved' if form.approve else 'rejected'}."
        )
    for message in lost:
        messages.warning(request, message)
    return _back(request)


@require_POST
@moderator_required
def decide_report(request, pk):
    form = ReportDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not decided: choose to uphold or dismiss the report.")
        return _back(request)
    uphold = form.cleaned_data["decision"] == "uphold"
    try:
        decide_reports(
            pk, by=request.user, uphold=uphold, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
        )
    except AlreadyDecided as error:
        messages.warning(request, str(error))
    else:
        messages.success(
            request, "Report upheld: the review is removed." if uphold else "Report dismissed: the review is shown."
        )
    return _back(request)
