"""Schemathesis against every operation of the OpenAPI schema, in-process (WSGI).

Each operation is called as a trainee, an employer and center staff (with TOTP), each with
a personal API token, with examples generated from the schema: valid ones and, as many,
invalid ones (wrong types, missing fields, odd characters). No answer may be a server error
(5xx), and every answer must match what the schema says of it (status, content type, body).

How many examples per operation and role: ``SCHEMATHESIS_EXAMPLES`` (default 4, half valid,
half invalid). Run it alone: ``.venv/bin/python -m pytest tests/api/test_schemathesis.py -q``.
The examples are derandomized, so a failure repeats on the next run.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts import services as account_services
from tests.api.schema_ops import schema as openapi_schema

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "4"))
ROLES = ("trainee", "employer", "staff")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

SCHEMA = schemathesis.openapi.from_dict(openapi_schema())
APP = WSGIHandler()
OPERATIONS = {op.label: op for op in (r.ok() for r in SCHEMA.get_all_operations())}
CASES_RUN: list[int] = []


@pytest.fixture
def _keep_the_test_connection():
    """Like Django's test client: a request must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token_headers(alice, bob, dave, _keep_the_test_connection) -> dict[str, dict]:
    headers = {}
    for role, user in {"trainee": alice, "employer": bob, "staff": dave}.items():
        _token, raw = account_services.api_token_create(user=user, name="schemathesis")
        headers[role] = {"Authorization": f"Bearer {raw}"}
    return headers


def _run(operation, mode: GenerationMode, headers: dict, examples: int) -> int:
    count = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        nonlocal count
        count += 1
        cache.clear()  # the API's throttles count in the cache
        case.call_and_validate(headers=headers, app=APP, checks=CHECKS)

    try:
        check()
    except Unsatisfiable:
        # Nothing of the operation can be made invalid (no parameters, no body).
        assert mode is GenerationMode.NEGATIVE, operation.label
    return count


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_operation(label, role, token_headers):
    operation = OPERATIONS[label]
    half = max(1, EXAMPLES // 2)
    count = _run(operation, GenerationMode.POSITIVE, token_headers[role], half)
    count += _run(operation, GenerationMode.NEGATIVE, token_headers[role], half)
    CASES_RUN.append(count)


def test_every_operation_of_the_schema_is_covered():
    assert len(OPERATIONS) == sum(
        1
        for item in openapi_schema()["paths"].values()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )
