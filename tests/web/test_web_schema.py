"""Schemathesis against the OpenAPI schema: no generated request may get a server error, and
every error response has the one error shape.

Schemathesis's pytest loader (``from_fixture``) does not run under pytest 9, so each operation
is driven here with its Hypothesis strategy (``operation.as_strategy()``).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

OPERATIONS = [
    ("GET", "/api/articles"),
    ("GET", "/api/articles/{article_id}"),
    ("GET", "/api/quotes"),
    ("GET", "/api/actors"),
    ("GET", "/api/actors/{actor_id}"),
    ("GET", "/api/events"),
    ("GET", "/api/dyads/{a}/{b}"),
    ("GET", "/api/dyads/{a}/{b}/events"),
    ("GET", "/api/network"),
    ("GET", "/api/search"),
    ("POST", "/api/analyze"),
]


@pytest.fixture(scope="module")
def api_schema(web_app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", web_app)


def one_error_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    """An error response (4xx, 5xx) has exactly ``{"error": {"status", "code", "message"}}``."""
    del ctx, case
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}, body
        assert set(body["error"]) == {"status", "code", "message"}, body
        assert body["error"]["status"] == response.status_code
    return None


def test_web_schema_lists_every_operation(api_schema: Any) -> None:
    found = {
        (method.upper(), path)
        for path, item in api_schema.raw_schema["paths"].items()
        for method in item
    }
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_web_schema_no_request_gets_a_server_error(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case: Any) -> None:
        case.call_and_validate(checks=[not_a_server_error, one_error_shape])

    check()
