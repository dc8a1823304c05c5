"""Permission before validation, for every write operation of the API schema.

A persona the operation refuses (401 anonymous, 403 staff without TOTP, 404 wrong role or
someone else's object) gets the same answer whether it sends garbage or a body that looks
valid: the refusal is decided before the body is read (core.permissions, the token
authentication, the object selectors). The authorization matrix (tests/authz) checks the
same with real objects; this test walks the schema, so an operation without a row is
covered too.
"""

from __future__ import annotations

import pytest

from accounts import services as account_services
from accounts.models import ApiToken, hash_secret
from tests.api.schema_ops import example_body, operations, send
from tests.courses.factories import CourseCategoryFactory, CourseRunFactory
from tests.factories import make_center_member

GARBAGE = '{"title": [1, {"x": '  # not even JSON
REFUSALS = {401, 403, 404}

# Where the valid-looking body itself decides the answer, and that is right: staff of a
# center creating a course for a center named in the body they do not run get 403; a
# trainee bookmarking a posting the body names, which does not exist or is not public, gets
# 404 as on the posting's page.
BODY_DECIDES = {("staff", "POST /api/v1/courses/"), ("trainee", "POST /api/v1/me/bookmarks/")}


@pytest.fixture
def tokens(alice, bob, carol, dave, center) -> dict[str, dict]:
    nototp = make_center_member(center, "staff", email="nototp@example.com", name="무인증")
    raw = "ilt_token-of-staff-without-totp-000000000000000"
    ApiToken.objects.create(user=nototp, name="old", prefix=raw[:10], token_hash=hash_secret(raw))
    headers = {"anon": {}, "staff_nototp": {"Authorization": f"Bearer {raw}"}}
    for persona, user in {
        "trainee": alice,
        "employer": bob,
        "counselor": carol,
        "staff": dave,
    }.items():
        _token, secret = account_services.api_token_create(user=user, name="test")
        headers[persona] = {"Authorization": f"Bearer {secret}"}
    return headers


def answers(client, op, headers, path_value=999_999) -> tuple[int, int]:
    garbage = send(client, op, path_value=path_value, body=GARBAGE, headers=headers)
    valid = send(client, op, path_value=path_value, body=example_body(op), headers=headers)
    return garbage.status_code, valid.status_code


def test_every_write_refuses_a_wrong_persona_whatever_the_body(client, tokens):
    writes = [op for op in operations() if op.is_write]
    assert len(writes) > 40
    mismatches = []
    refused_cells = 0
    for op in writes:
        for persona, headers in tokens.items():
            garbage, valid = answers(client, op, headers)
            assert 429 not in (garbage, valid), "throttled: the test would prove nothing"
            if garbage not in REFUSALS and valid not in REFUSALS:
                continue
            refused_cells += 1
            if garbage != valid and (persona, str(op)) not in BODY_DECIDES:
                mismatches.append(f"{op} as {persona}: garbage → {garbage}, valid → {valid}")
            assert garbage != 500 and valid != 500, f"{op} as {persona}"
    assert not mismatches, "\n".join(mismatches)
    # anonymous callers alone are refused by every write
    assert refused_cells >= len(writes)


@pytest.mark.parametrize("persona", ["trainee", "anon", "staff_nototp"])
def test_creating_a_course_answers_the_same_whatever_the_body(client, tokens, center, persona):
    CourseCategoryFactory(slug="appraisal")
    op = next(o for o in operations() if str(o) == "POST /api/v1/courses/")
    valid = {"center": center.slug, "category": "appraisal", "title": "새 과정", "total_hours": 3}
    bad = send(client, op, body=GARBAGE, headers=tokens[persona]).status_code
    good = send(client, op, body=valid, headers=tokens[persona]).status_code
    assert bad == good == {"trainee": 404, "anon": 401, "staff_nototp": 403}[persona]


@pytest.mark.parametrize("persona", ["trainee", "counselor", "staff"])
def test_posting_a_job_answers_404_to_non_employers_whatever_the_body(client, tokens, persona):
    op = next(o for o in operations() if str(o) == "POST /api/v1/jobs/")
    valid = {
        "title": "세팅 기능공",
        "description": "물림 작업",
        "employment_type": "full_time",
        "district": "jongno",
        "work_mode": "onsite",
    }
    bad = send(client, op, body=GARBAGE, headers=tokens[persona]).status_code
    good = send(client, op, body=valid, headers=tokens[persona]).status_code
    assert bad == good == 404


@pytest.mark.parametrize("persona", ["employer", "counselor", "staff"])
def test_enrolling_answers_404_to_non_trainees_like_other_trainee_endpoints(
    client, tokens, center, persona
):
    run = CourseRunFactory(course__center=center)
    enroll = next(o for o in operations() if str(o).endswith("/course-runs/{run_id}/enroll/"))
    apply = next(o for o in operations() if str(o) == "POST /api/v1/jobs/{id}/apply/")
    bad = send(client, enroll, path_value=run.pk, body=GARBAGE, headers=tokens[persona])
    good = send(client, enroll, path_value=run.pk, body={}, headers=tokens[persona])
    other = send(client, apply, path_value=1, body={}, headers=tokens[persona])
    assert bad.status_code == good.status_code == other.status_code == 404
