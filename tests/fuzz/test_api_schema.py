"""Schemathesis reads /api/openapi.json and calls the API with what the schema allows (positive)
and what it forbids (negative): never a 5xx, every answer matches its documented schema, and
invalid parameters are refused with a 400."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import given
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from search import indexing
from search.openapi import schema
from tests.fuzz.harness import Tally, fuzz_settings
from tests.search import dataset

DATABASE = {"BACKEND": "search.backends.database.DatabaseBackend", "URL": None, "INDEX_PREFIX": "t", "TIMEOUT": 1}
# positive_data_acceptance is left out on purpose: a well-formed but unknown place is a documented 400.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def api(db, settings):
    settings.INSCOPE_SEARCH = DATABASE
    dataset.build()
    indexing.rebuild_all()
    loaded = schemathesis.openapi.from_dict(schema())
    loaded.app = get_wsgi_application()
    # Called straight, the WSGI handler closes connections older than CONN_MAX_AGE at each
    # request's end, which would close the test's transaction mid-run on PostgreSQL; Django's
    # test client disconnects the same handlers.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield loaded
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
def test_the_search_api_answers_any_parameters_without_a_server_error(api, mode):
    tally = Tally(f"api ({mode.value})")

    @given(case=api.as_strategy(generation_mode=mode))
    @fuzz_settings(60)
    def call(case):
        response = case.call()
        tally.record(response, f"{case.path}?{case.query}")
        case.validate_response(response, checks=CHECKS)

    call()
    tally.report()
    assert tally.total >= 10
