"""StreamField blocks for guides, around one base StreamBlock (GuideStreamBlock).

Sections carry a kind (what it is, how it works, evidence, risks...) so every guide reads
in the same order and gets a table of contents; FAQ blocks also feed the page's FAQPage
JSON-LD; the nearby-practitioners block lists live results when the page is served.
"""

from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol", "h3"]

SECTION_KINDS = [
    ("what_it_is", "What it is"),
    ("how_it_works", "How it works"),
    ("evidence", "What the evidence says"),
    ("risks", "Risks and side effects"),
    ("precautions", "Precautions and contraindications"),
    ("what_to_expect", "What to expect"),
    ("aftercare", "Aftercare"),
    ("when_to_get_help", "When to get help urgently"),
    ("other", "Other"),
]


def technique_choices():
    from directory.models import Technique

    return [("", "This page's treatment")] + list(Technique.objects.order_by("name").values_list("slug", "name"))


def condition_choices():
    from directory.models import Condition

    return [("", "This page's condition")] + list(Condition.objects.order_by("name").values_list("slug", "name"))


class SectionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=SECTION_KINDS, default="what_it_is")
    heading = blocks.CharBlock(required=False, help_text="Leave empty to use the kind's name as the heading.")
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        template = "home/blocks/section_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["heading"] = section_heading(value)
        context["anchor"] = slugify(context["heading"])
        return context


def section_heading(value):
    return value["heading"] or dict(SECTION_KINDS).get(value["kind"], "")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock()
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Frequently asked questions")
    items = blocks.ListBlock(FAQItemBlock())

    class Meta:
        icon = "help"
        template = "home/blocks/faq_block.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", "Information"), ("note", "Note"), ("warning", "Warning: seek help")], default="info"
    )
    title = blocks.CharBlock(required=False)
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "home/blocks/callout_block.html"


class NearbyPractitionersBlock(blocks.StructBlock):
    """Practitioners offering a treatment for a condition, near the place in the page's ?where=."""

    heading = blocks.CharBlock(default="Practitioners near you")
    technique = blocks.ChoiceBlock(choices=technique_choices, required=False)
    condition = blocks.ChoiceBlock(choices=condition_choices, required=False)
    limit = blocks.IntegerBlock(default=6, min_value=1, max_value=20)

    class Meta:
        icon = "group"
        template = "home/blocks/nearby_practitioners_block.html"

    def get_context(self, value, parent_context=None):
        from directory.models import Condition, Technique
        from home.guides import nearby_practitioners

        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        page, request = parent_context.get("page"), parent_context.get("request")
        technique = Technique.objects.filter(slug=value["technique"]).first() if value["technique"] else None
        condition = Condition.objects.filter(slug=value["condition"]).first() if value["condition"] else None
        technique = technique or getattr(page, "technique", None)
        condition = condition or getattr(page, "condition", None)
        where = request.GET.get("where", "").strip()[:100] if request is not None else ""
        context.update(
            technique=technique,
            condition=condition,
            where=where,
            nearby=nearby_practitioners(technique, condition, where, value["limit"]),
        )
        return context


class GuideStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    faq = FAQBlock()
    callout = CalloutBlock()
    nearby_practitioners = NearbyPractitionersBlock()


def faq_entries(stream):
    """(question, plain-text answer) pairs from every FAQ block in a guide, for FAQPage JSON-LD."""
    entries = []
    for block in stream:
        if block.block_type == "faq":
            for item in block.value["items"]:
                answer = " ".join(strip_tags(item["answer"].source.replace("><", "> <")).split())
                entries.append((item["question"], answer))
    return entries


def table_of_contents(stream):
    """(anchor, heading) for each section, in order."""
    return [
        (slugify(section_heading(block.value)), section_heading(block.value))
        for block in stream
        if block.block_type == "section"
    ]
