"""Booking consultations, the counselor's workspace, calendar feeds and the consulting API.

Anyone signed in may book (startup and cooperative consultations serve employers too).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.authz.personas import COUNSELOR, STAFF, STAFF_OTHER, TRAINEE_A
from tests.authz.rules.dsl import everyone, only, pk, row, secret, shows, signed_in

PARTICIPANTS = (TRAINEE_A, COUNSELOR, STAFF)  # the person, the counselor, the center's staff
COUNSELING = (COUNSELOR, STAFF)  # the counselor and the center's staff


def _slot(world) -> str:
    return world.objects["free_slot"].isoformat()


def _day(n: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


def booking_form(world) -> dict:
    return {
        "counselor": world.users[COUNSELOR].pk,
        "start": _slot(world),
        "token": "authz-matrix-token",
        f"q_{world.pk('question')}": "예비창업",
    }


RULES = [
    row("consulting:index", GET=everyone()),
    row(
        "consulting:book",
        kwargs={"type_id": pk("consultation_type")},
        GET=signed_in(),
        POST=signed_in(),
        body=booking_form,
    ),
    row(
        "consulting:mine",
        GET=signed_in(),
        shows=shows(lambda w: f"/consulting/c/{w.pk('booking')}/", to=[TRAINEE_A]),
    ),
    row("consulting:booking_detail", kwargs={"booking_id": pk("booking")}, GET=only(TRAINEE_A)),
    row(
        "consulting:booking_reschedule",
        kwargs={"booking_id": pk("booking")},
        GET=only(TRAINEE_A),
        POST=only(TRAINEE_A),
        body=lambda w: {"start": _slot(w)},
    ),
    row(
        "consulting:booking_cancel",
        kwargs={"booking_id": pk("booking")},
        POST=only(TRAINEE_A),
        body={"reason": "일정이 바뀌었어요"},
    ),
    row("consulting:booking_ics", kwargs={"booking_id": pk("booking")}, GET=only(*PARTICIPANTS)),
    row(
        "consulting:booking_summary_pdf",
        kwargs={"booking_id": pk("booking_done")},
        GET=only(*PARTICIPANTS),
    ),
    row("consulting:calendar_feed", GET=signed_in(), POST=signed_in()),
    # The private feed's token is its only key (calendar apps send no session).
    row("consulting:feed", kwargs={"token": secret("calendar_feed")}, GET=everyone()),
    # --- the counselor's workspace (counselors and center staff hold the role)
    row("consulting:agenda", GET=only(COUNSELOR, STAFF, STAFF_OTHER)),
    row(
        "consulting:availability",
        GET=only(COUNSELOR, STAFF, STAFF_OTHER),
        POST=only(COUNSELOR, STAFF, STAFF_OTHER),
        body=lambda w: {
            "add_exception": "1",
            "exception-date": _day(30),
            "exception-kind": "off",
            "exception-note": "교육",
        },
    ),
    row(
        "consulting:availability_exception_delete",
        kwargs={"exception_id": pk("availability_exception")},
        POST=only(COUNSELOR),
    ),
    row(
        "consulting:workspace_booking",
        kwargs={"booking_id": pk("booking")},
        GET=only(*COUNSELING),
    ),
    row(
        "consulting:workspace_confirm",
        kwargs={"booking_id": pk("booking")},
        POST=only(*COUNSELING),
    ),
    row(
        "consulting:workspace_decline",
        kwargs={"booking_id": pk("booking")},
        POST=only(*COUNSELING),
        body={"reason": "출장"},
    ),
    row(
        "consulting:workspace_cancel",
        kwargs={"booking_id": pk("booking")},
        POST=only(*COUNSELING),
        body={"reason": "출장"},
    ),
    row(
        "consulting:workspace_no_show",
        kwargs={"booking_id": pk("booking_done")},
        POST=only(*COUNSELING),
    ),
    row(
        "consulting:workspace_note",
        kwargs={"booking_id": pk("booking")},
        POST=only(*COUNSELING),
        body={"text": "사업계획서 검토 필요"},
    ),
    row(
        "consulting:workspace_action_item",
        kwargs={"booking_id": pk("booking")},
        POST=only(*COUNSELING),
        body=lambda w: {"text": "시장 조사", "due_date": _day(14)},
    ),
    row(
        "consulting:workspace_action_toggle",
        kwargs={"booking_id": pk("booking"), "item_id": pk("action_item")},
        POST=only(*COUNSELING),
    ),
    row(
        "consulting:workspace_outcome",
        kwargs={"booking_id": pk("booking_done")},
        POST=only(*COUNSELING),
        body={"outcome": "business_registered", "note": "사업자 등록", "summary": "등록 완료"},
    ),
    # --- API
    row("api_consultation_types", GET=everyone()),
    row("api_counselors", query={"type": pk("consultation_type")}, GET=everyone()),
    row(
        "api_counselor_slots",
        kwargs={"counselor_id": lambda w: w.users[COUNSELOR].pk},
        query={
            "type": pk("consultation_type"),
            "from": lambda w: _day(7),
            "to": lambda w: _day(14),
        },
        GET=everyone(),
    ),
    row(
        "api_consultations",
        POST=signed_in(),
        body=lambda w: {
            "type": w.pk("consultation_type"),
            "counselor": w.users[COUNSELOR].pk,
            "start": _slot(w),
            "answers": {str(w.pk("question")): "예비창업"},
        },
    ),
    row("api_consultation", kwargs={"booking_id": pk("booking")}, GET=only(*PARTICIPANTS)),
    row(
        "api_consultation_cancel",
        kwargs={"booking_id": pk("booking")},
        POST=only(*PARTICIPANTS),
        body={"reason": "일정 변경"},
    ),
    row(
        "api_consultation_reschedule",
        kwargs={"booking_id": pk("booking")},
        POST=only(TRAINEE_A),
        body=lambda w: {"start": _slot(w)},
    ),
    row("api_consultation_ics", kwargs={"booking_id": pk("booking")}, GET=only(*PARTICIPANTS)),
    row(
        "api_consultation_confirm",
        kwargs={"booking_id": pk("booking")},
        POST=only(*COUNSELING),
    ),
    row(
        "api_consultation_decline",
        kwargs={"booking_id": pk("booking")},
        POST=only(*COUNSELING),
        body={"reason": "출장"},
    ),
    row(
        "api_consultation_outcome",
        kwargs={"booking_id": pk("booking_done")},
        POST=only(*COUNSELING),
        body={"outcome": "follow_up", "note": "", "summary": "다음 상담 예약"},
    ),
    row(
        "api_consultation_no_show",
        kwargs={"booking_id": pk("booking_done")},
        POST=only(*COUNSELING),
    ),
    row("api_my_consultations", GET=signed_in()),
]
