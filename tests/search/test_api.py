"""The JSON API: parameters, 400s that name the parameter, the OpenAPI schema (the page: test_search_page.py)."""

import jsonschema
from django.test import TestCase, override_settings

from search import indexing
from search.openapi import schema
from tests.search import dataset

DATABASE = {"BACKEND": "search.backends.database.DatabaseBackend", "URL": None, "INDEX_PREFIX": "t", "TIMEOUT": 1}


def validate(body, component):
    document = schema()
    jsonschema.Draft202012Validator({**document, "$ref": f"#/components/schemas/{component}"}).validate(body)


@override_settings(INSCOPE_SEARCH=DATABASE)
class SearchApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = dataset.build()
        indexing.rebuild_all()

    def get(self, url="/api/search", **params):
        return self.client.get(url, params)

    def test_a_search_answers_with_results_facets_and_distances(self):
        response = self.get(q="dry needling sciatica", where="Denver", radius=100, type="practitioner")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["results"][0]["name"], "Dana Whitfield")
        self.assertEqual(body["results"][0]["distance"]["unit"], "km")
        self.assertTrue(body["results"][0]["in_scope"])
        self.assertEqual(body["query"]["place"]["name"], "Denver")
        self.assertIn("profession", body["facets"])
        validate(body, "SearchResponse")

    def test_every_documented_parameter_is_accepted_and_the_response_matches_the_schema(self):
        params = {
            "q": "physio",
            "where": "Denver",
            "radius": "30",
            "unit": "mi",
            "type": "practitioner",
            "profession": "physiotherapist",
            "technique": "dry-needling",
            "condition": "sciatica",
            "insurance": "aetna-us",
            "language": "es",
            "gender": "female",
            "accepting": "1",
            "home_visits": "0",
            "telehealth": "true",
            "in_scope": "1",
            "min_rating": "4",
            "fee_min": "50",
            "fee_max": "500",
            "currency": "USD",
            "sort": "distance",
            "page": "1",
            "page_size": "10",
        }
        documented = {p["name"] for p in schema()["paths"]["/api/search"]["get"]["parameters"]}
        self.assertEqual(documented - {"lat", "lon"}, set(params))
        response = self.get(**params)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual([r["name"] for r in response.json()["results"]], ["Dana Whitfield"])
        self.assertEqual(response.json()["results"][0]["distance"]["unit"], "mi")
        validate(response.json(), "SearchResponse")

    def test_the_schema_enums_are_what_the_view_accepts(self):
        parameters = {p["name"]: p["schema"] for p in schema()["paths"]["/api/search"]["get"]["parameters"]}
        for name in ("profession", "technique", "insurance", "sort", "type", "unit"):
            for value in parameters[name]["enum"]:
                with self.subTest(name=name, value=value):
                    self.assertEqual(self.get(where="Denver", **{name: value}).status_code, 200)
        self.assertEqual(parameters["page_size"]["maximum"], 50)
        self.assertEqual(self.get(page_size=50).status_code, 200)
        self.assertEqual(self.get(page_size=51).status_code, 400)

    def test_invalid_parameters_are_refused_with_a_message_naming_them(self):
        cases = [
            ({"lat": "95", "lon": "10"}, "lat"),
            ({"lat": "abc", "lon": "10"}, "lat"),
            ({"lat": "40"}, "lon"),
            ({"lon": "-200", "lat": "10"}, "lon"),
            ({"radius": "-5", "where": "Denver"}, "radius"),
            ({"radius": "0", "where": "Denver"}, "radius"),
            ({"radius": "5000", "where": "Denver"}, "radius"),
            ({"unit": "furlongs"}, "unit"),
            ({"type": "hospital"}, "type"),
            ({"profession": "wizard"}, "profession"),
            ({"technique": "reiki-plus"}, "technique"),
            ({"condition": "nope"}, "condition"),
            ({"insurance": "nope"}, "insurance"),
            ({"language": "xx"}, "language"),
            ({"gender": "robot"}, "gender"),
            ({"accepting": "maybe"}, "accepting"),
            ({"home_visits": "2"}, "home_visits"),
            ({"telehealth": "sometimes"}, "telehealth"),
            ({"in_scope": "perhaps"}, "in_scope"),
            ({"in_scope": "1"}, "in_scope"),  # no technique to check scope for
            ({"min_rating": "6"}, "min_rating"),
            ({"fee_min": "-1", "currency": "USD"}, "fee_min"),
            ({"fee_min": "200", "fee_max": "100", "currency": "USD"}, "fee_max"),
            ({"fee_max": "100"}, "currency"),  # no place to take a currency from
            ({"currency": "XYZ"}, "currency"),
            ({"sort": "price"}, "sort"),
            ({"sort": "distance"}, "sort"),  # no place
            ({"page": "0"}, "page"),
            ({"page": "x"}, "page"),
            ({"page": "99"}, "page"),  # beyond the results
            ({"page_size": "1000"}, "page_size"),
            ({"page_size": "0"}, "page_size"),
            ({"where": "Xyzzyville"}, "where"),
            ({"q": "x" * 201}, "q"),
        ]
        for params, name in cases:
            with self.subTest(params=params):
                response = self.get(**params)
                self.assertEqual(response.status_code, 400)
                body = response.json()
                self.assertIn(name, body["errors"])
                self.assertTrue(body["errors"][name])
                validate(body, "Errors")

    def test_an_unknown_place_suggests_near_matches(self):
        body = self.get(where="Gurgoan").json()
        self.assertIn("Gurugram", body["errors"]["where"])
        self.assertTrue(any("Gurugram" in label for label in body["suggestions"]["where"]))

    def test_a_miles_radius_reports_distances_in_miles(self):
        body = self.get(where="Boulder", radius=40, unit="mi", sort="distance", type="practitioner").json()
        marco, dana = body["results"][0], body["results"][1]
        self.assertEqual(marco["name"], "Marco Ruiz")
        self.assertAlmostEqual(dana["distance"]["value"] * 1.609344, dana["distance"]["km"], places=1)

    def test_autocomplete_suggests_concepts_places_and_names(self):
        body = self.get("/api/autocomplete", q="sci").json()
        self.assertEqual(body["suggestions"][0]["label"], "Sciatica")
        validate(body, "AutocompleteResponse")
        kinds = {s["kind"] for s in self.get("/api/autocomplete", q="gurg").json()["suggestions"]}
        self.assertIn("place", kinds)
        names = [s["label"] for s in self.get("/api/autocomplete", q="dana").json()["suggestions"]]
        self.assertIn("Dana Whitfield", names)

    def test_a_place_suggestion_is_a_where_value_and_a_working_search_link(self):
        body = self.get("/api/autocomplete", q="portla").json()
        validate(body, "AutocompleteResponse")
        place = next(s for s in body["suggestions"] if s["kind"] == "place")
        self.assertEqual(place["label"], "Portland, Oregon, United States")
        self.assertEqual(place["value"], place["label"])
        self.assertEqual(place["url"], "/search/?where=Portland%2C+Oregon%2C+United+States")
        self.assertEqual(self.client.get(place["url"]).status_code, 200)
        found = self.get(where=place["value"]).json()["query"]["place"]
        self.assertEqual(found["label"], place["label"])

    def test_autocomplete_refuses_bad_parameters(self):
        for params, name in (({"limit": "0"}, "limit"), ({"type": "x"}, "type"), ({"q": "x" * 101}, "q")):
            with self.subTest(params=params):
                response = self.get("/api/autocomplete", **params)
                self.assertEqual(response.status_code, 400)
                self.assertIn(name, response.json()["errors"])

    def test_the_schema_is_served(self):
        body = self.client.get("/api/openapi.json").json()
        self.assertEqual(body["openapi"], "3.1.0")
        self.assertIn("/api/search", body["paths"])
        jsonschema.Draft202012Validator.check_schema(body["components"]["schemas"]["SearchResponse"])
