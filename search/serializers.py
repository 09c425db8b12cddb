"""SearchResults as the JSON the API returns (described in search/openapi.py)."""

from search.places import KM_PER_MILE


def distance_json(km, unit):
    if km is None:
        return None
    value = km / KM_PER_MILE if unit == "mi" else km
    return {"value": round(value, 2), "unit": unit, "km": round(km, 3)}


def hit_json(hit, query):
    rating = None
    if hit.rating_count:
        rating = {"average": hit.rating_average, "count": hit.rating_count}
    return {
        "id": hit.page_id,
        "type": hit.kind,
        "name": hit.title,
        "url": hit.url,
        "location": hit.location,
        "distance": distance_json(hit.distance_km, query.unit),
        "rating": rating,
        "in_scope": hit.in_scope,
        "highlights": hit.highlights,
        "details": hit.display,
    }


def results_json(results, request=None):
    query = results.query
    return {
        "query": {
            "q": query.q,
            "place": query.place.as_dict() if query.place else None,
            "radius": query.radius,
            "unit": query.unit,
            "type": query.type,
            "filters": query.filters,
            "flags": list(query.flags),
            "in_scope": query.in_scope,
            "scope_technique": query.scope_technique.slug if query.scope_technique else None,
            "min_rating": query.min_rating,
            "fee_min": query.fee_min,
            "fee_max": query.fee_max,
            "currency": query.currency or None,
            "sort": query.sort,
        },
        "interpretation": query.interpretation.as_dict(),
        "total": results.total,
        "page": query.page,
        "page_size": query.page_size,
        "num_pages": results.num_pages,
        "results": [hit_json(hit, query) for hit in results.hits],
        "facets": {
            facet: [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values]
            for facet, values in results.facets.items()
        },
        "fee_range": results.fee_range,
        "backend": results.backend,
        "degraded": results.degraded,
    }
