"""Every way a photo reaches the site refuses a bad file with a clear message and stores nothing:
the admin's image form, the multiple uploader, the image chooser's upload tab (how a clinic's logo,
photos and a practitioner's photo are usually added) and a clinic manager's own collection.
(The public forms, onboarding's included, take no files.) Checks of the file itself: test_images.py."""

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

from directory.models import ClinicTeam
from tests.factories import make_clinic, make_manager, make_user
from tests.home.test_images import noisy_jpeg

pytestmark = pytest.mark.django_db


def png_photo():
    image = Image.frombytes("RGB", (120, 120), random.Random(7).randbytes(120 * 120 * 3))  # incompressible
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


BAD_FILES = {
    "truncated-jpeg": ("cut.jpg", noisy_jpeg()[:4000], "damaged or incomplete"),
    "truncated-png": ("cut.png", png_photo()[:2000], "damaged or incomplete"),
    "header-only": ("stub.jpg", noisy_jpeg()[:200], "photo"),
    "svg-named-jpg": (
        "logo.jpg",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
        "not a photo we can read",
    ),
    "html-named-jpg": ("page.jpg", b"<!DOCTYPE html><script>alert(1)</script>", "not a photo we can read"),
}


def upload_with_form(client, name, data, collection=None):
    fields = {"title": "Bad upload", "file": SimpleUploadedFile(name, data, content_type="image/jpeg")}
    if collection:
        fields["collection"] = collection.pk
    response = client.post("/admin/images/add/", fields)
    return response.status_code, response.content.decode()


def upload_many(client, name, data, collection=None):
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, data, content_type="image/jpeg")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    body = response.json()
    assert body["success"] is False
    return response.status_code, str(body)


def upload_in_chooser(client, name, data, collection=None):
    fields = {"image-chooser-upload-title": "Bad upload"}
    fields["image-chooser-upload-file"] = SimpleUploadedFile(name, data, content_type="image/jpeg")
    response = client.post("/admin/images/chooser/create/", fields)
    return response.status_code, str(response.json())


@pytest.fixture
def superuser(client):
    client.force_login(make_user(superuser=True))


@pytest.mark.parametrize("upload", [upload_with_form, upload_many, upload_in_chooser], ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", sorted(BAD_FILES))
def test_an_administrator_uploading_a_bad_file_gets_a_clear_message_and_nothing_is_stored(
    client, superuser, upload, bad
):
    name, data, message = BAD_FILES[bad]
    status, body = upload(client, name, data)
    assert status < 500
    assert message in body
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("upload", [upload_with_form, upload_in_chooser], ids=lambda f: f.__name__)
def test_a_clinic_manager_uploading_to_their_clinics_photos_gets_the_same_refusal(client, upload):
    clinic = make_clinic("Photo Clinic")
    client.force_login(make_manager(clinic))
    collection = ClinicTeam.objects.get(clinic=clinic).collection
    name, data, message = BAD_FILES["svg-named-jpg"]
    status, body = upload(client, name, data, collection)
    assert status < 500 and message in body
    assert not get_image_model().objects.exists()
