"""Clinic managers' side: their reviews (read, respond once, report) and their testimonials.

There is no view that edits, hides or deletes a patient's review: the review
viewset has an index and an inspect view only, plus respond and report.
Every object comes through the user's scoped queryset (reviews.permissions), so
another clinic's review or testimonial is a 404, as for licences in directory.
"""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy

from home.ratelimit import client_ip, keyed_hash
from reviews.admin_views.scoping import ScopedMixin
from reviews.findings import response_findings
from reviews.forms import ReportForm, ResponseForm, TestimonialForm
from reviews.models import Review, ReviewResponse, Testimonial
from reviews.permissions import clinic_review_policy, testimonial_policy
from reviews.submission import file_report

register_permission_policy(Review, clinic_review_policy)
register_permission_policy(Testimonial, testimonial_policy)


class ClinicReviewIndexView(ScopedMixin, generic.IndexView):
    policy = clinic_review_policy

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "response").order_by("-confirmed_at", "-pk")


class ClinicReviewInspectView(ScopedMixin, generic.InspectView):
    policy = clinic_review_policy
    template_name = "reviews/admin/clinic_review.html"

    @property
    def header_more_buttons(self):
        buttons = []
        review = self.object
        if review.status == Review.Status.APPROVED and can_respond(review):
            buttons.append(HeaderButton("Respond publicly", url=reverse("clinic_reviews:respond", args=[review.pk])))
        if review.is_public:
            buttons.append(HeaderButton("Report", url=reverse("clinic_reviews:report", args=[review.pk])))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.object
        context["response"] = ReviewResponse.objects.filter(review=self.object).first()
        return context


def can_respond(review):
    """Once per review: no response yet, or a rejected one the clinic may revise and resubmit."""
    existing = review.response if hasattr(review, "response") else None
    return existing is None or existing.status == ReviewResponse.Status.REJECTED


def awaiting_response(clinics, limit=10):
    """Approved reviews of these clinics and their practitioners with no live or pending response."""
    subtree = Q(pk__in=[])
    for clinic_path in clinics.values_list("path", flat=True):
        subtree |= Q(page__path__startswith=clinic_path)
    reviews = (
        Review.objects.filter(subtree, status=Review.Status.APPROVED)
        .exclude(response__status__in=[ReviewResponse.Status.PENDING, ReviewResponse.Status.APPROVED])
        .select_related("page")
        .order_by("-decided_at", "-pk")[:limit]
    )
    return [
        (
            f"{review.rating}★ “{review.title}” about {review.page.title}",
            reverse("clinic_reviews:inspect", args=[review.pk]),
        )
        for review in reviews
    ]


def _scoped_review(request, pk, action):
    review = clinic_review_policy.instances_user_has_permission_for(request.user, action).filter(pk=pk).first()
    if review is None:
        raise Http404("No review found.")
    return review


def respond(request, pk):
    """A manager's one public response to an approved review of their clinic or practitioner."""
    review = _scoped_review(request, pk, "respond")
    existing = ReviewResponse.objects.filter(review=review).first()
    if review.status != Review.Status.APPROVED or (existing and existing.status != ReviewResponse.Status.REJECTED):
        messages.error(request, "This review already has a response, or is not published, so it cannot be answered.")
        return redirect("clinic_reviews:inspect", pk=review.pk)
    form = ResponseForm(request.POST or None, instance=existing, review=review)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            response = form.save(commit=False)
            response.review = review
            response.author = request.user
            response.status = ReviewResponse.Status.PENDING
            response.submitted_at = timezone.now()
            response.decided_at, response.decided_by, response.rejection_reason = None, None, ""
            response.set_findings(response_findings(response))
            response.save()
            messages.success(request, "Your response was sent to the moderators. It is published once approved.")
            return redirect("clinic_reviews:inspect", pk=review.pk)
        status = 400
    context = {"review": review, "form": form, "previous": existing}
    return TemplateResponse(request, "reviews/admin/respond.html", context, status=status)


def report(request, pk):
    """A manager may report a review of their clinic; it is the only thing they can do against one."""
    review = _scoped_review(request, pk, "report")
    if not review.is_public:
        raise Http404("Only published reviews can be reported.")
    form = ReportForm(request.POST or None, initial={"email": request.user.email})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            file_report(
                review,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                reporter_email=form.cleaned_data["email"],
                reporter=request.user,
                ip_hash=keyed_hash(client_ip(request)),
            )
            messages.success(request, "Report sent to the moderators.")
            return redirect("clinic_reviews:inspect", pk=review.pk)
        status = 400
    return TemplateResponse(request, "reviews/admin/report.html", {"review": review, "form": form}, status=status)


class ClinicReviewViewSet(ModelViewSet):
    model = Review
    icon = "openquote"
    menu_label = "Reviews of your clinic"
    menu_order = 220
    add_to_admin_menu = True
    url_prefix = "clinic-reviews"
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = ClinicReviewIndexView
    inspect_view_class = ClinicReviewInspectView
    list_display = [
        Column("title", label="Review", accessor="title"),
        Column("page", label="About", accessor="page"),
        Column("rating", label="Rating"),
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("confirmed_at", label="Submitted"),
    ]
    list_filter = ["status", "rating"]
    search_fields = ["title", "body"]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("respond/<int:pk>/", respond, name="respond"),
            path("report/<int:pk>/", report, name="report"),
        ]


class TestimonialScopedMixin(ScopedMixin):
    policy = testimonial_policy


class TestimonialIndexView(TestimonialScopedMixin, generic.IndexView):
    pass


class TestimonialCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.created_by = self.request.user
        instance.save()
        return instance


class TestimonialEditView(TestimonialScopedMixin, generic.EditView):
    scope_actions = ["change"]


class TestimonialDeleteView(TestimonialScopedMixin, generic.DeleteView):
    scope_actions = ["delete"]


class TestimonialInspectView(TestimonialScopedMixin, generic.InspectView):
    pass


class TestimonialViewSet(ModelViewSet):
    model = Testimonial
    icon = "pick"
    menu_label = "Testimonials"
    menu_order = 230
    add_to_admin_menu = True
    url_prefix = "testimonials"
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = TestimonialIndexView
    add_view_class = TestimonialCreateView
    edit_view_class = TestimonialEditView
    delete_view_class = TestimonialDeleteView
    inspect_view_class = TestimonialInspectView
    list_display = ["display_name", "clinic", "practitioner", "about_clinical_outcome", "consent_obtained_on"]
    list_filter = ["about_clinical_outcome"]
    search_fields = ["quote", "display_name"]
    edit_handler = ObjectList(
        [
            FieldPanel("clinic"),
            FieldPanel("practitioner"),
            FieldPanel("quote"),
            FieldPanel("display_name"),
            FieldPanel("about_clinical_outcome"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("consent_obtained_on"), FieldPanel("consent_method")]),
                    FieldPanel("consent_reference"),
                ],
                heading="Consent",
            ),
        ],
        base_form_class=TestimonialForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        # History and usage views are not served (below), so the edit and delete views must not
        # link to them: a link to a missing URL name made both pages fail (found by the
        # permission matrix, tests/security/).
        return super().get_common_view_kwargs(**{"history_url_name": None, "usage_url_name": None, **kwargs})

    def get_urlpatterns(self):
        keep = {"index", "index_results", "add", "edit", "delete", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in keep]
