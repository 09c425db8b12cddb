"""The search contract on Elasticsearch: osmem-server always, a real server when ELASTICSEARCH_URL is set."""

from django.test import TestCase

from tests.search.contract import SearchContract
from tests.search.elastic import needs_real_server, osmem_config, real_config


class OsmemElasticsearchContract(SearchContract, TestCase):
    @classmethod
    def search_settings(cls):
        cls.clone, config = osmem_config()
        cls.addClassCleanup(cls.clone.close)
        return config


@needs_real_server
class RealElasticsearchContract(SearchContract, TestCase):
    @classmethod
    def search_settings(cls):
        return real_config()
