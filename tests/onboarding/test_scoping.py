"""Managers see and choose only their own clinic's images, documents and pages."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.factories import make_clinic, make_manager, make_practitioner

pytestmark = pytest.mark.django_db


def image_in(collection, title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"), collection=collection)


def document_in(collection, title):
    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"{title}.pdf"), collection=collection
    )


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def two_clinics(client):
    clinic_a, clinic_b = make_clinic("Clinic A"), make_clinic("Clinic B")
    manager = make_manager(clinic_a)
    client.force_login(manager)
    return clinic_a, clinic_b, manager


class TestMedia:
    def test_the_image_chooser_offers_only_the_clinics_own_photos(self, client, two_clinics):
        clinic_a, clinic_b, _ = two_clinics
        image_in(clinic_a.team.collection, "ours-photo")
        image_in(clinic_b.team.collection, "theirs-photo")
        body = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
        assert "ours-photo" in body and "theirs-photo" not in body

    def test_another_clinics_image_cannot_be_edited(self, client, two_clinics):
        _, clinic_b, _ = two_clinics
        theirs = image_in(clinic_b.team.collection, "theirs-photo")
        response = client.get(reverse("wagtailimages:edit", args=[theirs.pk]))
        assert response.status_code in (302, 403, 404)
        client.post(reverse("wagtailimages:edit", args=[theirs.pk]), {"title": "defaced"})
        theirs.refresh_from_db()
        assert theirs.title == "theirs-photo"

    def test_the_document_chooser_offers_only_the_clinics_own_documents(self, client, two_clinics):
        clinic_a, clinic_b, _ = two_clinics
        document_in(clinic_a.team.collection, "ours-fees")
        document_in(clinic_b.team.collection, "theirs-fees")
        response = client.get(reverse("wagtaildocs_chooser:choose"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "ours-fees" in body and "theirs-fees" not in body

    def test_a_manager_uploads_documents_into_their_own_collection(self, client, two_clinics):
        clinic_a, clinic_b, _ = two_clinics
        upload = ContentFile(b"%PDF-1.4\n%%EOF\n", name="price-list.pdf")
        response = client.post(reverse("wagtaildocs:add"), {"title": "Price list", "file": upload})
        assert response.status_code == 302
        assert Document.objects.get(title="Price list").collection == clinic_a.team.collection

    def test_another_clinics_document_cannot_be_edited(self, client, two_clinics):
        _, clinic_b, _ = two_clinics
        theirs = document_in(clinic_b.team.collection, "theirs-fees")
        client.post(reverse("wagtaildocs:edit", args=[theirs.pk]), {"title": "defaced"})
        theirs.refresh_from_db()
        assert theirs.title == "theirs-fees"


class TestPageChooser:
    def test_browsing_the_clinics_index_shows_only_their_clinic(self, client, two_clinics):
        clinic_a, clinic_b, _ = two_clinics
        response = client.get(reverse("wagtailadmin_choose_page_child", args=[clinic_a.get_parent().pk]))
        body = response.json()["html"]
        assert "Clinic A" in body and "Clinic B" not in body

    def test_searching_finds_only_their_own_pages(self, client, two_clinics):
        clinic_a, clinic_b, _ = two_clinics
        make_practitioner(clinic_a, "Dr Chooser Ours")
        make_practitioner(clinic_b, "Dr Chooser Theirs")
        response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Chooser"})
        body = response.content.decode()
        assert "Dr Chooser Ours" in body and "Dr Chooser Theirs" not in body

    def test_another_clinics_subtree_shows_nothing_of_its_pages(self, client, two_clinics):
        _, clinic_b, _ = two_clinics
        make_practitioner(clinic_b, "Dr Hidden Theirs")
        response = client.get(reverse("wagtailadmin_choose_page_child", args=[clinic_b.pk]))
        assert "Dr Hidden Theirs" not in response.json()["html"]

    def test_superusers_choose_from_every_page(self, client, two_clinics):
        from tests.factories import make_user

        clinic_a, _, _ = two_clinics
        client.force_login(make_user(superuser=True))
        body = client.get(reverse("wagtailadmin_choose_page_child", args=[clinic_a.get_parent().pk])).json()["html"]
        assert "Clinic A" in body and "Clinic B" in body
