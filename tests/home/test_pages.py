"""The home page, the guides, structured data and the sitemap."""

import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from directory.models import Condition, Technique
from home.guides import nearby_practitioners
from home.models import ConditionPage, GuideIndexPage, HomePage, TreatmentPage
from reviews.models import RatingSummary
from search import indexing
from tests.factories import make_clinic, make_licence, make_location, make_practitioner

pytestmark = pytest.mark.django_db

MUMBAI = (Decimal("19.076000"), Decimal("72.877700"))
BOULDER = (Decimal("40.014986"), Decimal("-105.270546"))


def json_ld(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


@pytest.fixture
def guides():
    call_command("seed_guides", stdout=io.StringIO())
    return GuideIndexPage.objects.get()


def test_the_home_page_has_a_labelled_what_and_where_search_that_submits_to_search(client):
    make_practitioner(make_clinic())
    html = client.get("/").content.decode()
    assert 'action="/search/" method="get"' in html
    assert '<label for="search-q">What</label>' in html and 'name="q"' in html
    assert '<label for="search-where">Where</label>' in html and 'name="where"' in html
    assert 'data-autocomplete="/api/autocomplete"' in html
    assert 'href="/search/?technique=dry-needling"' in html
    assert 'href="/search/?condition=sciatica"' in html


def test_the_home_page_links_treatments_to_their_guides(client, guides):
    make_practitioner(make_clinic())
    html = client.get("/").content.decode()
    assert 'href="/guides/dry-needling/"' in html and 'href="/guides/sciatica/"' in html


def test_seed_guides_is_idempotent_and_links_guides_to_their_topics(guides):
    call_command("seed_guides", stdout=io.StringIO())
    assert TreatmentPage.objects.count() == 2 and ConditionPage.objects.count() == 2
    assert TreatmentPage.objects.get(slug="dry-needling").technique.name == "Dry needling"
    assert ConditionPage.objects.get(slug="sciatica").condition.name == "Sciatica"


def test_seed_guides_update_restores_the_shipped_text(guides):
    page = TreatmentPage.objects.get(slug="dry-needling")
    page.summary = "Edited"
    page.save_revision().publish()
    call_command("seed_guides", "--update", stdout=io.StringIO())
    assert TreatmentPage.objects.get(slug="dry-needling").summary != "Edited"


def test_the_dry_needling_guide_covers_evidence_risks_and_precautions_carefully(client, guides):
    html = client.get("/guides/dry-needling/").content.decode()
    for heading in (
        "What it is",
        "How it works",
        "What the evidence says",
        "Risks and side effects",
        "Precautions and contraindications",
        "What to expect",
        "Aftercare",
    ):
        assert f">{heading}</h2>" in html
    assert "low to moderate" in html
    assert "pneumothorax" in html and "faint" in html and "bruis" in html
    assert "anticoagulants" in html and "pregnancy" in html
    assert "cure" in html  # only ever to say it is not one
    assert "will cure" not in html.lower()


def test_the_sciatica_guide_puts_the_red_flags_first(client, guides):
    html = client.get("/guides/sciatica/").content.decode()
    red_flags = html.index("cauda equina syndrome")
    assert red_flags < html.index(">What it is</h2>")
    assert "bladder or bowels" in html and "saddle" in html


def test_guides_carry_faqpage_and_medical_webpage_json_ld(client, guides):
    data = json_ld(client.get("/guides/sciatica/").content.decode())[0]
    types = {item["@type"] for item in data}
    assert types == {"MedicalWebPage", "FAQPage"}
    faq = next(item for item in data if item["@type"] == "FAQPage")
    first = faq["mainEntity"][0]
    assert first["@type"] == "Question" and first["acceptedAnswer"]["text"]
    assert "<p>" not in first["acceptedAnswer"]["text"]


def test_the_guide_index_lists_treatments_and_conditions(client, guides):
    html = client.get("/guides/").content.decode()
    assert "Dry needling" in html and "Low back pain" in html


def test_the_nearby_block_lists_practitioners_offering_the_treatment_for_the_condition(client, guides):
    denver = make_clinic("Denver Needling")
    boulder = make_clinic("Boulder Needling", location=make_location(city="Boulder", coords=BOULDER))
    mumbai = make_clinic("Mumbai Physio", location=make_location(jurisdiction="IN-MH", city="Mumbai", coords=MUMBAI))
    near = make_practitioner(denver, "Near Nora")
    make_licence(near)
    make_practitioner(boulder, "Further Fay")
    make_practitioner(mumbai, "Faraway Farah")
    make_practitioner(denver, "Knees Only", conditions=("Plantar fasciitis",))
    indexing.rebuild_all()

    html = client.get("/guides/sciatica/?where=denver").content.decode()
    assert "within 100 km of Denver" in html
    assert html.index("Near Nora") < html.index("Further Fay")
    assert "Faraway Farah" not in html and "Knees Only" not in html
    assert "In scope" in html  # Nora's verified licence and 54 h meet Colorado's rule
    search_link = "/search/?type=practitioner&amp;technique=dry-needling&amp;condition=sciatica&amp;where=denver&amp;"
    assert f'href="{search_link}' in html

    anywhere = client.get("/guides/sciatica/?where=Xyzzyville").content.decode()
    assert "could not find a place called “Xyzzyville”" in anywhere
    assert "Faraway Farah" in anywhere


def test_nearby_practitioners_counts_named_methods_and_orders_by_reviews_without_a_place():
    clinic = make_clinic()
    ims = make_practitioner(clinic, "Ida IMS", techniques=("Intramuscular stimulation",))
    plain = make_practitioner(clinic, "Paul Plain")
    summary = RatingSummary(page=ims)
    summary.set_counts({5: 4})
    summary.save()
    indexing.rebuild_all()
    technique = Technique.objects.get(name="Dry needling")
    result = nearby_practitioners(technique, Condition.objects.get(name="Sciatica"), "", 5)
    assert [r.practitioner.title for r in result.results] == ["Ida IMS", "Paul Plain"]
    assert result.place == "" and not result.place_not_found
    assert plain.title in {r.practitioner.title for r in result.results}


def test_nearby_practitioners_asks_the_search_so_any_place_it_knows_works():
    clinic = make_clinic(
        location=make_location(city="Mumbai", locality="Bandra West", jurisdiction="IN-MH", coords=MUMBAI)
    )
    make_practitioner(clinic, "Bandra Bina")
    far = make_practitioner(make_clinic(), "Denver Dev")
    indexing.rebuild_all()
    sciatica = Condition.objects.get(name="Sciatica")

    for where in ("bandra west", "Bombay", "MUMBAI"):  # a neighbourhood, an old name, any case
        nearby = nearby_practitioners(None, sciatica, where, 5)
        assert [r.practitioner.title for r in nearby.results] == ["Bandra Bina"], where
        assert nearby.results[0].distance_km < 30 and nearby.place
    nearby = nearby_practitioners(None, sciatica, "80202", 5)  # a Denver ZIP code
    assert [r.practitioner for r in nearby.results] == [far]
    assert nearby.results[0].location.city == "Denver"
    assert nearby_practitioners(None, sciatica, "Gotham", 5).place_not_found


def test_the_sitemap_lists_guides_clinics_and_practitioners(client, guides):
    clinic = make_clinic("Sitemap Clinic")
    practitioner = make_practitioner(clinic, "Sitemap Sam")
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/guides/dry-needling/", "/guides/sciatica/", clinic.url, practitioner.url):
        assert path in xml


def test_every_page_has_a_canonical_url_and_open_graph_tags(client, guides):
    for url in ("/", "/guides/", "/guides/sciatica/?where=Denver", "/clinics/"):
        html = client.get(url).content.decode()
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        assert "?" not in canonical
        assert 'property="og:title"' in html and 'property="og:url"' in html


def test_the_home_page_is_the_site_root():
    assert HomePage.objects.count() == 1
