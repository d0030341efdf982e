"""Property tests of the web API against its own OpenAPI spec (schemathesis).

Schemathesis generates requests from ``/openapi.json`` and checks every response:
no server error, a documented status code and content type, and a body that
matches the documented schema. Each operation gets valid requests and requests
that break the schema (wrong types, out-of-range values), which must come back
as documented errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

import rotoscope
from rotoscope.web import Service, create_app

OPERATIONS = [
    ("/api/health", "GET"), ("/api/series", "GET"), ("/api/series/{symbol}", "GET"),
    ("/api/prices/{symbol}", "GET"), ("/api/facts", "GET"), ("/api/facts/{fact_id}", "GET"),
    ("/api/note", "GET"), ("/api/check", "POST"), ("/api/ask", "POST"),
    ("/api/dashboard", "GET"),
]


@pytest.fixture(scope="module")
def api_schema(store_path: Path) -> Iterator[Any]:
    service = Service(rotoscope.open(store_path))
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(service))
    service.close()


def test_spec_lists_every_operation(api_schema: Any) -> None:
    found = {(op.ok().path, op.ok().method.upper()) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


# every operation with valid requests; those with parameters also with invalid ones
CASES = [(p, m, GenerationMode.POSITIVE) for p, m in OPERATIONS] + [
    (p, m, GenerationMode.NEGATIVE) for p, m in OPERATIONS
    if p not in ("/api/health", "/api/series")]


@pytest.mark.parametrize(("path", "method", "mode"), CASES)
def test_api_conforms_to_its_spec(api_schema: Any, path: str, method: str,
                                  mode: GenerationMode) -> None:
    operation = api_schema[path][method]
    # dates reach the note and the facts of many sessions: a few examples each suffice
    heavy = path in ("/api/note", "/api/dashboard", "/api/facts")

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=6 if heavy else 25, suppress_health_check=list(HealthCheck),
              database=None)
    def run(case: Any) -> None:
        # A date the schema allows may lie outside the data (or a range be too long):
        # that is a documented 422, so a rejected "valid" request is not a failure.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    run()
