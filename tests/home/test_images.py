"""Uploaded photos are real images within limits, and are stored without EXIF (GPS included)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

from home.images import clean_image
from tests.factories import make_user

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg_with_gps(size=(64, 48), orientation=None):
    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0131] = "Secret Editor 1.0"  # Software
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (39.0, 44.0, 21.0)
    gps[3] = "W"
    gps[4] = (104.0, 59.0, 25.0)
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def noisy_jpeg():
    image = Image.frombytes("RGB", (200, 200), bytes((i * 7919) % 251 for i in range(200 * 200 * 3)))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def png_bytes(size=(32, 32)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def stored_exif(image):
    with image.open_file() as f:
        return Image.open(f).getexif()


def test_the_test_photo_really_carries_gps_before_cleaning():
    exif = Image.open(io.BytesIO(jpeg_with_gps())).getexif()
    assert exif.get_ifd(GPS_IFD)


def test_cleaning_removes_exif_and_gps_and_keeps_the_picture():
    cleaned = clean_image(SimpleUploadedFile("holiday.jpg", jpeg_with_gps()))
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "JPEG" and image.size == (64, 48)
    assert not image.getexif() and not image.getexif().get_ifd(GPS_IFD)
    assert "exif" not in image.info


def test_cleaning_turns_the_picture_upright_before_dropping_its_orientation():
    cleaned = clean_image(SimpleUploadedFile("sideways.jpg", jpeg_with_gps(size=(60, 20), orientation=6)))
    assert Image.open(io.BytesIO(cleaned.read())).size == (20, 60)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("notes.jpg", b"just some text, not a picture", "not a photo we can read"),
        ("page.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "not a photo we can read"),
        ("logo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "not a photo we can read"),
        ("photo.png", jpeg_with_gps(), "is named .png but is not a PNG image"),
        ("photo.gif", png_bytes(), "Upload a JPEG, PNG or WebP photo"),
        ("photo.svg", b"<svg></svg>", "Upload a JPEG, PNG or WebP photo"),
        ("cut.jpg", noisy_jpeg()[:4000], "damaged or incomplete"),
    ],
)
def test_files_that_are_not_sound_photos_are_refused_with_a_clear_message(name, data, message):
    with pytest.raises(ValidationError) as refused:
        clean_image(SimpleUploadedFile(name, data))
    assert message in " ".join(refused.value.messages)


def test_a_decompression_bomb_is_refused_without_being_decoded(settings):
    # A small file that claims 30000 x 30000 pixels (900 megapixels).
    settings.IMAGE_MAX_DIMENSION = 50_000
    buffer = io.BytesIO()
    Image.new("1", (30000, 30000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ValidationError) as refused:
        clean_image(SimpleUploadedFile("bomb.png", buffer.getvalue()))
    assert "pixels" in " ".join(refused.value.messages) or "not a photo" in " ".join(refused.value.messages)


def test_huge_dimensions_are_refused(settings):
    settings.IMAGE_MAX_DIMENSION = 1000
    with pytest.raises(ValidationError) as refused:
        clean_image(SimpleUploadedFile("strip.png", png_bytes(size=(1200, 2))))
    assert "longest side may be 1,000 pixels" in refused.value.messages[0]


def test_files_over_the_size_limit_are_refused(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(ValidationError) as refused:
        clean_image(SimpleUploadedFile("big.png", png_bytes(size=(400, 400)) + b"\0" * 2000))
    assert "too big" in refused.value.messages[0]


def test_an_image_uploaded_in_the_admin_is_stored_without_exif(client):
    admin = make_user(superuser=True)
    client.force_login(admin)
    upload = SimpleUploadedFile("clinic.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post("/admin/images/add/", {"title": "Clinic front", "file": upload})
    assert response.status_code == 302, response.content.decode()[:500]
    image = get_image_model().objects.get(title="Clinic front")
    assert not stored_exif(image)
    assert image.width == 64 and image.height == 48
    with image.open_file() as f:
        data = f.read()
    assert image.file_size == len(data)


def test_a_disguised_html_file_is_refused_in_the_admin_with_a_message(client):
    client.force_login(make_user(superuser=True))
    upload = SimpleUploadedFile("innocent.jpg", b"<html><body>hello</body></html>", content_type="image/jpeg")
    response = client.post("/admin/images/add/", {"title": "Sneaky", "file": upload})
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="Sneaky").exists()


def test_an_image_saved_by_code_is_stored_without_exif_too():
    image = get_image_model()(title="From a script")
    image.file = ImageFile(io.BytesIO(jpeg_with_gps()), name="script.jpg")
    image.save()
    assert not stored_exif(image)


def test_the_multiple_uploader_stores_images_without_exif(client):
    client.force_login(make_user(superuser=True))
    upload = SimpleUploadedFile("many.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        "/admin/images/multiple/add/", {"files[]": upload}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200 and response.json()["success"], response.content[:300]
    assert not stored_exif(get_image_model().objects.get(pk=response.json()["image_id"]))
