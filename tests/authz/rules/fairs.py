"""Online job fairs: the lobby for everyone, attendees' actions, the company's booth and the
representative's console, conversations, center staff running their fairs, and the API.

Objects (tests/authz/world/fairs.py): center 1's live ``fair`` (``fair_draft``, and
``fair_draw`` whose draw has run), company A's ``booth_a`` staffed by employer A, company
B's ``booth_b``; center 1's invitation of company A to the draw fair (``booth_invited``)
and company B's request there (``booth_requested``); trainee A's registration,
``fair_interview``, ``queue_entry`` and ``conversation`` with employer A.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.authz.personas import (
    EMPLOYER_A,
    EMPLOYER_B,
    PERSONAS,
    STAFF,
    STAFF_OTHER,
    TRAINEE_A,
    TRAINEE_B,
)
from tests.authz.rules.dsl import E404, OK, attr, everyone, only, pk, row, shows

TRAINEES = (TRAINEE_A, TRAINEE_B)
EMPLOYERS = (EMPLOYER_A, EMPLOYER_B)
CENTER_STAFF = (STAFF, STAFF_OTHER)
# The conversation's two sides.
TALKING = (TRAINEE_A, EMPLOYER_A)

# Public lists show center 1's live fair to everyone, its draft to no one.
FAIR_LIST = (
    shows(attr("fair", "title"), to=PERSONAS),
    shows(attr("fair_draft", "title"), to=()),
)


def _fair_body(world) -> dict:
    from django.utils import timezone

    now = timezone.localtime()
    today = timezone.localdate()
    return {
        "title": "2027 종로 주얼리 채용박람회",
        "title_en": "2027 Jongno Jewelry Job Fair",
        "starts_on": (today + dt.timedelta(days=40)).isoformat(),
        "ends_on": (today + dt.timedelta(days=41)).isoformat(),
        "opens_at": "10:00",
        "closes_at": "17:00",
        "registration_opens_at": (now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "registration_closes_at": (now + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "slots_open_at": (now + dt.timedelta(days=31)).strftime("%Y-%m-%dT%H:%M"),
        "format": "online",
        "audience": "everyone",
        "release": "at_time",
        "max_interviews_per_attendee": 3,
        "call_window_seconds": 90,
    }


def _api_fair_body(world) -> dict:
    return {**_fair_body(world), "center_id": world.pk("center_1")}


def _slots_body(world) -> dict:
    from django.utils import timezone

    start = timezone.localtime() + dt.timedelta(days=1)
    return {
        "representative": world.users[EMPLOYER_A].pk,
        "start": start.replace(hour=15, minute=0).strftime("%Y-%m-%dT%H:%M"),
        "count": 2,
        "duration_minutes": 15,
        "buffer_minutes": 5,
    }


def _brochure(world) -> dict:
    from tests.authz.world import PDF

    return {
        "title": "채용 안내",
        "file": SimpleUploadedFile("jobs.pdf", PDF, content_type="application/pdf"),
    }


RULES = [
    # --- everyone: the fairs, a fair's lobby, a booth
    row("fairs:index", GET=everyone(), shows=FAIR_LIST),
    row("fairs:detail", kwargs={"fair_id": pk("fair")}, GET=everyone()),
    row(
        "fairs:detail",
        variant="draft",
        kwargs={"fair_id": pk("fair_draft")},
        GET=only(STAFF, anon=E404),
    ),
    row("fairs:booth", kwargs={"booth_id": pk("booth_a")}, GET=everyone()),
    # --- attendees (trainee A is registered, queued and talking at booth A; B is not registered)
    row(
        "fairs:register",
        kwargs={"fair_id": pk("fair")},
        POST=only(*TRAINEES),
        body={"share_profile": "on", "consent_to_apply": "on"},
    ),
    row(
        "fairs:wishes",
        kwargs={"fair_id": pk("fair_draw")},
        POST=only(*TRAINEES),
        body=lambda w: {"booths": [w.pk("booth_b")]},
    ),
    row("fairs:my_fair", kwargs={"fair_id": pk("fair")}, GET=only(TRAINEE_A)),
    row("fairs:queue_join", kwargs={"booth_id": pk("booth_b")}, POST=only(*TRAINEES)),
    row(
        "fairs:interview_book",
        kwargs={"booth_id": pk("booth_a")},
        POST=only(*TRAINEES),
        body=lambda w: {"slot": w.pk("fair_slot")},
    ),
    row("fairs:queue_leave", kwargs={"entry_id": pk("queue_entry")}, POST=only(TRAINEE_A)),
    row("fairs:call_accept", kwargs={"entry_id": pk("queue_entry")}, POST=only(TRAINEE_A)),
    row("fairs:call_decline", kwargs={"entry_id": pk("queue_entry")}, POST=only(TRAINEE_A)),
    row(
        "fairs:interview_cancel",
        kwargs={"interview_id": pk("fair_interview")},
        POST=only(TRAINEE_A),
    ),
    # --- company A's booth and its representative (employer A)
    row(
        "fairs:participate",
        kwargs={"fair_id": pk("fair_draw")},
        # The body names company A: employer B may ask for a booth, but not for company A.
        POST=only(EMPLOYER_A, also={EMPLOYER_B: {"invalid": OK, "valid": E404}}),
        body=lambda w: {"company": w.pk("company_a")},
    ),
    row(
        "fairs:invitation_answer",
        kwargs={"booth_id": pk("booth_invited")},
        POST=only(EMPLOYER_A),
        body={"accept": "1"},
    ),
    row(
        "fairs:booth_edit",
        kwargs={"booth_id": pk("booth_a")},
        GET=only(EMPLOYER_A),
        POST=only(EMPLOYER_A),
        body={"introduction": "반지 공방입니다", "place": "B-12"},
    ),
    row(
        "fairs:brochure_add",
        kwargs={"booth_id": pk("booth_a")},
        POST=only(EMPLOYER_A),
        body=_brochure,
    ),
    row(
        "fairs:brochure_remove",
        kwargs={"booth_id": pk("booth_a"), "brochure_id": pk("brochure")},
        POST=only(EMPLOYER_A),
    ),
    row(
        "fairs:representative_add",
        kwargs={"booth_id": pk("booth_a")},
        POST=only(EMPLOYER_A),
        body=lambda w: {"user": w.users[EMPLOYER_A].pk},
    ),
    row("fairs:console", kwargs={"booth_id": pk("booth_a")}, GET=only(EMPLOYER_A)),
    row(
        "fairs:set_online",
        kwargs={"booth_id": pk("booth_a")},
        POST=only(EMPLOYER_A),
        body={"online": "1"},
    ),
    row("fairs:call_next", kwargs={"booth_id": pk("booth_a")}, POST=only(EMPLOYER_A)),
    row(
        "fairs:slots_publish",
        kwargs={"booth_id": pk("booth_a")},
        POST=only(EMPLOYER_A),
        body=_slots_body,
    ),
    row(
        "fairs:interview_mark",
        kwargs={"interview_id": pk("fair_interview")},
        POST=only(EMPLOYER_A),
        body={"status": "held"},
    ),
    # --- the conversation: its attendee and its representative
    row(
        "fairs:conversation",
        kwargs={"conversation_id": pk("conversation")},
        GET=only(*TALKING),
    ),
    row(
        "fairs:message_send",
        kwargs={"conversation_id": pk("conversation")},
        POST=only(*TALKING),
        body={"body": "포트폴리오를 보여 드릴게요"},
    ),
    row(
        "fairs:conversation_video",
        kwargs={"conversation_id": pk("conversation")},
        POST=only(EMPLOYER_A),
    ),
    row(
        "fairs:conversation_end",
        kwargs={"conversation_id": pk("conversation")},
        POST=only(EMPLOYER_A),
    ),
    row(
        "fairs:conversation_next_step",
        kwargs={"conversation_id": pk("conversation")},
        POST=only(EMPLOYER_A),
        body={"step": "interview", "note": "다음 주 면접"},
    ),
    # --- center staff: their own center's fairs only
    row(
        "fairs:staff_fairs",
        GET=only(*CENTER_STAFF),
        shows=shows(attr("fair_draft", "title"), to=[STAFF]),
    ),
    row(
        "fairs:staff_fair_new",
        GET=only(*CENTER_STAFF),
        POST=only(*CENTER_STAFF),
        body=_fair_body,
    ),
    row("fairs:staff_fair", kwargs={"fair_id": pk("fair")}, GET=only(STAFF)),
    row(
        "fairs:staff_fair_edit",
        kwargs={"fair_id": pk("fair_draft")},
        GET=only(STAFF),
        POST=only(STAFF),
        body=_fair_body,
    ),
    row(
        "fairs:staff_fair_status",
        kwargs={"fair_id": pk("fair")},
        POST=only(STAFF),
        body={"status": "closed"},
    ),
    row(
        "fairs:staff_invite",
        kwargs={"fair_id": pk("fair_draft")},
        POST=only(STAFF),
        body=lambda w: {"company": w.pk("company_a")},
    ),
    row(
        "fairs:staff_booth_decide",
        kwargs={"booth_id": pk("booth_requested")},
        POST=only(STAFF),
        body={"approve": "1"},
    ),
    row("fairs:staff_draw", kwargs={"fair_id": pk("fair_draw")}, POST=only(STAFF)),
    row(
        "fairs:staff_export",
        kwargs={"fair_id": pk("fair"), "fmt": "csv"},
        GET=only(STAFF),
    ),
    # --- API
    row(
        "api_fairs",
        GET=everyone(),
        shows=FAIR_LIST,
        # Staff of center 2 may create fairs, for their own center: the body names center 1.
        POST=only(STAFF, also={STAFF_OTHER: {"invalid": OK, "valid": E404}}),
        body=_api_fair_body,
    ),
    row(
        "api_fair",
        kwargs={"fair_id": pk("fair")},
        GET=everyone(),
        PATCH=only(STAFF),
        body={"title_en": "Jongno Jewelry Job Fair 2026"},
    ),
    row(
        "api_fair",
        variant="draft",
        kwargs={"fair_id": pk("fair_draft")},
        GET=only(STAFF, anon=E404),
        PATCH=only(STAFF),
        body={"title_en": "A fair in draft (2)"},
    ),
    row(
        "api_fair_status",
        kwargs={"fair_id": pk("fair")},
        POST=only(STAFF),
        body={"status": "closed"},
    ),
    row(
        "api_fair_register",
        kwargs={"fair_id": pk("fair")},
        POST=only(*TRAINEES),
        body={"share_profile": True},
    ),
    row(
        "api_fair_requests",
        kwargs={"fair_id": pk("fair_draw")},
        PUT=only(*TRAINEES),
        body=lambda w: {"booths": [w.pk("booth_b")]},
    ),
    row(
        "api_fair_booths",
        kwargs={"fair_id": pk("fair")},
        GET=everyone(),
        POST=only(STAFF),
        body=lambda w: {"company": w.pk("company_pending")},
    ),
    row("api_fair_draw", kwargs={"fair_id": pk("fair_draw")}, POST=only(STAFF), body={}),
    row("api_fair_report", kwargs={"fair_id": pk("fair")}, GET=only(STAFF)),
    row(
        "api_booth_decide",
        kwargs={"booth_id": pk("booth_requested")},
        POST=only(STAFF),
        body={"approve": True},
    ),
    row("api_booth_slots", kwargs={"booth_id": pk("booth_a")}, GET=everyone()),
    row(
        "api_booth_interviews",
        kwargs={"booth_id": pk("booth_a")},
        POST=only(*TRAINEES),
        body=lambda w: {"slot": w.pk("fair_slot")},
    ),
    # Trainee A's place at booth A: only trainee A has one to see or give up.
    row(
        "api_booth_queue",
        kwargs={"booth_id": pk("booth_a")},
        GET=only(TRAINEE_A),
        POST=only(*TRAINEES),
        DELETE=only(TRAINEE_A),
    ),
    row("api_queue_next", kwargs={"booth_id": pk("booth_a")}, POST=only(EMPLOYER_A)),
    row("api_call_accept", kwargs={"entry_id": pk("queue_entry")}, POST=only(TRAINEE_A)),
    row("api_call_decline", kwargs={"entry_id": pk("queue_entry")}, POST=only(TRAINEE_A)),
    # The attendee or the booth's representative cancels a fair interview.
    row(
        "api_fair_interview_cancel",
        kwargs={"interview_id": pk("fair_interview")},
        POST=only(TRAINEE_A, EMPLOYER_A),
    ),
    row(
        "api_my_fair_interviews",
        GET=only(*TRAINEES),
        shows=shows(attr("company_a", "name"), to=[TRAINEE_A]),
    ),
    row(
        "api_conversation_messages",
        kwargs={"conversation_id": pk("conversation")},
        GET=only(*TALKING),
        POST=only(*TALKING),
        body={"body": "감사합니다"},
    ),
    row(
        "api_conversation_end",
        kwargs={"conversation_id": pk("conversation")},
        POST=only(EMPLOYER_A),
    ),
    row(
        "api_conversation_video",
        kwargs={"conversation_id": pk("conversation")},
        POST=only(EMPLOYER_A),
    ),
    row(
        "api_conversation_next_step",
        kwargs={"conversation_id": pk("conversation")},
        POST=only(EMPLOYER_A),
        body={"step": "pipeline", "note": "다음 공고 때 연락"},
    ),
]
