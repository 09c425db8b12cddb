"""Backend selection: one place reads settings.INSCOPE_SEARCH["BACKEND"]."""

import threading

from django.conf import settings
from django.utils.module_loading import import_string

_backends = {}  # repr(config) -> backend: one Elasticsearch client (and its connection pool) per process
_lock = threading.Lock()


def get_backend():
    """The configured search backend (Elasticsearch when ELASTICSEARCH_URL is set).

    The same instance is returned while the settings are the same, so searches reuse the
    Elasticsearch client's open connections instead of connecting once per request.
    """
    config = settings.INSCOPE_SEARCH
    key = repr(sorted(config.items()))
    backend = _backends.get(key)
    if backend is None:
        with _lock:
            if len(_backends) > 8:  # settings changed (tests do): forget the old ones
                _backends.clear()
            backend = _backends.setdefault(key, import_string(config["BACKEND"])(config))
    return backend
