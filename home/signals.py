"""The safety net behind the image upload form: no image is stored with its metadata, whichever
path saved it (the admin form, the multiple uploader's deferred uploads, a command or a script)."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from home.images import clean_image


@receiver(pre_save)
def store_images_without_metadata(sender, instance, raw=False, **kwargs):
    if raw or sender is not get_image_model():
        return
    field_file = instance.file
    if not field_file:
        return
    pending = field_file.__dict__.get("_file")
    if getattr(pending, "metadata_removed", False):
        return
    if instance.pk and field_file._committed and not instance._state.adding:
        return  # an existing image whose file did not change
    stored_name = field_file.name if field_file._committed else None
    with field_file.open("rb") as source:
        cleaned = clean_image(source, field_file.name)
    field_file.save(cleaned.name, cleaned, save=False)
    if stored_name and stored_name != field_file.name:
        field_file.storage.delete(stored_name)
    instance.file_size = cleaned.size
    cleaned.seek(0)
    instance.file_hash = hash_filelike(cleaned)
