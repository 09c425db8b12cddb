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


@register.simple_tag(takes_context=True)
def facet_url(context, facet, value):
    """The link of one facet value: choosing it sets the parameter, choosing it again removes it."""
    if facet in ("accepting", "home_visits", "telehealth"):
        return search_url(context, **{facet: "" if value.selected else "1"})
    if facet == "in_scope":
        if value.selected:
            return search_url(context, in_scope="")
        return search_url(context, in_scope="1", technique=value.value)
    return search_url(context, **{facet: "" if value.selected else value.value})


@register.filter
def distance(hit, unit):
    from search.serializers import distance_json

    value = distance_json(hit.distance_km, unit)
    return f"{value['value']:.1f} {value['unit']}" if value else ""
