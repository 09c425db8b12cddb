"""Links that change one search parameter and keep the rest, so every state is a shareable URL."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def search_url(context, **changes):
    """The current search's URL with `changes` applied; None or "" removes a parameter; page resets."""
    params = QueryDict(mutable=True)
    params.update(context["request"].GET)
    if "page" not in changes:
        params.pop("page", None)
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = value
    return "?" + params.urlencode() if params else "?"


@register.filter
def toggle_value(facet_value):
    """The parameter value a facet link sets: nothing if already selected (a second click removes it)."""
    return "" if facet_value.selected else facet_value.value


@register.filter
def distance(hit, unit):
    from search.serializers import distance_json

    value = distance_json(hit.distance_km, unit)
    return f"{value['value']:.1f} {value['unit']}" if value else ""
