"""The base form of every Wagtail image upload (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

from wagtail.images.forms import BaseImageForm

from home.images import clean_image


class SafeImageForm(BaseImageForm):
    """Wagtail's image form, whose file is checked and stored without metadata (home.images)."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        return clean_image(upload, upload.name)
