"""The site's root page. Guides and site-wide settings join it here as the public site grows."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The front door: what InScope is, and where a patient starts a search."""

    intro = models.TextField(
        blank=True,
        default="Find licensed practitioners near you, check whether a treatment is within their legal scope, "
        "and read moderated reviews from real patients.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
