"""The benchmark generator writes pages in bulk; what it writes must be an ordinary Wagtail site."""

import io
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count
from wagtail.models import Page

from bench import synthetic
from bench.load import AlreadyLoaded, generate, team_sizes
from directory.models import ClinicIndexPage, ClinicPage, Licence, PractitionerLocation, PractitionerPage
from reviews.models import RatingSummary, Review
from search import indexing
from search.backends.database import DatabaseBackend
from search.models import SearchDocument, SearchListing
from tests.factories import make_clinic, make_practitioner, make_user

pytestmark = pytest.mark.django_db

SIZE = 30


@pytest.fixture
def generated():
    return generate(SIZE, seed=7)


def tree_snapshot():
    return list(Page.objects.order_by("pk").values_list("pk", "path", "depth", "numchild", "url_path"))


def test_the_generated_tree_has_no_problems_treebeard_or_fixtree_can_find(generated):
    assert Page.find_problems() == ([], [], [], [], [])
    out = io.StringIO()
    call_command("fixtree", interactive=False, stdout=out)
    assert "Incorrect" not in out.getvalue() and "Remaining problems" not in out.getvalue()
    before = tree_snapshot()
    Page.fix_tree(fix_paths=True)  # rebuilds paths, depths and numchild from scratch
    assert tree_snapshot() == before


def test_about_three_practitioners_per_clinic_with_one_to_three_locations(generated):
    assert PractitionerPage.objects.count() == SIZE
    clinics = ClinicPage.objects.annotate(n=Count("locations"))
    assert clinics.count() == len(team_sizes(SIZE, 7)) == generated["clinics"]
    assert {clinic.n for clinic in clinics} <= {1, 2, 3}
    for clinic in ClinicPage.objects.all():
        children = PractitionerPage.objects.child_of(clinic)
        assert 1 <= children.count() <= 4
        assert all(page.url_path.startswith(clinic.url_path) for page in children)


def test_generated_pages_serve_at_their_urls(generated, client):
    pages = list(PractitionerPage.objects.live()) + list(ClinicPage.objects.live())
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title.replace("&", "&amp;") in response.content.decode()


def test_generated_pages_appear_in_the_admin_explorer_and_open_for_editing(generated, client):
    client.force_login(make_user(superuser=True))
    index = ClinicIndexPage.objects.get()
    clinic = ClinicPage.objects.child_of(index).first()
    listing = client.get(f"/admin/pages/{index.pk}/")
    assert listing.status_code == 200
    assert clinic.title.replace("&", "&amp;") in listing.content.decode()
    practitioner = PractitionerPage.objects.child_of(clinic).first()
    assert practitioner.title in client.get(f"/admin/pages/{clinic.pk}/").content.decode()
    assert client.get(f"/admin/pages/{practitioner.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{clinic.pk}/edit/").status_code == 200


def test_a_generated_page_can_be_edited_published_and_given_new_siblings(generated, client):
    page = PractitionerPage.objects.order_by("pk").first()
    page.title = "Renamed After Generation"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and page.live_revision is not None
    assert "Renamed After Generation" in client.get(page.url).content.decode()

    clinic = page.get_parent().specific
    newcomer = make_practitioner(clinic, title="Added Through Wagtail")
    clinic.refresh_from_db()
    assert newcomer.get_parent().pk == clinic.pk
    assert clinic.numchild == PractitionerPage.objects.child_of(clinic).count()
    assert client.get(newcomer.url).status_code == 200
    assert Page.find_problems() == ([], [], [], [], [])


def test_every_rating_summary_counts_exactly_the_approved_reviews(generated):
    pages = set(PractitionerPage.objects.values_list("pk", flat=True))
    assert set(RatingSummary.objects.values_list("page_id", flat=True)) == pages
    approved = Review.objects.filter(status=Review.Status.APPROVED)
    for summary in RatingSummary.objects.all():
        ratings = list(approved.filter(page_id=summary.page_id).values_list("rating", flat=True))
        assert 5 <= len(ratings) <= 20
        stars = Counter(ratings)
        assert summary.count == len(ratings)
        assert [summary.stars_1, summary.stars_2, summary.stars_3, summary.stars_4, summary.stars_5] == [
            stars[s] for s in range(1, 6)
        ]
        expected = (Decimal(sum(ratings)) / len(ratings)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert summary.average == expected


def test_licences_are_for_the_jurisdictions_practitioners_work_in(generated):
    for page_id, jurisdiction_id in PractitionerLocation.objects.values_list(
        "practitioner_id", "location__jurisdiction_id"
    ):
        assert Licence.objects.filter(practitioner_id=page_id, jurisdiction_id=jurisdiction_id).exists()


def test_search_documents_build_for_every_generated_page_and_find_them(generated, client):
    written = indexing.rebuild_all()
    assert written == SIZE + generated["clinics"]
    assert SearchDocument.objects.filter(kind="practitioner").count() == SIZE
    assert not SearchListing.objects.filter(document__kind="practitioner", location_id__isnull=True).exists()
    practitioner = PractitionerPage.objects.order_by("pk").first()
    family_name = practitioner.title.split()[-1]
    DatabaseBackend().rebuild()
    found = client.get("/api/search", {"q": family_name, "type": "practitioner", "page_size": 50}).json()
    assert practitioner.pk in {hit["id"] for hit in found["results"]}


def test_the_same_seed_gives_the_same_rows():
    vocabulary = synthetic.Vocabulary()

    def rows(seed):
        generator = synthetic.Generator(
            vocabulary,
            seed=seed,
            today=__import__("datetime").date(2026, 1, 1),
            first_page_id=1000,
            first_location_id=1000,
            locale_id=1,
            content_types={"clinic": 1, "practitioner": 2},
        )

        class Paths:
            def path(self):
                return "000100010001ZZZZ"

            def url_path(self, slug):
                return f"/home/clinics/{slug}/"

        out = synthetic.Rows()
        for index in range(5):
            generator.clinic(out, index, 3, Paths())
        return out

    assert rows(7) == rows(7)
    assert rows(7) != rows(8)


def test_generating_into_a_database_that_has_practitioners_is_refused():
    make_practitioner(make_clinic())
    with pytest.raises(AlreadyLoaded):
        generate(3)
