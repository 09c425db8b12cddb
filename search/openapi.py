"""The OpenAPI 3.1 description of the search API, served at /api/openapi.json.

Parameters are generated from SearchForm, so the document cannot drift from what the
view accepts; tests validate real responses against the schemas below.
"""

from django import forms

from search.forms import FlagField, SearchForm

NULLABLE_NUMBER = {"type": ["number", "null"]}
ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {"type": "object", "additionalProperties": {"type": "string"}},
        "suggestions": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
}
PLACE = {
    "type": ["object", "null"],
    "required": ["name", "label", "kind", "lat", "lon"],
    "properties": {
        "name": {"type": "string"},
        "label": {"type": "string"},
        "kind": {"enum": ["city", "locality", "postcode", "coordinates"]},
        "country": {"type": "string"},
        "lat": {"type": "number"},
        "lon": {"type": "number"},
    },
}
HIT = {
    "type": "object",
    "required": ["id", "type", "name", "url", "location", "distance", "rating", "in_scope", "highlights", "details"],
    "properties": {
        "id": {"type": "integer"},
        "type": {"enum": ["practitioner", "clinic"]},
        "name": {"type": "string"},
        "url": {"type": "string"},
        "location": {
            "type": ["object", "null"],
            "required": ["id", "label", "address", "lat", "lon"],
            "properties": {
                "id": {"type": ["integer", "null"]},
                "label": {"type": "string"},
                "address": {"type": "string"},
                "lat": {"type": "number"},
                "lon": {"type": "number"},
            },
        },
        "distance": {
            "type": ["object", "null"],
            "description": "From the search's place to this listing, in the requested unit.",
            "required": ["value", "unit", "km"],
            "properties": {"value": {"type": "number"}, "unit": {"enum": ["km", "mi"]}, "km": {"type": "number"}},
        },
        "rating": {
            "type": ["object", "null"],
            "required": ["average", "count"],
            "properties": {"average": NULLABLE_NUMBER, "count": {"type": "integer"}},
        },
        "in_scope": {
            "type": ["boolean", "null"],
            "description": "Whether the scope technique is within this practitioner's licence at this location; "
            "null for clinics or when no technique was chosen.",
        },
        "highlights": {"type": "array", "items": {"type": "string"}, "description": "HTML with <mark> tags."},
        "details": {"type": "object", "description": "What a result card shows (names, clinics, fees...)."},
    },
}
FACET_VALUE = {
    "type": "object",
    "required": ["value", "label", "count", "selected"],
    "properties": {
        "value": {"type": "string"},
        "label": {"type": "string"},
        "count": {"type": "integer", "minimum": 0},
        "selected": {"type": "boolean"},
    },
}
SEARCH_RESPONSE = {
    "type": "object",
    "required": ["query", "interpretation", "total", "page", "page_size", "num_pages", "results", "facets", "backend"],
    "properties": {
        "query": {"type": "object", "properties": {"place": {"$ref": "#/components/schemas/Place"}}},
        "interpretation": {
            "type": "object",
            "required": ["concepts", "place", "text", "notices"],
            "properties": {
                "concepts": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["kind", "slug", "name", "matched", "fuzzy"],
                        "properties": {
                            "kind": {"enum": ["technique", "condition", "profession"]},
                            "slug": {"type": "string"},
                            "name": {"type": "string"},
                            "matched": {"type": "string"},
                            "fuzzy": {"type": "boolean"},
                        },
                    },
                },
                "place": {"$ref": "#/components/schemas/Place"},
                "text": {"type": "string"},
                "notices": {"type": "array", "items": {"type": "string"}},
            },
        },
        "total": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "page_size": {"type": "integer", "minimum": 1},
        "num_pages": {"type": "integer", "minimum": 1},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "facets": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}},
        },
        "fee_range": {
            "type": ["object", "null"],
            "properties": {"currency": {"type": "string"}, "min": NULLABLE_NUMBER, "max": NULLABLE_NUMBER},
        },
        "backend": {"type": "string"},
        "degraded": {"type": "boolean", "description": "True when the database answered for an unreachable engine."},
    },
}
AUTOCOMPLETE_RESPONSE = {
    "type": "object",
    "required": ["q", "suggestions"],
    "properties": {
        "q": {"type": "string"},
        "suggestions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "label", "url"],
                "properties": {
                    "kind": {"enum": ["technique", "condition", "profession", "place", "practitioner", "clinic"]},
                    "label": {
                        "type": "string",
                        "description": "What to show; for a technique, condition or profession also what to type "
                        "in q, for a place what to put in where.",
                    },
                    "value": {
                        "type": "string",
                        "description": "The search parameter's value: the slug for technique, condition or "
                        "profession, the where text for a place. Absent for practitioners and clinics.",
                    },
                    "url": {
                        "type": "string",
                        "description": "A site-relative URL: the search for this suggestion, or the practitioner's "
                        "or clinic's page.",
                    },
                },
            },
        },
    },
}


def parameter_schema(field):
    if isinstance(field, FlagField):
        return {"type": "string", "enum": ["1", "0", "true", "false", "yes", "no", "on", "off"]}
    if isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _ in field.choices if value != ""]
        return {"type": "string", "enum": values}
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
    elif isinstance(field, (forms.FloatField, forms.DecimalField)):
        schema = {"type": "number"}
    else:
        schema = {"type": "string"}
        if getattr(field, "max_length", None):
            schema["maxLength"] = field.max_length
    if getattr(field, "min_value", None) is not None:
        schema["minimum"] = float(field.min_value)
    if getattr(field, "max_value", None) is not None:
        schema["maximum"] = float(field.max_value)
    return schema


DESCRIPTIONS = {
    "q": "Free text. Techniques, conditions and professions (with synonyms and small typos) and a place "
    "('near Gurgaon') are recognised and used as boosts and the search's place.",
    "where": "A city (alternate spellings too), a neighbourhood, a US ZIP code or 'lat,lon'. Unknown places are "
    "refused with suggestions.",
    "lat": "Latitude of the patient's position; needs lon. Takes precedence over where.",
    "radius": "Search radius in `unit` (default: 25 km for a city, 10 km for a neighbourhood or ZIP).",
    "in_scope": "Only practitioners whose licence permits the chosen technique (technique, or one named in q) "
    "at the matching location.",
    "sort": "distance needs a place.",
    "page_size": "At most 50.",
    "fee_min": "Lowest fee in `currency` (taken from the place's country when not given).",
}


def schema(request=None):
    form = SearchForm()
    parameters = [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": DESCRIPTIONS.get(name, str(field.label)),
            "schema": parameter_schema(field),
            # The search page's form sends every field, blank ones as `name=`: blank means not given.
            "allowEmptyValue": True,
        }
        for name, field in form.fields.items()
    ]
    bad_request = {
        "description": "Invalid parameters: each message names its parameter.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "InScope directory search",
            "version": "1",
            "description": "Practitioners and clinics near a place, for a technique, condition or profession.",
        },
        "paths": {
            "/api/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Search practitioners and clinics",
                    "parameters": parameters,
                    "responses": {
                        "200": {
                            "description": "One page of results with facet counts.",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}
                            },
                        },
                        "400": bad_request,
                    },
                }
            },
            "/api/autocomplete": {
                "get": {
                    "operationId": "autocomplete",
                    "summary": "Suggestions as one types",
                    "parameters": [
                        {"name": "q", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 100}},
                        {
                            "name": "type",
                            "in": "query",
                            "required": False,
                            "schema": {"enum": ["all", "practitioner", "clinic"]},
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 20},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Techniques, conditions, professions, places, then names.",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/AutocompleteResponse"}}
                            },
                        },
                        "400": bad_request,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "SearchResponse": SEARCH_RESPONSE,
                "Hit": HIT,
                "FacetValue": FACET_VALUE,
                "Place": PLACE,
                "Errors": ERRORS,
                "AutocompleteResponse": AUTOCOMPLETE_RESPONSE,
            }
        },
    }
