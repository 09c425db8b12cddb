"""The one Elasticsearch request a SearchQuery becomes (query, facets, highlights, collapse).

Mirrors search.backends.database: the same required tags, the same boosts, the same
distance decay; Elasticsearch adds BM25 and fuzzy matching of the free-text words.
"""

from elasticsearch_dsl import Q

from search.query import BOOST_DISTANCE, RATING_STEPS

TEXT_FIELDS = ["title^4", "names^2", "vocabulary^2", "places", "body"]
FACET_SIZE = 200
CARDINALITY = {"cardinality": {"field": "page_id", "precision_threshold": 40000}}


def build_search(search, query):
    from search.backends.elasticsearch import FACET_FIELDS, TEXT_BOOST

    filters = base_filters(query)
    tag_filters = query.filter_tags()
    must = text_requirement(query, TEXT_BOOST)
    functions = [{"filter": {"term": {"tags": tag}}, "weight": weight} for tag, weight in query.boosts()]
    functions.append({"field_value_factor": {"field": "rating_boost", "missing": 0, "factor": 1}})
    if query.place is not None:
        origin = {"lat": query.place.latitude, "lon": query.place.longitude}
        functions.append(
            {
                "gauss": {"point": {"origin": origin, "scale": f"{query.radius_km}km", "decay": 0.5}},
                "weight": BOOST_DISTANCE,
            }
        )
    scored = {
        "function_score": {
            "query": {"bool": {"must": must or [{"match_all": {}}], "filter": filters}},
            "functions": functions,
            "score_mode": "sum",
            "boost_mode": "sum",
        }
    }
    search = search.update_from_dict(
        {
            "query": scored,
            "post_filter": {"bool": {"filter": [{"term": {"tags": t}} for t in tag_filters.values()]}},
            "collapse": {"field": "page_id"},
            "from": query.offset,
            "size": query.page_size,
            "track_total_hits": True,
            "sort": sort_clause(query),
        }
    )
    aggs = {}
    for facet in FACET_FIELDS:
        others = [{"term": {"tags": t}} for f, t in tag_filters.items() if f != facet]
        aggs[f"facet_{facet}"] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {
                "values": {"terms": {"field": f"facets.{facet}", "size": FACET_SIZE}, "aggs": {"pages": CARDINALITY}}
            },
        }
    results = {"pages": CARDINALITY, "currencies": {"terms": {"field": "currencies"}, "aggs": {"pages": CARDINALITY}}}
    for step in RATING_STEPS:
        results[f"rating_{step}"] = {"filter": {"range": {"rating": {"gte": step}}}, "aggs": {"pages": CARDINALITY}}
    if query.currency:
        results["fee_min"] = {"min": {"field": f"fees.{query.currency}"}}
        results["fee_max"] = {"max": {"field": f"fees.{query.currency}"}}
    aggs["results"] = {
        "filter": {"bool": {"filter": [{"term": {"tags": t}} for t in tag_filters.values()]}},
        "aggs": results,
    }
    search = search.update_from_dict({"aggs": aggs})
    terms = " ".join(query.highlight_terms())
    if terms:
        search = search.highlight(
            "vocabulary",
            "body",
            "names",
            fragment_size=150,
            number_of_fragments=1,
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
        ).highlight_options(
            encoder="html",
            highlight_query=Q("multi_match", query=terms, fields=["vocabulary", "body", "names"]).to_dict(),
        )
    return search


def base_filters(query):
    filters = []
    if query.place is not None:
        origin = {"lat": query.place.latitude, "lon": query.place.longitude}
        filters.append({"geo_distance": {"distance": f"{query.radius_km}km", "point": origin}})
    if query.min_rating:
        filters.append({"range": {"rating": {"gte": query.min_rating}}})
    if query.currency and (query.fee_min is not None or query.fee_max is not None):
        bounds = {}
        if query.fee_min is not None:
            bounds["gte"] = query.fee_min
        if query.fee_max is not None:
            bounds["lte"] = query.fee_max
        filters.append({"range": {f"fees.{query.currency}": bounds}})
    return filters


def text_requirement(query, text_boost):
    """Documents must match the free words, a concept's name, or carry a concept's tag."""
    if query.matches_everything:
        return []
    should = []
    words = query.text_terms()
    if words:
        should.append(
            {
                "multi_match": {
                    "query": " ".join(words),
                    "fields": TEXT_FIELDS,
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "operator": "and" if len(words) <= 2 else "or",
                    "boost": text_boost,
                }
            }
        )
        should.append(
            {
                "multi_match": {
                    "query": " ".join(words),
                    "fields": TEXT_FIELDS,
                    "type": "phrase_prefix",
                    "boost": text_boost,
                }
            }
        )
    for concept in query.concepts:
        for term in concept.terms:
            should.append(
                {"multi_match": {"query": term, "fields": TEXT_FIELDS, "type": "phrase", "boost": text_boost}}
            )
        should.append({"constant_score": {"filter": {"term": {"tags": concept.tag}}, "boost": 0}})
    return [{"bool": {"should": should, "minimum_should_match": 1}}]


def sort_clause(query):
    if query.sort == "distance" and query.place is not None:
        origin = {"lat": query.place.latitude, "lon": query.place.longitude}
        return [{"_geo_distance": {"point": origin, "order": "asc", "unit": "km"}}, "_score", {"page_id": "asc"}]
    if query.sort == "rating":
        return [
            {"rating": {"order": "desc", "missing": "_last"}},
            {"rating_count": {"order": "desc"}},
            "_score",
            {"page_id": "asc"},
        ]
    return ["_score", {"page_id": "asc"}]
