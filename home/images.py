"""Uploaded photos: real images, within limits, stored without EXIF.

Key ideas:
- Pillow must recognise the bytes as a JPEG, PNG or WebP whose format matches its
  extension: HTML, SVG or anything else renamed to .jpg is refused.
- Size, pixel count and longest side are checked from the header before any decoding,
  so a decompression bomb is refused without being expanded.
- The whole image is then decoded (a truncated file fails here), turned upright by its
  EXIF orientation, and saved afresh with no metadata: EXIF (GPS included), XMP and
  comments are gone from the stored original, not just from renditions.
"""

import io
import os
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
DAMAGED = "This image file is damaged or incomplete; please upload it again."


def _limits():
    return (
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
        getattr(settings, "IMAGE_MAX_DIMENSION", 12_000),
    )


def _read(upload):
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read()
    if hasattr(upload, "seek"):
        upload.seek(0)
    return data


def clean_image(upload, name=None):
    """Return a new uploaded file holding the image without metadata, or raise ValidationError."""
    name = os.path.basename(name or getattr(upload, "name", "") or "upload")
    max_bytes, max_pixels, max_side = _limits()
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(f"This file is too big ({size:,} bytes); the limit is {max_bytes:,} bytes.")
    data = _read(upload)
    if len(data) > max_bytes:
        raise ValidationError(f"This file is too big ({len(data):,} bytes); the limit is {max_bytes:,} bytes.")

    extension = os.path.splitext(name)[1].lower().lstrip(".")
    expected = FORMATS.get(extension)
    if expected is None:
        raise ValidationError("Upload a JPEG, PNG or WebP photo (.jpg, .jpeg, .png or .webp).")

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError):
            raise ValidationError("This file is not a photo we can read. Upload a JPEG, PNG or WebP image.") from None

        if image.format != expected:
            raise ValidationError(
                f"This file is named .{extension} but is not a {expected} image. Upload the photo as it was saved."
            )
        width, height = image.size
        if max(width, height) > max_side:
            raise ValidationError(
                f"This image is {width}×{height} pixels; the longest side may be {max_side:,} pixels."
            )
        if width * height > max_pixels:
            raise ValidationError(
                f"This image has too many pixels ({width}×{height}); the limit is {max_pixels:,} pixels."
            )
        if getattr(image, "n_frames", 1) > 1:
            raise ValidationError("Animated images are not accepted; upload a still photo.")
        try:
            image.load()
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(DAMAGED) from None

    cleaned = SimpleUploadedFile(name, _strip_metadata(image, expected), content_type=MIME_TYPES[expected])
    cleaned.metadata_removed = True
    return cleaned


def _strip_metadata(image, fmt):
    """Re-encode upright with no EXIF, XMP or text chunks; keep only the colour profile."""
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    if fmt == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    # A fresh image object carries no info dict from the original, so nothing leaks through.
    clean = Image.new(upright.mode, upright.size)
    clean.paste(upright)
    if upright.mode == "P" and upright.getpalette():
        clean.putpalette(upright.getpalette())
        if "transparency" in upright.info:
            clean.info["transparency"] = upright.info["transparency"]
    options = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        options.update(quality=90, optimize=True)
    elif fmt == "WEBP":
        options.update(quality=90)
    out = io.BytesIO()
    clean.save(out, format=fmt, **options)
    return out.getvalue()
