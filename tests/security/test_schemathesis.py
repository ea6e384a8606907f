"""Schemathesis against /openapi.json, in-process on the ASGI app: generated requests to every operation, as an
administrator and as an employee, valid ones and invalid ones. No answer may be a 5xx, and every answer must be
what the description promises: a documented status, its content type, its schema, its headers. Examples per
operation are bounded, so the whole file runs in seconds.

Schemathesis' pytest loader for fixtures (`schemathesis.pytest.from_fixture`) does not work with this pytest
(it reads `Node._nodeid`, which pytest 9 removed), so each operation's Hypothesis strategy is driven directly.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app

OPERATIONS = [
    ("GET", "/healthz"),
    ("POST", "/api/v1/ideas"),
    ("GET", "/api/v1/ideas"),
    ("GET", "/api/v1/ideas/{idea_id}"),
    ("POST", "/api/v1/ideas/{idea_id}/transitions"),
    ("POST", "/api/v1/ideas/{idea_id}/route"),
    ("POST", "/api/v1/ideas/{idea_id}/move-request"),
    ("POST", "/api/v1/ideas/{idea_id}/move-request/decline"),
    ("PATCH", "/api/v1/ideas/{idea_id}"),
    ("POST", "/api/v1/ideas/{idea_id}/unit"),
    ("POST", "/api/v1/ideas/{idea_id}/saving"),
    ("POST", "/api/v1/ideas/{idea_id}/realised-saving"),
    ("GET", "/api/v1/board"),
    ("POST", "/api/v1/ideas/{idea_id}/support"),
    ("DELETE", "/api/v1/ideas/{idea_id}/support"),
    ("POST", "/api/v1/ideas/{idea_id}/share"),
    ("GET", "/api/v1/ideas/{idea_id}/comments"),
    ("POST", "/api/v1/ideas/{idea_id}/comments"),
    ("POST", "/api/v1/comments/{comment_id}/report"),
    ("POST", "/api/v1/comments/{comment_id}/hide"),
    ("GET", "/api/v1/ideas/{idea_id}/follow"),
    ("PUT", "/api/v1/ideas/{idea_id}/follow"),
    ("DELETE", "/api/v1/ideas/{idea_id}/follow"),
    ("GET", "/api/v1/me/notifications"),
    ("PUT", "/api/v1/me/notifications"),
    ("GET", "/api/v1/stats"),
    ("GET", "/api/v1/export.csv"),
    ("GET", "/api/v1/export.xlsx"),
    ("GET", "/api/v1/me/export"),
    ("DELETE", "/api/v1/me"),
    ("GET", "/api/v1/audit"),
    ("GET", "/api/v1/packages"),
    ("GET", "/api/v1/packages/{area}/{phase}"),
    ("GET", "/api/v1/packages/{area}/{phase}.{fmt}"),
    ("POST", "/api/v1/packages/{area}/{phase}/items"),
    ("PATCH", "/api/v1/packages/{area}/{phase}/items/{idea_id}"),
    ("DELETE", "/api/v1/packages/{area}/{phase}/items/{idea_id}"),
    ("PUT", "/api/v1/packages/{area}/{phase}/order"),
    ("POST", "/api/v1/packages/{area}/{phase}/submit"),
    ("POST", "/api/v1/packages/{area}/{phase}/send-back"),
    ("POST", "/api/v1/packages/{area}/{phase}/adopt"),
]
CALLERS = (("admin", "forslagskassa-admin"), ("employee", "kari"))
VALID_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
                response_headers_conformance]
# Invalid requests: refused as documented. (Schemathesis' own "was it refused?" check is left out: a
# schema-invalid string for `q` can still be a fine search.)
INVALID_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 15
BOUNDED = settings(max_examples=EXAMPLES, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                          HealthCheck.filter_too_much, HealthCheck.data_too_large])


@pytest.fixture
def api_schema(services, classifier, client, token):
    services.settings.submit_rate_limit = "off"  # the generator sends many ideas as one person
    classifier.focus_area = "barn-og-unge"
    # A few ideas, so ids the generator picks (1, 2, ...) sometimes exist.
    for n in range(3):
        client.post("/api/v1/ideas", json={"text": f"Forslag {n}"}, headers=token("employee", "kari"))
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(services))


def test_every_operation_is_fuzzed(api_schema):
    described = {(method.upper(), path) for path, item in api_schema.raw_schema["paths"].items() for method in item}
    assert described == set(OPERATIONS)


# GET /healthz takes nothing at all, so nothing about a request to it can be invalid.
RUNS = [(m, p, mode) for m, p in OPERATIONS for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        if (m, p, mode) != ("GET", "/healthz", GenerationMode.NEGATIVE)]


@pytest.mark.parametrize(("method", "path", "mode"), RUNS, ids=[f"{m} {p} {mode.value}" for m, p, mode in RUNS])
def test_generated_requests_get_documented_answers(api_schema, token, method, path, mode):
    operation = api_schema[path][method]
    checks = VALID_CHECKS if mode is GenerationMode.POSITIVE else INVALID_CHECKS

    @BOUNDED
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        for who in CALLERS:
            case.call_and_validate(headers=token(*who), checks=checks)

    run()
