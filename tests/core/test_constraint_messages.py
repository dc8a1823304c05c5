"""No constraint name reaches a person ("jobs_posting_salary_order을(를) 위반하였습니다"): every
model constraint has a human message in Korean and English, and it is what validation raises."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation

OUR_APPS = {
    "core",
    "accounts",
    "skills",
    "consulting",
    "courses",
    "jobs",
    "fairs",
    "search",
    "reports",
}
CONSTRAINTS = [
    (model, constraint)
    for model in apps.get_models()
    if model._meta.app_label in OUR_APPS
    for constraint in model._meta.constraints
]


def _id(item) -> str:
    return item[1].name


@pytest.mark.parametrize("item", CONSTRAINTS, ids=_id)
def test_every_constraint_has_a_human_message_in_both_languages(item):
    _model, constraint = item
    message = constraint.violation_error_message
    assert message and message != constraint.default_violation_error_message, constraint.name
    with translation.override("en"):
        english = str(message)
    with translation.override("ko"):
        korean = str(message)
    assert constraint.name not in english and constraint.name not in korean
    assert korean != english, f"{constraint.name}: no Korean translation for {english!r}"


NOW = timezone.now()
TODAY = timezone.localdate()
T9, T10 = dt.time(9), dt.time(10)
# constraint name → field values that break it (only the fields its condition reads)
VIOLATIONS = {
    "accounts_company_brn_10_digits": {"brn": "123"},
    "skills_skill_ncs_level_range": {"ncs_level": 9},
    "skills_traineeskill_level_range": {"level": 6},
    "consulting_type_duration_min": {"duration_minutes": 1},
    "consulting_type_step_min": {"slot_step_minutes": 1},
    "consulting_weekly_order": {"start_time": T10, "end_time": T9},
    "consulting_exception_times": {"kind": "extra", "start_time": None, "end_time": None},
    "consulting_booking_order": {"start": NOW, "end": NOW},
    "consulting_booking_blocked_covers": {
        "start": NOW,
        "end": NOW + dt.timedelta(hours=1),
        "blocked_start": NOW + dt.timedelta(minutes=5),
        "blocked_end": NOW + dt.timedelta(hours=1),
    },
    "courses_course_hours_positive": {"total_hours": 0},
    "courses_course_min_attendance_range": {"completion_min_attendance": 120},
    "courses_run_ends_after_start": {"starts_on": TODAY, "ends_on": TODAY - dt.timedelta(days=1)},
    "courses_run_window_order": {
        "enrollment_opens_at": NOW,
        "enrollment_closes_at": NOW - dt.timedelta(days=1),
    },
    "courses_meeting_ends_after_start": {"starts_at": NOW, "ends_at": NOW},
    "courses_enrollment_position_iff_waitlisted": {"status": "confirmed", "waitlist_position": 3},
    "courses_enrollment_offer_has_expiry": {"status": "offered", "offer_expires_at": None},
    "courses_attendance_status_valid": {"status": "asleep"},
    "courses_completion_score_range": {"score": 101},
    "courses_certificate_revocation_has_reason": {"revoked_at": NOW, "revoked_reason": ""},
    "jobs_interview_order": {"start": NOW, "end": NOW},
    "jobs_interview_confirmed_has_time": {"status": "confirmed", "start": None, "end": None},
    "jobs_interview_duration_range": {"duration_minutes": 600},
    "jobs_interviewslot_order": {"start": NOW, "end": NOW},
    "jobs_offer_salary_positive": {"salary": 0},
    "jobs_posting_salary_order": {"salary_min": 50_000_000, "salary_max": 30_000_000},
    "jobs_postingskill_level_range": {"min_level": 0},
    "fairs_fair_days_order": {"starts_on": TODAY, "ends_on": TODAY - dt.timedelta(days=1)},
    "fairs_fair_hours_order": {"opens_at": T10, "closes_at": T9},
    "fairs_fair_registration_order": {
        "registration_opens_at": NOW,
        "registration_closes_at": NOW,
    },
    "fairs_fair_limit_min": {"max_interviews_per_attendee": 0},
    "fairs_slot_order": {"start": NOW, "end": NOW},
    "fairs_slot_buffer": {
        "start": NOW,
        "end": NOW + dt.timedelta(minutes=30),
        "blocked_until": NOW + dt.timedelta(minutes=10),
    },
    "fairs_interview_order": {"start": NOW, "end": NOW},
    "jobs_thread_one_subject": {"application_id": None, "contact_request_id": None},
    "jobs_message_not_empty": {"body": "", "attachment": ""},
    "jobs_education_dates_order": {"start_date": TODAY, "end_date": TODAY - dt.timedelta(days=1)},
    "jobs_workexperience_dates_order": {
        "start_date": TODAY,
        "end_date": TODAY - dt.timedelta(days=1),
    },
    "jobs_languageskill_score_has_test": {"score": "900", "test_name": ""},
}
CHECKS = [item for item in CONSTRAINTS if isinstance(item[1], models.CheckConstraint)]


def test_every_check_constraint_has_a_violation_in_this_table():
    assert {c.name for _m, c in CHECKS} == set(VIOLATIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("item", CHECKS, ids=_id)
def test_validation_raises_the_human_message_in_korean(item):
    """What full_clean() (and so a ModelForm) raises for the violated constraint."""
    model, constraint = item
    instance = model(**VIOLATIONS[constraint.name])
    with translation.override("ko"), pytest.raises(ValidationError) as error:
        constraint.validate(model, instance)
    shown = " ".join(error.value.messages)
    with translation.override("ko"):
        assert shown == str(constraint.violation_error_message)
    assert constraint.name not in shown and "위반" not in shown


def test_a_unique_constraint_raises_its_message_not_djangos_generic_one():
    """Field unique constraints with a custom message raise it (not "… already exists")."""
    from jobs.models import Application

    constraint = next(c for c in Application._meta.constraints if c.name == "jobs_application_once")
    with translation.override("ko"):
        assert str(constraint.violation_error_message) == "이미 이 공고에 지원했습니다."
