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
import re

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
from courses import services as course_services
from jobs import services as jobs_services
from tests.api.schema_ops import schema as openapi_schema
from tests.courses.factories import CourseFactory, CourseRunFactory
from tests.jobs.conftest import posting_data, publish

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
def real_ids(alice, bob, bob_company, carol, dave, center) -> dict:
    """Objects of the three roles, so some cases reach a real object instead of a 404."""
    course = CourseFactory(center=center, title="보석감정 실무")
    run = CourseRunFactory(course=course)
    enrollment = course_services.enrollment_create(run=run, user=alice)
    posting = publish(
        jobs_services.posting_create(company=bob_company, by=bob, data=posting_data(), skills=[]),
        dave,
    )
    application = jobs_services.application_create(posting=posting, applicant=alice)
    return {
        "course_id": course.pk,
        "run_id": run.pk,
        "enrollment_id": enrollment.pk,
        "counselor_id": carol.pk,
        ("jobs", "id"): posting.pk,
        ("companies", "id"): bob_company.pk,
        ("applications", "id"): application.pk,
    }


def _path_parameters(operation, real_ids: dict) -> dict | None:
    """Real ids for every path parameter of the operation, or None when one is unknown."""
    collection = operation.path.split("/")[3]
    values = {}
    for name in re.findall(r"\{([^}]+)\}", operation.path):
        value = real_ids.get((collection, name), real_ids.get(name))
        if value is None:
            return None
        values[name] = value
    return values or None


@pytest.fixture
def token_headers(alice, bob, dave, _keep_the_test_connection) -> dict[str, dict]:
    headers = {}
    for role, user in {"trainee": alice, "employer": bob, "staff": dave}.items():
        _token, raw = account_services.api_token_create(user=user, name="schemathesis")
        headers[role] = {"Authorization": f"Bearer {raw}"}
    return headers


def _run(
    operation, mode: GenerationMode, headers: dict, examples: int, path_parameters=None
) -> int:
    count = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
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
def test_operation(label, role, token_headers, real_ids):
    operation = OPERATIONS[label]
    half = max(1, EXAMPLES // 2)
    headers = token_headers[role]
    count = _run(operation, GenerationMode.POSITIVE, headers, half)
    count += _run(operation, GenerationMode.NEGATIVE, headers, half)
    path_parameters = _path_parameters(operation, real_ids)
    if path_parameters:
        # the same operation on an object that exists, owned by one of the three roles
        count += _run(operation, GenerationMode.POSITIVE, headers, half, path_parameters)
        count += _run(operation, GenerationMode.NEGATIVE, headers, half, path_parameters)
    CASES_RUN.append(count)


def test_every_operation_of_the_schema_is_covered():
    assert len(OPERATIONS) == sum(
        1
        for item in openapi_schema()["paths"].values()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )
