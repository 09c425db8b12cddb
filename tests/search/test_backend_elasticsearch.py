"""The search contract on Elasticsearch: osmem-server always, a real server when ELASTICSEARCH_URL is set."""

import os
import unittest
import uuid

from django.test import TestCase

from tests.search.contract import SearchContract
from tests.search.elastic import osmem_config


class OsmemElasticsearchContract(SearchContract, TestCase):
    @classmethod
    def search_settings(cls):
        cls.clone, config = osmem_config()
        cls.addClassCleanup(cls.clone.close)
        return config


@unittest.skipUnless(os.environ.get("ELASTICSEARCH_URL"), "ELASTICSEARCH_URL is not set: no real Elasticsearch to test")
class RealElasticsearchContract(SearchContract, TestCase):
    @classmethod
    def search_settings(cls):
        return {
            "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
            "URL": os.environ["ELASTICSEARCH_URL"],
            "INDEX_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            "TIMEOUT": 10,
        }
