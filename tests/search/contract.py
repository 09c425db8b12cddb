"""What every search backend promises, as tests bound to each backend by a thin file.

SearchContract is not a TestCase (and not collected): test_backend_*.py mix it into one
with a `search_settings()` classmethod that configures its engine.
"""

from django.test import override_settings

from search import indexing
from search.backends import get_backend
from search.forms import SearchForm
from tests.search import dataset


def run_search(**params):
    form = SearchForm({k: str(v) for k, v in params.items()})
    assert form.is_valid(), form.errors
    return get_backend().search(form.to_query())


def names(results):
    return [hit.title for hit in results.hits]


def facet(results, name):
    return {value.value: value.count for value in results.facets.get(name, [])}


class SearchContract:
    """Read-only behaviour on the fixed dataset (tests/search/dataset.py)."""

    @classmethod
    def search_settings(cls):
        raise NotImplementedError

    @classmethod
    def setUpTestData(cls):
        cls.pages = dataset.build()
        indexing.rebuild_all()
        get_backend().rebuild()

    @classmethod
    def setUpClass(cls):
        cls.enterClassContext(override_settings(INSCOPE_SEARCH=cls.search_settings()))
        super().setUpClass()

    # -- place and distance ------------------------------------------------------------

    def test_distance_sort_puts_the_nearest_first_and_reports_each_distance(self):
        results = run_search(where="Denver", radius=100, sort="distance", type="practitioner")
        distances = [hit.distance_km for hit in results.hits]
        self.assertEqual(distances, sorted(distances))
        self.assertEqual(results.hits[-1].title, "Marco Ruiz")
        self.assertAlmostEqual(results.hits[-1].distance_km, 39.0, delta=1.5)

    def test_the_radius_leaves_out_listings_beyond_it(self):
        near = names(run_search(where="Denver", radius=20, type="practitioner"))
        self.assertNotIn("Marco Ruiz", near)
        self.assertIn("Dana Whitfield", near)

    def test_a_radius_in_miles_is_converted(self):
        self.assertNotIn("Marco Ruiz", names(run_search(where="Denver", radius=20, unit="mi")))
        self.assertIn("Marco Ruiz", names(run_search(where="Denver", radius=30, unit="mi")))

    def test_a_practitioner_is_listed_once_at_the_location_nearest_the_place(self):
        results = run_search(where="San Francisco", radius=50, type="practitioner")
        self.assertEqual(names(results), ["Sam Okafor"])
        self.assertEqual(results.hits[0].location["label"], "Mission")

    def test_alternate_city_names_and_neighbourhoods_resolve(self):
        for where in ("Gurgaon", "Gurugram", "Sector 29"):
            with self.subTest(where=where):
                self.assertEqual(names(run_search(where=where, type="practitioner")), ["Priya Sharma"])

    def test_a_zip_code_and_coordinates_resolve(self):
        self.assertIn("Dana Whitfield", names(run_search(where="80202", radius=10)))
        self.assertIn("Dana Whitfield", names(run_search(lat="39.74", lon="-104.99", radius=5)))

    # -- words -----------------------------------------------------------------------------

    def test_synonyms_find_the_concept(self):
        self.assertEqual(names(run_search(q="IMS", type="practitioner"))[0], "Priya Sharma")
        self.assertIn("Dana Whitfield", names(run_search(q="physio", type="practitioner")))
        self.assertIn("Marco Ruiz", names(run_search(q="sciatic", type="practitioner")))

    def test_a_sentence_with_a_technique_condition_and_place_is_understood(self):
        results = run_search(q="IMS for sciatic pain near Gurgaon")
        self.assertEqual(results.query.place.name, "Gurugram")
        self.assertEqual({c.slug for c in results.query.concepts}, {"intramuscular-stimulation", "sciatica"})
        self.assertEqual(names(results)[0], "Priya Sharma")

    def test_typos_are_tolerated(self):
        self.assertIn("Marco Ruiz", names(run_search(q="sciatca")))
        self.assertEqual(names(run_search(q="Whitfeld"))[0], "Dana Whitfield")

    def test_names_are_found_by_their_start(self):
        self.assertEqual(names(run_search(q="Whitf")), ["Dana Whitfield"])

    def test_matches_are_highlighted(self):
        results = run_search(q="dry needling", type="practitioner")
        self.assertTrue(any("<mark>" in snippet for hit in results.hits for snippet in hit.highlights))

    # -- filters and facets ------------------------------------------------------------------

    def test_every_filter_narrows_to_the_right_pages(self):
        cases = {
            # A clinic offers what its practitioners offer, where they practise.
            "profession=acupuncturist": (
                {"profession": "acupuncturist"},
                {"Ravi Acharya", "Denver Acupuncture Collective"},
            ),
            "technique=intramuscular-stimulation": (
                {"technique": "intramuscular-stimulation"},
                {"Priya Sharma", "Gurugram Physio Centre"},
            ),
            "condition=low-back-pain": ({"condition": "low-back-pain", "type": "practitioner"}, {"Ravi Acharya"}),
            "insurance=aetna-us": (
                {"insurance": "aetna-us", "type": "practitioner"},
                {"Dana Whitfield", "Lee Park", "Sam Okafor", "Jo Unverified"},
            ),
            "language=hi": (
                {"language": "hi"},
                {"Ravi Acharya", "Priya Sharma", "Denver Acupuncture Collective", "Gurugram Physio Centre"},
            ),
            "gender=female": ({"gender": "female"}, {"Dana Whitfield", "Priya Sharma"}),
            "home_visits": ({"home_visits": 1}, {"Ravi Acharya", "Denver Acupuncture Collective"}),
            "telehealth": ({"telehealth": 1, "type": "practitioner"}, {"Dana Whitfield", "Lee Park", "Sam Okafor"}),
            "min_rating=4": ({"min_rating": 4}, {"Dana Whitfield", "Mile High Physio"}),
            "fee range": (
                {"fee_min": 100, "fee_max": 150, "currency": "USD"},
                {"Dana Whitfield", "Marco Ruiz", "Jo Unverified"},
            ),
            "fee in INR": ({"fee_max": 2000, "currency": "INR"}, {"Priya Sharma"}),
            "type=clinic": (
                {"type": "clinic"},
                {
                    "Mile High Physio",
                    "Boulder Spine Care",
                    "Bay Needling",
                    "Denver Acupuncture Collective",
                    "Gurugram Physio Centre",
                },
            ),
        }
        for label, (params, expected) in cases.items():
            with self.subTest(label):
                self.assertEqual(set(names(run_search(page_size=50, **params))), expected)

    def test_accepting_new_patients_needs_both_the_practitioner_and_the_location(self):
        found = set(names(run_search(accepting=1, type="practitioner", page_size=50)))
        self.assertNotIn("Ravi Acharya", found)  # his only location is not taking new patients
        self.assertIn("Dana Whitfield", found)

    def test_facet_counts_pages_and_leave_out_their_own_filter(self):
        results = run_search(where="Denver", radius=50, type="practitioner", profession="acupuncturist")
        self.assertEqual(names(results), ["Ravi Acharya"])
        professions = facet(results, "profession")
        # Denver physiotherapists: Dana, Lee, Sam, Jo, and Marco is 39 km away.
        self.assertEqual(professions, {"physiotherapist": 5, "acupuncturist": 1})
        self.assertEqual(facet(results, "type"), {"practitioner": 1, "clinic": 1})
        self.assertEqual(facet(results, "gender"), {"male": 1})
        labels = {v.value: (v.label, v.selected) for v in results.facets["profession"]}
        self.assertEqual(labels["acupuncturist"], ("Acupuncturist", True))

    def test_facets_cover_every_filter(self):
        results = run_search(where="Denver", radius=50, q="dry needling", currency="USD")
        self.assertEqual(facet(results, "technique")["dry-needling"], 6)  # Dana, Marco, Sam, Jo + 2 clinics
        self.assertEqual(facet(results, "in_scope")["dry-needling"], 5)  # Dana, Marco, Sam + their 2 clinics
        self.assertEqual(facet(results, "accepting")["yes"], 6)
        self.assertEqual(facet(results, "telehealth")["yes"], 3)  # Dana, Sam, Mile High (not Jo, at Cherry Creek)
        self.assertEqual(facet(results, "min_rating")["4"], 2)
        self.assertEqual(facet(results, "currency"), {"USD": 4})
        self.assertEqual(facet(results, "language"), {"es": 2})  # Dana, and Mile High through her
        self.assertEqual(facet(results, "insurance")["aetna-us"], 4)
        self.assertEqual(results.fee_range["min"], 120.0)
        self.assertEqual(results.fee_range["max"], 200.0)

    # -- scope -----------------------------------------------------------------------------

    def test_in_scope_means_in_scope_at_the_matching_location(self):
        denver = set(names(run_search(technique="dry-needling", in_scope=1, where="Denver", type="practitioner")))
        self.assertEqual(denver, {"Dana Whitfield", "Sam Okafor"})  # Jo's licence is unverified
        san_francisco = names(run_search(technique="dry-needling", in_scope=1, where="San Francisco", radius=50))
        self.assertEqual(san_francisco, [])  # Sam is in scope in Colorado, not in California

    def test_hits_say_whether_the_technique_is_in_scope_there(self):
        results = run_search(q="dry needling", where="Denver", radius=30, type="practitioner")
        scope = {hit.title: hit.in_scope for hit in results.hits}
        self.assertEqual(scope["Dana Whitfield"], True)
        self.assertEqual(scope["Jo Unverified"], False)
        sf = run_search(q="dry needling", where="San Francisco", radius=50, type="practitioner")
        self.assertEqual([(h.title, h.in_scope) for h in sf.hits], [("Sam Okafor", False)])

    def test_clinics_are_in_scope_where_someone_in_scope_practises(self):
        clinics = set(names(run_search(technique="dry-needling", in_scope=1, type="clinic")))
        self.assertEqual(clinics, {"Mile High Physio", "Boulder Spine Care"})

    # -- relevance -----------------------------------------------------------------------

    def test_relevance_dry_needling_for_sciatica_near_denver(self):
        """The verified, in-scope Denver physiotherapist who treats sciatica comes first;
        a far one and one without the technique rank below."""
        ranked = names(run_search(q="dry needling sciatica", where="Denver", radius=100, type="practitioner"))
        self.assertEqual(ranked[0], "Dana Whitfield")
        self.assertLess(ranked.index("Dana Whitfield"), ranked.index("Marco Ruiz"))
        self.assertLess(ranked.index("Dana Whitfield"), ranked.index("Lee Park"))
        self.assertLess(ranked.index("Sam Okafor"), ranked.index("Lee Park"))
        self.assertLess(ranked.index("Sam Okafor"), ranked.index("Jo Unverified"))

    def test_relevance_acupuncture_near_denver(self):
        self.assertEqual(names(run_search(q="acupuncture near Denver", type="practitioner"))[0], "Ravi Acharya")

    # -- sorting, paging, types ------------------------------------------------------------

    def test_rating_sort_puts_the_best_rated_first(self):
        ranked = names(run_search(sort="rating", type="practitioner"))
        self.assertEqual(ranked[:2], ["Dana Whitfield", "Ravi Acharya"])

    def test_pages_do_not_overlap_and_cover_the_total(self):
        first = run_search(page_size=4, sort="rating")
        second = run_search(page_size=4, page=2, sort="rating")
        self.assertEqual(first.total, 12)  # 7 published practitioners and 5 clinics
        self.assertEqual(first.num_pages, 3)
        self.assertFalse(set(names(first)) & set(names(second)))

    def test_unpublished_pages_are_never_found(self):
        self.assertNotIn("Hidden Draft", names(run_search(q="Hidden Draft", page_size=50)))

    def test_autocomplete_suggests_names(self):
        labels = [s["label"] for s in get_backend().autocomplete("whitf")]
        self.assertEqual(labels, ["Dana Whitfield"])
        self.assertIn("Gurugram Physio Centre", [s["label"] for s in get_backend().autocomplete("gurugram phy")])
