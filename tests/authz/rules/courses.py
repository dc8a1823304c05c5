"""The catalog, enrollment, the staff's course pages, attendance and certificates."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.authz.personas import (
    ADMIN,
    COUNSELOR,
    EMPLOYER_A,
    EMPLOYER_B,
    PERSONAS,
    STAFF,
    STAFF_OTHER,
    TRAINEE_A,
    TRAINEE_B,
)
from tests.authz.rules.dsl import (
    E403,
    E404,
    OK,
    attr,
    everyone,
    only,
    pk,
    row,
    shows,
    signed_in,
)

TRAINEES = (TRAINEE_A, TRAINEE_B)
NOT_TRAINEES = (EMPLOYER_A, EMPLOYER_B, COUNSELOR, STAFF, STAFF_OTHER, ADMIN)
NOT_STAFF = (TRAINEE_A, TRAINEE_B, EMPLOYER_A, EMPLOYER_B, COUNSELOR, ADMIN)


def _days(n: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


def course_body(world) -> dict:
    return {
        "center": world.pk("center_1"),
        "category": world.objects["course"].category_id,
        "title": "새 과정",
        "summary": "요약",
        "total_hours": 40,
        "completion_min_attendance": 80,
        "is_published": "on",
    }


def run_body(world) -> dict:
    return {"name": "3기", "starts_on": _days(90), "ends_on": _days(100), "capacity": 10}


# The catalog lists the published course to everyone and the unpublished one to no one.
CATALOG = (
    shows(attr("course", "title"), to=PERSONAS),
    shows(attr("course_draft", "title"), to=()),
)


def api_course_body(world) -> dict:
    return {
        "center": world.objects["center_1"].slug,
        "category": world.objects["course"].category.slug,
        "title": "새 과정",
        "total_hours": 40,
    }


def trainees_only(**options):
    """A trainee page; until it uses @trainee_required, other roles see an empty page."""
    return only(*TRAINEES, **options)


RULES = [
    row("courses:index", GET=everyone(), shows=CATALOG),
    row("courses:detail", kwargs={"course_id": pk("course")}, GET=everyone()),
    row(
        "courses:detail",
        variant="unpublished",
        kwargs={"course_id": pk("course_draft")},
        GET=only(STAFF, anon=E404),
    ),
    row(
        "courses:enroll",
        kwargs={"run_id": pk("run")},
        POST=only(*TRAINEES),
    ),
    row(
        "courses:my_enrollments",
        GET=trainees_only(),
        shows=shows(attr("course", "title"), to=[TRAINEE_A]),
    ),
    row(
        "courses:enrollment_cancel",
        kwargs={"enrollment_id": pk("enrollment_a")},
        GET=only(TRAINEE_A),
        POST=only(TRAINEE_A),
    ),
    row(
        "courses:enrollment_accept",
        kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(TRAINEE_A),
    ),
    row(
        "courses:enrollment_decline",
        kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(TRAINEE_A),
    ),
    # center staff: their own center's catalog and runs
    row(
        "courses:staff_courses",
        GET=only(STAFF, STAFF_OTHER),
        shows=shows(attr("course", "title"), to=[STAFF]),
    ),
    row(
        "courses:staff_course_create",
        GET=only(STAFF, STAFF_OTHER),
        POST=only(STAFF, STAFF_OTHER),
        body=course_body,
    ),
    row(
        "courses:staff_course_edit",
        kwargs={"course_id": pk("course")},
        GET=only(STAFF),
        POST=only(STAFF),
        body=course_body,
    ),
    row(
        "courses:staff_run_create",
        kwargs={"course_id": pk("course")},
        GET=only(STAFF),
        POST=only(STAFF),
        body=run_body,
    ),
    row("courses:staff_run", kwargs={"run_id": pk("run")}, GET=only(STAFF)),
    row(
        "courses:staff_run_edit",
        kwargs={"run_id": pk("run")},
        GET=only(STAFF),
        POST=only(STAFF),
        body=run_body,
    ),
    row(
        "courses:staff_run_capacity",
        kwargs={"run_id": pk("run")},
        POST=only(STAFF),
        body={"capacity": 12},
    ),
    row("courses:staff_run_cancel", kwargs={"run_id": pk("run")}, POST=only(STAFF)),
    row(
        "courses:staff_enrollment_approve",
        kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(STAFF),
    ),
    row(
        "courses:staff_enrollment_reject",
        kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(STAFF),
        body={"note": "정원 초과"},
    ),
    row(
        "courses:staff_enrollment_cancel",
        kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(STAFF),
    ),
    row(
        "courses:staff_enrollment_move",
        kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(STAFF),
        body={"to_run": pk("run_2")},
    ),
    # attendance: the center's staff and the course's instructors. Instructors hold no role
    # of their own, so the list of runs one teaches is open to everyone signed in (and empty
    # for most).
    row(
        "courses:teaching_runs",
        GET=signed_in(),
        shows=shows(attr("course", "title"), to=[STAFF]),
    ),
    row("courses:run_attendance", kwargs={"run_id": pk("run")}, GET=only(STAFF)),
    row(
        "courses:roster_export",
        kwargs={"run_id": pk("run"), "fmt": "csv"},
        GET=only(STAFF),
    ),
    row(
        "courses:attendance_export",
        kwargs={"run_id": pk("run"), "fmt": "xlsx"},
        GET=only(STAFF),
    ),
    row(
        "courses:meeting_attendance",
        kwargs={"meeting_id": pk("meeting_past")},
        GET=only(STAFF),
        POST=only(STAFF),
        body={"rest_present": "1"},
    ),
    row(
        "courses:meeting_attendance_row",
        kwargs={"meeting_id": pk("meeting_past"), "enrollment_id": pk("enrollment_done")},
        POST=only(STAFF),
        body=lambda w: {f"status-{w.pk('enrollment_done')}": "late"},
    ),
    # completion and certificates: the center's staff
    row("courses:run_certificates", kwargs={"run_id": pk("run_past")}, GET=only(STAFF)),
    row(
        "courses:run_scores",
        kwargs={"run_id": pk("run_past")},
        POST=only(STAFF),
        body=lambda w: {f"score-{w.pk('enrollment_done')}": "90"},
    ),
    row(
        "courses:run_issue_certificates",
        kwargs={"run_id": pk("run_past")},
        POST=only(STAFF),
    ),
    row(
        "courses:run_certificates_progress",
        kwargs={"run_id": pk("run_past")},
        GET=only(STAFF),
    ),
    row(
        "courses:certificate_regenerate",
        kwargs={"certificate_id": pk("certificate")},
        POST=only(STAFF),
    ),
    row(
        "courses:certificate_revoke",
        kwargs={"certificate_id": pk("certificate")},
        POST=only(STAFF),
        body={"reason": "착오 발급"},
    ),
    # the holder
    row(
        "courses:my_certificates",
        GET=trainees_only(),
        shows=shows(attr("certificate", "serial"), to=[TRAINEE_A]),
    ),
    row(
        "courses:certificate_download",
        kwargs={"certificate_id": pk("certificate")},
        GET=only(TRAINEE_A, STAFF),
    ),
    # anyone holding the QR code (the page masks the name)
    row(
        "certificate_verify",
        kwargs={"code": attr("certificate", "code")},
        GET=everyone(),
        mfa_exempt=True,
    ),
    # --- API. Staff of another center may see center 1's courses, so a change is refused
    # with 403 (docs/courses.md); people without the staff role get 404.
    row(
        "api_courses",
        GET=everyone(),
        shows=CATALOG,
        POST=only(
            STAFF,
            also={STAFF_OTHER: {"valid": E403, "invalid": OK}},
        ),
        body=api_course_body,
    ),
    row(
        "api_course",
        kwargs={"course_id": pk("course")},
        GET=everyone(),
        PATCH=only(STAFF, also={STAFF_OTHER: E403}),
        body={"summary": "주조까지 배웁니다"},
    ),
    row(
        "api_course",
        variant="unpublished",
        kwargs={"course_id": pk("course_draft")},
        GET=only(STAFF, anon=E404),
        PATCH=only(STAFF),
        body={"summary": "곧 열립니다"},
    ),
    row(
        "api_course_runs",
        kwargs={"course_id": pk("course")},
        POST=only(STAFF, also={STAFF_OTHER: E403}),
        body=lambda w: {"starts_on": _days(90), "ends_on": _days(100), "capacity": 10},
    ),
    row(
        "api_course_run",
        kwargs={"run_id": pk("run")},
        GET=everyone(),
        PATCH=only(STAFF, also={STAFF_OTHER: E403}),
        body={"capacity": 12},
    ),
    row(
        "api_course_run_enroll",
        kwargs={"run_id": pk("run")},
        POST=only(*TRAINEES),
        body={},
    ),
    row(
        "api_enrollment_cancel",
        kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(TRAINEE_A),
    ),
    row(
        "api_enrollment_accept",
        kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(TRAINEE_A),
    ),
    row(
        "api_enrollment_decline",
        kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(TRAINEE_A),
    ),
    row(
        "api_my_enrollments",
        GET=only(*TRAINEES),
        shows=shows(attr("course", "title"), to=[TRAINEE_A]),
    ),
    row(
        "api_certificate_verify",
        kwargs={"code": attr("certificate", "code")},
        GET=everyone(),
    ),
]
