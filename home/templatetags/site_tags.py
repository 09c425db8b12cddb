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


def map_place(item):
    """A place to draw: a ClinicLocation (titled with its clinic) or a dict with lat, lon, title,
    address and url (e.g. a search result); `key` tells two places apart, None never merges."""
    if isinstance(item, dict):
        place = {"key": None, "title": "", "address": "", "url": "", **item}
        place.setdefault("label", place["title"])
        place["lat"], place["lon"] = float(place["lat"]), float(place["lon"])
        return place
    clinic = getattr(item, "clinic", None)
    return {
        "key": item.pk,
        "lat": float(item.latitude),
        "lon": float(item.longitude),
        "title": f"{clinic.title}: {item.label}" if clinic else item.label,
        "address": item.one_line_address,
        "url": clinic.url if clinic is not None else "",
        "label": item.label,
    }


@register.inclusion_tag("includes/map.html")
def location_map(places, map_id="map", label="Map", show_list=True):
    """A list of addresses that map.js draws as a Leaflet map; the list alone works without it.

    `places`: ClinicLocations or place dicts (see map_place). `show_list=False` leaves the list
    out where the page already lists every place (search results).
    """
    unique, seen = [], set()
    for item in places:
        if item is None:
            continue
        place = map_place(item)
        if place["key"] is not None:
            if place["key"] in seen:
                continue
            seen.add(place["key"])
        unique.append(place)
    drawn = [{name: place[name] for name in ("lat", "lon", "title", "address", "url")} for place in unique]
    return {
        "places_json": mark_safe(_json(drawn)),
        "map_id": map_id,
        "label": label,
        "places": unique,
        "show_list": show_list,
    }


@register.simple_tag
def osm_url(place, zoom=17):
    """OpenStreetMap centred on a place from location_map."""
    lat, lon = place["lat"], place["lon"]
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"


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
