"""Elasticsearch for tests: osmem-server (in memory, no JVM) or a real server from ELASTICSEARCH_URL.

osmem-server answers the Elasticsearch 8 client's compatibility media types
(`application/vnd.elasticsearch+json; compatible-with=8`) with 406, so tests talk to
it through PlainJsonNode, which sends plain `application/json` (DESIGN.md).
"""

import atexit
import os
import threading
import unittest
import uuid

from elastic_transport import HttpHeaders, Urllib3HttpNode

_server = None
_lock = threading.Lock()


class PlainJsonNode(Urllib3HttpNode):
    """Test-only transport node: plain JSON media types instead of the compatibility ones."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        headers = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            if name in headers:
                headers[name] = "application/x-ndjson" if "x-ndjson" in headers[name] else "application/json"
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


def osmem_server():
    """One osmem-server per test session, started on first use and stopped at exit."""
    global _server
    with _lock:
        if _server is None:
            from osmem_server import OsmemServer

            _server = OsmemServer.start(freeze=False)
            atexit.register(_server.close)
    return _server


needs_real_server = unittest.skipUnless(
    os.environ.get("ELASTICSEARCH_URL"), "ELASTICSEARCH_URL is not set: no real Elasticsearch to test"
)


def real_config():
    """INSCOPE_SEARCH settings for the Elasticsearch backend on the real server, under a fresh prefix."""
    return {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "URL": os.environ["ELASTICSEARCH_URL"],
        "INDEX_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        "TIMEOUT": 10,
    }


def osmem_config(prefix=None):
    """INSCOPE_SEARCH settings for the Elasticsearch backend on a fresh osmem clone."""
    clone = osmem_server().clone()
    return clone, {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "URL": clone.url,
        "INDEX_PREFIX": prefix or f"test-{uuid.uuid4().hex[:8]}",
        "TIMEOUT": 5,
        "NODE_CLASS": "tests.search.elastic.PlainJsonNode",
    }
