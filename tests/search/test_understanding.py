"""Query understanding and places: the step both backends share."""

import pytest

from search import places
from search.understanding import edit_distance, interpret

pytestmark = pytest.mark.django_db


def concepts(text):
    return {(c.kind, c.slug) for c in interpret(text).concepts}


def test_abbreviations_synonyms_and_phrases_become_concepts():
    assert concepts("IMS for sciatic pain") == {("technique", "intramuscular-stimulation"), ("condition", "sciatica")}
    assert concepts("physio") == {("profession", "physiotherapist")}
    assert concepts("physical therapist") == {("profession", "physiotherapist")}


def test_typos_in_longer_words_are_tolerated_but_names_are_not_forced_into_concepts():
    assert concepts("sciatca") == {("condition", "sciatica")}
    assert concepts("acupunture") == {("technique", "acupuncture")}
    assert concepts("Whitfield") == set()
    assert interpret("Whitfield").text == "whitfield"


def test_abbreviations_that_are_english_words_count_only_in_capitals():
    assert ("profession", "physician") in concepts("DO near me")
    assert concepts("what do you treat") == set()


def test_a_place_after_near_is_taken_out_of_the_words():
    reading = interpret("IMS near Gurgaon")
    assert reading.place.name == "Gurugram"
    assert reading.text == ""


def test_an_unknown_place_after_near_is_reported_not_searched_for():
    reading = interpret("dry needling near Xyzzyville")
    assert reading.place is None
    assert "Xyzzyville" in reading.notices[0]
    assert reading.text == ""


def test_a_surname_that_is_also_a_small_town_stays_a_name():
    assert interpret("Anna Ng").place is None


@pytest.mark.parametrize(
    ("text", "name"),
    [("Gurgaon", "Gurugram"), ("Bombay", "Mumbai"), ("Bangalore", "Bengaluru"), ("Bengaluru", "Bengaluru")],
)
def test_alternate_city_names_resolve_to_one_city(text, name):
    assert places.resolve(text).name == name


def test_zip_codes_qualifiers_and_coordinates_resolve():
    assert places.resolve("80202").kind == "postcode"
    assert places.resolve("Portland, OR").label == "Portland, Oregon, United States"
    assert places.resolve("Portland, Maine").label == "Portland, Maine, United States"
    assert places.resolve("39.7, -104.9").kind == "coordinates"


def test_an_unknown_place_says_so_with_suggestions():
    with pytest.raises(places.PlaceNotFound) as error:
        places.resolve("Bengalooru")
    assert "Bengaluru, India" in error.value.suggestions


def test_distances_and_bounding_boxes():
    assert places.haversine_km(39.7392, -104.9903, 40.0150, -105.2705) == pytest.approx(38.9, abs=0.5)
    min_lat, max_lat, min_lon, max_lon = places.bounding_box(39.7, -104.9, 10)
    assert min_lat < 39.7 < max_lat and min_lon < -104.9 < max_lon
    assert edit_distance("sciatca", "sciatica", 2) == 1


@pytest.mark.parametrize("text", ["Denverr", "Portlnd", "Springfeld"])
def test_every_suggested_place_label_searches_for_that_place(text):
    # The search page links each suggestion as ?where=<label>, and autocomplete fills the box with it.
    suggested = places.suggest(text)
    assert suggested
    for label in suggested:
        places.resolve(label)  # no PlaceNotFound
    for place in places.complete(text[:4]):
        found = places.resolve(place.label)
        assert places.haversine_km(place.latitude, place.longitude, found.latitude, found.longitude) < 25
