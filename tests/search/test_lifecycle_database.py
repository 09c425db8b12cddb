"""Index lifecycle on the database backend."""

from django.conf import settings
from django.test import TestCase

from tests.search.lifecycle import IndexLifecycleContract


class DatabaseIndexLifecycle(IndexLifecycleContract, TestCase):
    def search_settings(self):
        return {**settings.INSCOPE_SEARCH, "BACKEND": "search.backends.database.DatabaseBackend", "URL": None}
