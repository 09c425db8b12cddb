"""The search page and the JSON API: same parameters, same interface, no engine in sight.

Both validate with SearchForm and ask search.backends.get_backend(); neither knows
which engine answers (a fallback shows only as `degraded`).
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search import cache as search_cache
from search import places, understanding
from search.backends import get_backend
from search.backends.base import PageOutOfRange
from search.forms import QueryError, SearchForm
from search.openapi import schema
from search.serializers import results_json

AUTOCOMPLETE_LIMIT = 8


def run(params):
    """(form, results, errors): results when the parameters are valid, else {param: message}."""
    form = SearchForm(params)
    if not form.is_valid():
        return form, None, {name: " ".join(messages) for name, messages in form.errors.items()}
    try:
        return form, search_cache.cached_search(params, lambda: get_backend().search(form.to_query())), {}
    except QueryError as error:
        form.add_error(error.param, error.message)
        return form, None, {error.param: error.message}
    except PageOutOfRange as error:
        form.add_error("page", str(error))
        return form, None, {"page": str(error)}


@require_GET
def search_page(request):
    params = request.GET if request.GET else {}
    form, results, errors = run(params) if params else (SearchForm(), None, {})
    others = {name for name, value in request.GET.items() if value} - {"q", "where", "lat", "lon", "page"}
    without_page = request.GET.copy()
    without_page.pop("page", None)
    context = {
        "form": form,
        "results": results,
        "errors": errors,
        "suggestions": getattr(form, "suggestions", {}),
        # Closed unless one of its fields needs fixing; chosen filters show in the facets.
        "more_options_open": bool(set(errors) - {"q", "where"}),
        "query_string": request.GET.urlencode(),
        "query_without_page": without_page.urlencode(),
    }
    if results:
        context.update(
            map_places=map_places(results),
            facet_groups=facet_groups(results),
            # A real Django Page over the result count, for the site's includes/pagination.html.
            page_obj=Paginator(range(results.total), results.query.page_size).get_page(results.query.page),
            filtered=bool(others - {"sort", "radius", "unit", "page_size"}),
            unfiltered_query=urlencode(
                [(k, v) for k, v in request.GET.items() if k in ("q", "where", "lat", "lon") and v]
            ),
        )
    return render(request, "search/search.html", context, status=400 if errors else 200)


@require_GET
def api_search(request):
    form, results, errors = run(request.GET)
    if errors:
        body = {"errors": errors}
        if getattr(form, "suggestions", None):
            body["suggestions"] = form.suggestions
        return JsonResponse(body, status=400)
    return JsonResponse(results_json(results, request))


@require_GET
def api_autocomplete(request):
    prefix = request.GET.get("q", "").strip()
    errors = {}
    if len(prefix) > 100:
        errors["q"] = "Type at most 100 characters."
    kind = request.GET.get("type", "all")
    if kind not in ("all", "practitioner", "clinic"):
        errors["type"] = "Choose practitioner, clinic or all."
    try:
        limit = int(request.GET.get("limit", AUTOCOMPLETE_LIMIT))
        if not 1 <= limit <= 20:
            raise ValueError
    except ValueError:
        errors["limit"] = "Give a number from 1 to 20."
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse({"q": prefix, "suggestions": suggest(prefix, kind, limit)})


def suggest(prefix, kind, limit):
    """Concepts and places first (what to search for), then matching names."""
    if len(places.fold(prefix)) < 2:
        return []
    found = []
    for concept in understanding.lexicon().complete(prefix, limit=limit):
        found.append(
            {
                "kind": concept.kind,
                "label": concept.name,
                "value": concept.slug,
                "url": "/search/?" + urlencode({concept.kind: concept.slug}),
            }
        )
    for place in places.complete(prefix, limit=3):
        # The label names the place unambiguously and resolves back to it, so it is also the `where` value.
        found.append(
            {
                "kind": "place",
                "label": place.label,
                "value": place.label,
                "url": "/search/?" + urlencode({"where": place.label}),
            }
        )
    found += get_backend().autocomplete(prefix, limit=limit, kind=kind)
    return found[: max(limit, 1) * 2]


def openapi(request):
    return JsonResponse(schema(request))


def map_places(results):
    """The results' locations for the location_map tag, numbered as the list is."""
    places = []
    for number, hit in enumerate(results.hits, start=results.query.offset + 1):
        if hit.location:
            places.append(
                {
                    "lat": hit.location["lat"],
                    "lon": hit.location["lon"],
                    "title": f"{number}. {hit.title}",
                    "address": hit.location.get("address", ""),
                    "url": hit.url,
                    "label": hit.title,
                }
            )
    return places


FACET_HEADINGS = {
    "type": "Show",
    "in_scope": "Licensed for it here",
    "profession": "Profession",
    "technique": "Technique",
    "condition": "Condition",
    "insurance": "Insurance",
    "language": "Language",
    "gender": "Gender",
    "accepting": "Availability",
    "home_visits": "Home visits",
    "telehealth": "Telehealth",
    "min_rating": "Rating",
    "currency": "Fees in",
}


def facet_groups(results):
    """[(parameter, heading, values)] in the order the page shows them."""
    return [(name, heading, results.facets[name]) for name, heading in FACET_HEADINGS.items() if name in results.facets]
