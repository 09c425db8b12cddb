"""The search contract on the database backend (SQLite, or PostgreSQL when DATABASE_URL names it),
answering from the listing columns (the default, search/columns.py) and in SQL alone."""

from django.conf import settings
from django.test import TestCase

from tests.search.contract import SearchContract


class DatabaseBackendContract(SearchContract, TestCase):
    @classmethod
    def search_settings(cls):
        return {**settings.INSCOPE_SEARCH, "BACKEND": "search.backends.database.DatabaseBackend", "URL": None}


class DatabaseBackendInSQLContract(SearchContract, TestCase):
    @classmethod
    def search_settings(cls):
        return {
            **settings.INSCOPE_SEARCH,
            "BACKEND": "search.backends.database.DatabaseBackend",
            "URL": None,
            "LISTING_COLUMNS": False,
        }
