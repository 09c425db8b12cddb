"""Generated pictures for demo listings: initials on a flat colour, plainly not photographs.

Real-looking faces would suggest real people; a monogram says "placeholder" at a glance
and still lets the profile, card and admin layouts be seen with an image in place.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from directory.demodata.people import initials

AVATAR_SIZE = 256
LOGO_SIZE = 320


def _font(size):
    # Pillow's bundled font, so no system fonts are needed.
    return ImageFont.load_default(size=size)


def avatar_png(name, colour):
    """A round avatar: the person's initials, white on their colour."""
    image = PILImage.new("RGB", (AVATAR_SIZE, AVATAR_SIZE), "#f3f4f6")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, AVATAR_SIZE - 8, AVATAR_SIZE - 8), fill=colour)
    draw.text((AVATAR_SIZE / 2, AVATAR_SIZE / 2), initials(name), font=_font(96), fill="white", anchor="mm")
    return _png(image)


def logo_png(title, colour):
    """A square monogram logo with the clinic's initials."""
    image = PILImage.new("RGB", (LOGO_SIZE, LOGO_SIZE), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((16, 16, LOGO_SIZE - 16, LOGO_SIZE - 16), radius=48, fill=colour)
    draw.arc((56, 56, LOGO_SIZE - 56, LOGO_SIZE - 56), start=200, end=340, fill="white", width=10)
    draw.text((LOGO_SIZE / 2, LOGO_SIZE / 2 + 24), initials(title), font=_font(110), fill="white", anchor="mm")
    return _png(image)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def save_image(title, filename, data, collection):
    """Store PNG bytes as a Wagtail image in `collection` (a clinic's own)."""
    image = get_image_model()(title=title, collection=collection)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.file_size = len(data)
    image.file_hash = hash_filelike(io.BytesIO(data))
    image.save()
    return image
