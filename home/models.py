"""The home page and the guides.

Guides explain a treatment (TreatmentPage, e.g. dry needling) or a condition
(ConditionPage, e.g. sciatica) in plain words, in the same order every time (home.blocks),
and end with practitioners nearby who offer that treatment for that condition. They live
under one GuideIndexPage (/guides/), and each points at the technique or condition it is
about, so the home page and profiles can link to it.
"""

from django.db import models
from django.db.models import Count, Q
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import GuideStreamBlock, faq_entries, table_of_contents

BROWSE_LIMIT = 12


class HomePage(Page):
    """The front door: a what + where search, and the main treatments and conditions to browse."""

    intro = models.TextField(
        blank=True,
        default="Find licensed practitioners near you, check whether a treatment is within their legal scope, "
        "and read moderated reviews from real patients.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from directory.models import Condition, Technique

        context = super().get_context(request, *args, **kwargs)
        live = Q(practitioners__live=True)
        context["techniques"] = (
            Technique.objects.filter(parent__isnull=True)
            .annotate(practitioner_count=Count("practitioners", filter=live, distinct=True))
            .order_by("-practitioner_count", "name")[:BROWSE_LIMIT]
        )
        context["conditions"] = (
            Condition.objects.annotate(practitioner_count=Count("practitioners", filter=live, distinct=True))
            .filter(practitioner_count__gt=0)
            .order_by("-practitioner_count", "name")[:BROWSE_LIMIT]
        )
        guides = GuideIndexPage.objects.live().first()
        context["guide_index"] = guides
        context["treatment_guides"] = {
            page.technique_id: page for page in TreatmentPage.objects.live().public().exclude(technique=None)
        }
        context["condition_guides"] = {
            page.condition_id: page for page in ConditionPage.objects.live().public().exclude(condition=None)
        }
        return context


class GuideIndexPage(Page):
    """The list of guides (/guides/): treatments, then conditions."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.TreatmentPage", "home.ConditionPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = TreatmentPage.objects.child_of(self).live().public().order_by("title")
        context["conditions"] = ConditionPage.objects.child_of(self).live().public().order_by("title")
        return context


class GuidePage(Page):
    """What treatment and condition guides share: a summary, the body blocks and a review date."""

    summary = models.TextField(
        help_text="One or two plain sentences shown under the title and in search results and link previews."
    )
    body = StreamField(GuideStreamBlock(), use_json_field=True)
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When someone last checked this guide's content; shown to readers."
    )

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["home.GuideIndexPage"]
    subpage_types = []

    class Meta:
        abstract = True

    @property
    def faq_entries(self):
        return faq_entries(self.body)

    @property
    def table_of_contents(self):
        return table_of_contents(self.body)

    def get_template(self, request, *args, **kwargs):
        return "home/guide_page.html"

    def get_context(self, request, *args, **kwargs):
        from home.seo import guide_structured_data

        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = guide_structured_data(self, request)
        context["og_type"] = "article"
        return context


class TreatmentPage(GuidePage):
    """A guide to one treatment (dry needling, acupuncture...)."""

    technique = models.ForeignKey(
        "directory.Technique",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
        help_text="The treatment this guide is about; its nearby-practitioner list and links use it.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("technique"),
        FieldPanel("summary"),
        FieldPanel("last_reviewed"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "treatment guide"


class ConditionPage(GuidePage):
    """A guide to one condition (sciatica, low back pain...)."""

    condition = models.ForeignKey(
        "directory.Condition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
        help_text="The condition this guide is about; its nearby-practitioner list and links use it.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("condition"),
        FieldPanel("summary"),
        FieldPanel("last_reviewed"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "condition guide"
