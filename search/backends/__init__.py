"""Backend selection: one place reads settings.INSCOPE_SEARCH["BACKEND"]."""

from django.conf import settings
from django.utils.module_loading import import_string


def get_backend():
    """The configured search backend (Elasticsearch when ELASTICSEARCH_URL is set)."""
    config = settings.INSCOPE_SEARCH
    return import_string(config["BACKEND"])(config)
