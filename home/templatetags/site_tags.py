"""Template helpers shared by every public page: meta tags, JSON-LD, maps, opening hours."""

import json
from urllib.parse import urljoin

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD script; '<', '>' and '&' are escaped so no text can close the script."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(_json(data)))


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, page):
    """Description, canonical URL and Open Graph tags for a Wagtail page."""
    request = context.get("request")
    description = (
        page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "intro", "")
        or context.get("meta_description", "")
    )
    canonical = page.get_full_url(request) if request is not None else page.full_url
    image = context.get("og_image")
    # Absolute against the site's own address (as the canonical URL is), not the request's host.
    image_url = urljoin(canonical, image.url) if image is not None else None
    return {
        "title": page.seo_title or page.title,
        "description": " ".join(str(description).split())[:300],
        "canonical": canonical,
        "og_type": context.get("og_type", "website"),
        "image_url": image_url,
        "image_alt": context.get("og_image_alt", ""),
        "site_name": "InScope",
    }


@register.inclusion_tag("includes/map.html")
def location_map(locations, map_id="map", label="Map"):
    """A list of addresses that map.js draws as a Leaflet map; the list alone works without it."""
    places, unique = [], []
    for location in locations:
        if location is None or any(location.pk == seen.pk for seen in unique):
            continue
        unique.append(location)
        clinic = getattr(location, "clinic", None)
        places.append(
            {
                "lat": float(location.latitude),
                "lon": float(location.longitude),
                "title": f"{clinic.title}: {location.label}" if clinic else location.label,
                "address": location.one_line_address,
                "url": clinic.url if clinic is not None else "",
            }
        )
    return {"places_json": mark_safe(_json(places)), "map_id": map_id, "label": label, "locations": unique}


@register.simple_tag
def osm_url(location, zoom=17):
    return (
        f"https://www.openstreetmap.org/?mlat={location.latitude}&mlon={location.longitude}"
        f"#map={zoom}/{location.latitude}/{location.longitude}"
    )


@register.filter
def weekly_hours(location):
    """[(weekday name, 'HH:MM–HH:MM, ...' or 'Closed')] for the seven days, from prefetched rows."""
    by_day = {day: [] for day in range(7)}
    for row in location.opening_hours.all():
        by_day[row.weekday].append(f"{row.opens:%H:%M}–{row.closes:%H:%M}")
    return [(WEEKDAYS[day], ", ".join(periods) if periods else "Closed") for day, periods in by_day.items()]


@register.filter
def has_hours(location):
    return bool(location.opening_hours.all())


@register.filter
def km(value):
    """A distance for people: one decimal under 10 km, whole kilometres above."""
    if value is None:
        return ""
    return f"{value:.1f} km" if value < 10 else f"{value:.0f} km"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def map_locations(results):
    """The locations of a list of results (anything with a .location)."""
    return [result.location for result in results if getattr(result, "location", None) is not None]
