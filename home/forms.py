"""The base form of every Wagtail image upload (WAGTAILIMAGES_IMAGE_FORM_BASE): the admin's image
form, the multiple uploader and the image chooser's upload tab all build on it."""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from home.images import DAMAGED, clean_image


class SafeImageField(WagtailImageField):
    """Our checks run before Wagtail's, so every path gives the same clear message; Wagtail's own
    reading of a truncated file raised OSError (a 500) before any form validation could answer."""

    def to_python(self, data):
        if data not in self.empty_values:
            clean_image(data, data.name)
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(DAMAGED, code="damaged") from None


class SafeImageForm(BaseImageForm):
    """Wagtail's image form, whose file is checked and stored without metadata (home.images)."""

    file = SafeImageField(label="File")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        return clean_image(upload, upload.name)
