"""Job pages and the jobs API: public postings, trainees' applications, employers, staff review."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

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
from tests.authz.rules.dsl import E403, E404, attr, everyone, only, pk, row, secret, shows
from tests.jobs.conftest import posting_data

TRAINEES = (TRAINEE_A, TRAINEE_B)
EMPLOYERS = (EMPLOYER_A, EMPLOYER_B)
NOT_TRAINEES = (EMPLOYER_A, EMPLOYER_B, COUNSELOR, STAFF, STAFF_OTHER, ADMIN)
NOT_INVITEE = (TRAINEE_A, TRAINEE_B, EMPLOYER_A, COUNSELOR, STAFF, STAFF_OTHER, ADMIN)
CENTER_STAFF = (STAFF, STAFF_OTHER)
NOT_EMPLOYERS = (TRAINEE_A, TRAINEE_B, COUNSELOR, STAFF, STAFF_OTHER, ADMIN)


# Public lists show the published posting to everyone, drafts and pending ones to no one.
JOB_LIST = (
    shows(attr("posting", "title"), to=PERSONAS),
    shows(attr("posting_draft", "title"), to=()),
    shows(attr("posting_pending", "title"), to=()),
)


def posting_body(world) -> dict:
    return {**posting_data(title="세팅 기능공"), "experience_level": "any", "education": "any"}


def _later(days: int, hour: int = 14) -> str:
    """A time ``days`` ahead of today at ``hour`` KST, as a form or the API sends it."""
    from tests.jobs.hiring_fixtures import days_ahead

    return days_ahead(days, hour).strftime("%Y-%m-%dT%H:%M")


def _day(days: int) -> str:
    from django.utils import timezone

    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def interview_times_body(world) -> dict:
    return {
        f"t{world.pk('interview')}-time_1": _later(8),
        f"t{world.pk('interview')}-reason": "면접관 일정 변경",
    }


def interview_propose_body(world) -> dict:
    return {
        "iv-mode": "phone",
        "iv-phone": "02-123-4567",
        "iv-duration_minutes": "60",
        "iv-interviewer": world.users[EMPLOYER_A].pk,
        "iv-time_1": _later(9),
    }


def offer_body(world) -> dict:
    return {
        "position": "귀금속 세공사",
        "start_date": _day(30),
        "employment_type": "full_time",
        "salary": 32_000_000,
        "expires_on": _day(10),
    }


def hire_body(world) -> dict:
    return {"reason": "전화로 채용 확인", "start_date": _day(-1), "position": "세공사"}


def photo_upload(world) -> dict:
    from tests.authz.world.jobs import png_bytes

    return {"photo": SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")}


RESUME_ROWS = {
    "education": {
        "school": "한국주얼리직업전문학교",
        "major": "주얼리디자인",
        "degree": "other",
        "status": "completed",
        "start_date": "2021-03-02",
        "end_date": "2022-02-18",
    },
    "work": {"company": "세운주얼리", "title": "세팅 보조", "start_date": "2022-03-02"},
    "licenses": {
        "name": "보석감정기능사",
        "issuer": "한국산업인력공단",
        "acquired_on": "2023-06-30",
    },
    "languages": {"language": "일본어", "level": "basic", "test_name": "JLPT", "score": "N3"},
}


def _page_body(section: str) -> dict:
    """A section form's valid body (its fields carry the section's prefix)."""
    return {f"{section}-{key}": value for key, value in RESUME_ROWS[section].items()}


def resume_rules() -> list:
    """The résumé editor and API: trainees only; a row is its owner's (trainee A's)."""
    rules = [
        row("jobs:my_resume", GET=only(*TRAINEES)),
        row("jobs:my_resume_preview", GET=only(*TRAINEES)),
        row(
            "jobs:my_resume_basics",
            POST=only(*TRAINEES),
            body={"address": "서울 종로구", "introduction": "세공 5년차입니다."},
        ),
        row("jobs:my_resume_photo", POST=only(*TRAINEES), body=photo_upload),
        row("jobs:my_resume_photo_delete", POST=only(*TRAINEES)),
        # The photo, like contact details: the person, the company they applied to, and staff
        # of the centers that serve them (center 1's course and posting).
        row(
            "jobs:resume_photo",
            kwargs={"user_id": attr("resume_profile", "user_id")},
            GET=only(TRAINEE_A, EMPLOYER_A, STAFF),
        ),
        row("api_my_resume", GET=only(*TRAINEES), PATCH=only(*TRAINEES), body={"address": "중구"}),
        row(
            "api_my_resume_photo",
            POST=only(*TRAINEES),
            DELETE=only(*TRAINEES),
            body=photo_upload,
            multipart=True,
        ),
        row("api_my_resume_pdf", GET=only(*TRAINEES)),
    ]
    for section, body in RESUME_ROWS.items():
        key = pk(f"resume_{section}")
        rules += [
            row(
                "jobs:my_resume_row_add",
                variant=section,
                kwargs={"section": section},
                POST=only(*TRAINEES),
                body=_page_body(section),
            ),
            row(
                "jobs:my_resume_row_edit",
                variant=section,
                kwargs={"section": section, "pk": key},
                GET=only(TRAINEE_A),
                POST=only(TRAINEE_A),
                body=_page_body(section),
            ),
            row(
                "jobs:my_resume_row_delete",
                variant=section,
                kwargs={"section": section, "pk": key},
                POST=only(TRAINEE_A),
            ),
            row(f"api_my_resume_{section}", GET=only(*TRAINEES), POST=only(*TRAINEES), body=body),
            row(
                f"api_my_resume_{section}_row",
                kwargs={"pk": key},
                GET=only(TRAINEE_A),
                PATCH=only(TRAINEE_A),
                DELETE=only(TRAINEE_A),
                body=body,
            ),
        ]
    # A section that does not exist is no page at all.
    rules.append(
        row(
            "jobs:my_resume_row_add",
            variant="unknown",
            kwargs={"section": "hobbies"},
            POST=only(),
            body={"x": "y"},
        )
    )
    return rules


def png_upload(world) -> dict:
    from tests.authz.world.jobs import png_bytes

    return {
        "image": SimpleUploadedFile("work.png", png_bytes(), content_type="image/png"),
        "caption": "목걸이",
    }


RULES = [
    # --- public
    row("jobs:index", GET=everyone(), shows=JOB_LIST),
    row("jobs:detail", kwargs={"pk": pk("posting")}, GET=everyone()),
    row(
        "jobs:detail",
        variant="draft",
        kwargs={"pk": pk("posting_draft")},
        GET=only(anon=E404),
    ),
    row("jobs:company", kwargs={"pk": pk("company_a")}, GET=everyone()),
    # --- trainees
    row(
        "jobs:apply",
        kwargs={"pk": pk("posting")},
        POST=only(*TRAINEES),
        body={"cover_letter": "지원합니다", "use_platform_resume": "on"},
    ),
    row(
        "jobs:my_applications",
        GET=only(*TRAINEES),
        shows=shows(attr("posting", "title"), to=[TRAINEE_A]),
    ),
    row("jobs:my_application", kwargs={"pk": pk("application")}, GET=only(TRAINEE_A)),
    row("jobs:my_application_withdraw", kwargs={"pk": pk("application")}, POST=only(TRAINEE_A)),
    row("jobs:my_application_file", kwargs={"pk": pk("application")}, GET=only(TRAINEE_A)),
    row("jobs:recommendations", GET=only(*TRAINEES)),
    row(
        "jobs:my_profile",
        GET=only(*TRAINEES),
        POST=only(*TRAINEES),
        body={"headline": "세공 5년차", "education": "high_school", "experience_years": 5},
    ),
    row("jobs:my_portfolio_add", POST=only(*TRAINEES), body=png_upload),
    row(
        "jobs:my_portfolio_delete",
        kwargs={"pk": pk("portfolio_image")},
        POST=only(TRAINEE_A),
    ),
    row("jobs:my_resume_pdf", GET=only(*TRAINEES)),
    row(
        "jobs:my_contact_requests",
        GET=only(*TRAINEES),
        shows=shows(attr("company_a", "name"), to=[TRAINEE_A]),
    ),
    row(
        "jobs:my_contact_request_decide",
        kwargs={"pk": pk("contact_request"), "decision": "accept"},
        POST=only(TRAINEE_A),
    ),
    row(
        "jobs:my_searches",
        GET=only(*TRAINEES),
        POST=only(*TRAINEES),
        body={"name": "종로 세공", "q": "세공", "district": "jongno"},
    ),
    # 관심 공고: bookmark a public posting (htmx or a plain form), the trainee's own list.
    row(
        "jobs:bookmark",
        kwargs={"pk": pk("posting")},
        POST=only(*TRAINEES),
        body={"on": "1"},
    ),
    row(
        "jobs:my_bookmarks",
        GET=only(*TRAINEES),
        shows=shows(attr("posting", "title"), to=[TRAINEE_A]),
    ),
    row(
        "jobs:my_search_delete",
        kwargs={"pk": pk("saved_search")},
        POST=only(TRAINEE_A),
    ),
    # The résumé's pictures: the trainee, the company they applied to, and staff of the
    # centers that serve them (trainee A's course and the posting are center 1's).
    row(
        "jobs:portfolio_image",
        kwargs={"pk": pk("portfolio_image")},
        GET=only(TRAINEE_A, EMPLOYER_A, STAFF),
    ),
    # --- employers
    row(
        "jobs:employer_home",
        GET=only(*EMPLOYERS),
        shows=shows(attr("posting", "title"), to=[EMPLOYER_A]),
    ),
    row(
        "jobs:employer_company",
        kwargs={"pk": pk("company_a")},
        GET=only(EMPLOYER_A),
        POST=only(EMPLOYER_A),
        body={"name": "A 보석공방", "district": "jongno", "description": "반지 공방"},
    ),
    row(
        "jobs:employer_company_invite",
        kwargs={"pk": pk("company_a")},
        POST=only(EMPLOYER_A),
        body={"email": "colleague@example.com", "role": "recruiter"},
    ),
    # Employer A's link for employer B's address: the wrong account is told so.
    row(
        "jobs:company_invitation_accept",
        kwargs={"token": secret("company_invitation")},
        GET=only(EMPLOYER_B, other=E403),
        POST=only(EMPLOYER_B, other=E403),
    ),
    row(
        "jobs:employer_posting_new",
        GET=only(*EMPLOYERS),
        POST=only(*EMPLOYERS),
        body=posting_body,
    ),
    row("jobs:employer_posting", kwargs={"pk": pk("posting")}, GET=only(EMPLOYER_A)),
    row(
        "jobs:employer_posting_edit",
        kwargs={"pk": pk("posting_draft")},
        GET=only(EMPLOYER_A),
        POST=only(EMPLOYER_A),
        body=posting_body,
    ),
    row("jobs:employer_board", kwargs={"pk": pk("posting")}, GET=only(EMPLOYER_A)),
    row(
        "jobs:employer_board_move",
        kwargs={"pk": pk("application")},
        POST=only(EMPLOYER_A),
        body={"status": "screening"},
    ),
    # Trainee A applied but is not discoverable: not among the suggested candidates.
    row(
        "jobs:employer_candidates",
        kwargs={"pk": pk("posting")},
        GET=only(EMPLOYER_A),
        shows=shows(lambda w: w.users[TRAINEE_A].name, to=()),
    ),
    row(
        "jobs:employer_posting_action",
        kwargs={"pk": pk("posting"), "action": "close"},
        POST=only(EMPLOYER_A),
    ),
    row(
        "jobs:employer_candidate",
        kwargs={"user_id": lambda w: w.users[TRAINEE_A].pk},
        GET=only(EMPLOYER_A),
        POST=only(EMPLOYER_A),
        body={"message": "면접 제안드립니다"},
    ),
    row(
        "jobs:employer_application",
        kwargs={"pk": pk("application")},
        GET=only(EMPLOYER_A),
        POST=only(EMPLOYER_A),
        body={"status": "screening", "note": "서류 검토"},
    ),
    row("jobs:employer_application_file", kwargs={"pk": pk("application")}, GET=only(EMPLOYER_A)),
    row("jobs:employer_application_pdf", kwargs={"pk": pk("application")}, GET=only(EMPLOYER_A)),
    # --- center staff
    row(
        "jobs:staff_review",
        GET=only(STAFF, STAFF_OTHER),
        shows=shows(attr("posting_pending", "title"), to=[STAFF]),
    ),
    row(
        "jobs:staff_posting",
        kwargs={"pk": pk("posting_pending")},
        GET=only(STAFF),
        POST=only(STAFF),
        body={"action": "approve"},
    ),
    # --- API
    row(
        "api_jobs",
        GET=everyone(),
        shows=JOB_LIST,
        POST=only(*EMPLOYERS),
        body=posting_body,
    ),
    row(
        "api_job",
        kwargs={"pk": pk("posting")},
        GET=everyone(),
        PATCH=only(EMPLOYER_A),
        body={"title": "귀금속 세공사 (경력)"},
    ),
    row(
        "api_job",
        variant="draft",
        kwargs={"pk": pk("posting_draft")},
        GET=only(EMPLOYER_A, anon=E404),
        PATCH=only(EMPLOYER_A),
        body={"title": "주조 기능공 (신입)"},
    ),
    row("api_job_submit", kwargs={"pk": pk("posting_draft")}, POST=only(EMPLOYER_A)),
    row("api_job_close", kwargs={"pk": pk("posting")}, POST=only(EMPLOYER_A)),
    row(
        "api_job_approve",
        kwargs={"pk": pk("posting_pending")},
        POST=only(STAFF),
    ),
    row(
        "api_job_return",
        kwargs={"pk": pk("posting_pending")},
        POST=only(STAFF),
        body={"reason": "급여 정보를 채워 주세요"},
    ),
    row(
        "api_job_apply",
        kwargs={"pk": pk("posting")},
        POST=only(*TRAINEES),
        body={"cover_letter": "지원합니다", "use_platform_resume": "true"},
        multipart=True,
    ),
    row("api_job_applications", kwargs={"pk": pk("posting")}, GET=only(EMPLOYER_A)),
    row(
        "api_job_candidates",
        kwargs={"pk": pk("posting")},
        GET=only(EMPLOYER_A),
        shows=shows(lambda w: w.users[TRAINEE_A].name, to=()),
    ),
    row("api_company", kwargs={"pk": pk("company_a")}, GET=everyone()),
    row(
        "api_company_verify",
        kwargs={"pk": pk("company_pending")},
        POST=only(STAFF),
        body={"status": "verified"},
    ),
    row(
        "api_application",
        kwargs={"pk": pk("application")},
        PATCH=only(EMPLOYER_A),
        body={"status": "screening", "note": "서류 검토"},
    ),
    row("api_application_withdraw", kwargs={"pk": pk("application")}, POST=only(TRAINEE_A)),
    row(
        "api_my_applications",
        GET=only(*TRAINEES),
        shows=shows(attr("posting", "title"), to=[TRAINEE_A]),
    ),
    row("api_my_recommendations", GET=only(*TRAINEES)),
    # --- centers: an owner asks another center to take the company in
    row(
        "jobs:employer_company_join",
        kwargs={"pk": pk("company_a")},
        POST=only(EMPLOYER_A),
        body=lambda w: {"center": w.pk("center_2")},
    ),
    # --- hiring: company A's interview (confirmed) and open offer on trainee A's application
    row(
        "jobs:my_interview_pick",
        kwargs={"pk": pk("interview")},
        POST=only(TRAINEE_A),
        body=lambda w: {f"p{w.pk('interview')}-slot": w.objects["interview"].slots.first().pk},
    ),
    row(
        "jobs:my_interview_request_times",
        kwargs={"pk": pk("interview")},
        POST=only(TRAINEE_A),
        body=lambda w: {f"n{w.pk('interview')}-note": "오전이 좋습니다"},
    ),
    row(
        "jobs:my_interview_cancel",
        kwargs={"pk": pk("interview")},
        POST=only(TRAINEE_A),
        body=lambda w: {f"c{w.pk('interview')}-reason": "다른 곳에 취업했습니다"},
    ),
    row("jobs:my_interview_ics", kwargs={"pk": pk("interview")}, GET=only(TRAINEE_A)),
    row(
        "jobs:my_offer_answer",
        kwargs={"pk": pk("offer"), "answer": "accept"},
        POST=only(TRAINEE_A),
        body=lambda w: {f"o{w.pk('offer')}-reason": ""},
    ),
    row(
        "jobs:my_offer_answer",
        variant="decline",
        kwargs={"pk": pk("offer"), "answer": "decline"},
        POST=only(TRAINEE_A),
        body=lambda w: {f"o{w.pk('offer')}-reason": "조건이 맞지 않습니다"},
    ),
    row(
        "jobs:employer_interview_propose",
        kwargs={"pk": pk("application")},
        POST=only(EMPLOYER_A),
        body=interview_propose_body,
    ),
    row(
        "jobs:employer_offer_make",
        kwargs={"pk": pk("application")},
        POST=only(EMPLOYER_A),
        body=offer_body,
    ),
    row(
        "jobs:employer_interview_times",
        kwargs={"pk": pk("interview")},
        POST=only(EMPLOYER_A),
        body=interview_times_body,
    ),
    row(
        "jobs:employer_interview_cancel",
        kwargs={"pk": pk("interview")},
        POST=only(EMPLOYER_A),
        body=lambda w: {f"c{w.pk('interview')}-reason": "채용이 마감되었습니다"},
    ),
    row("jobs:employer_interview_ics", kwargs={"pk": pk("interview")}, GET=only(EMPLOYER_A)),
    row(
        "jobs:employer_interview_mark",
        kwargs={"pk": pk("interview"), "outcome": "held"},
        POST=only(EMPLOYER_A),
    ),
    row(
        "jobs:employer_offer_withdraw",
        kwargs={"pk": pk("offer")},
        POST=only(EMPLOYER_A),
        body=lambda w: {f"o{w.pk('offer')}-reason": "채용 계획 변경"},
    ),
    # Staff record a hire for an application to a posting of their own center only.
    row(
        "jobs:staff_application_hire",
        kwargs={"pk": pk("application")},
        GET=only(STAFF),
        POST=only(STAFF),
        body=hire_body,
    ),
    # --- hiring API
    row(
        "api_application_interviews",
        kwargs={"pk": pk("application")},
        GET=only(TRAINEE_A, EMPLOYER_A),
        POST=only(EMPLOYER_A),
        body=lambda w: {"mode": "phone", "phone": "02-123-4567", "times": [_later(9)]},
    ),
    row(
        "api_application_offers",
        kwargs={"pk": pk("application")},
        GET=only(TRAINEE_A, EMPLOYER_A),
        POST=only(EMPLOYER_A),
        body=offer_body,
    ),
    row(
        "api_application_hire",
        kwargs={"pk": pk("application")},
        POST=only(STAFF),
        body=hire_body,
    ),
    row("api_interview", kwargs={"pk": pk("interview")}, GET=only(TRAINEE_A, EMPLOYER_A)),
    row(
        "api_interview_pick",
        kwargs={"pk": pk("interview")},
        POST=only(TRAINEE_A),
        body=lambda w: {"slot": w.objects["interview"].slots.first().pk},
    ),
    row(
        "api_interview_other_times",
        kwargs={"pk": pk("interview")},
        POST=only(TRAINEE_A),
        body={"note": "오전이 좋습니다"},
    ),
    row(
        "api_interview_reschedule",
        kwargs={"pk": pk("interview")},
        POST=only(TRAINEE_A, EMPLOYER_A),
        body=lambda w: {"reason": "일정 변경", "times": [_later(8)]},
    ),
    row(
        "api_interview_cancel",
        kwargs={"pk": pk("interview")},
        POST=only(TRAINEE_A, EMPLOYER_A),
        body={"reason": "일정이 맞지 않습니다"},
    ),
    row("api_interview_no_show", kwargs={"pk": pk("interview")}, POST=only(EMPLOYER_A)),
    row("api_interview_held", kwargs={"pk": pk("interview")}, POST=only(EMPLOYER_A)),
    row("api_interview_ics", kwargs={"pk": pk("interview")}, GET=only(TRAINEE_A, EMPLOYER_A)),
    row(
        "api_offer_withdraw",
        kwargs={"pk": pk("offer")},
        POST=only(EMPLOYER_A),
        body={"reason": "채용 계획 변경"},
    ),
    row("api_offer_accept", kwargs={"pk": pk("offer")}, POST=only(TRAINEE_A), body={}),
    row(
        "api_offer_decline",
        kwargs={"pk": pk("offer")},
        POST=only(TRAINEE_A),
        body={"reason": "조건이 맞지 않습니다"},
    ),
    row(
        "api_my_interviews",
        GET=only(*TRAINEES),
        shows=shows(attr("company_a", "name"), to=[TRAINEE_A]),
    ),
    row(
        "api_my_offers",
        GET=only(*TRAINEES),
        shows=shows(attr("offer", "position"), to=[TRAINEE_A]),
    ),
    row(
        "api_my_bookmarks",
        GET=only(*TRAINEES),
        POST=only(*TRAINEES),
        body=lambda w: {"posting": w.objects["posting"].pk},
        shows=shows(attr("posting", "title"), to=[TRAINEE_A]),
    ),
    row(
        "api_my_bookmark",
        kwargs={"pk": pk("bookmark")},
        GET=only(TRAINEE_A),
        DELETE=only(TRAINEE_A),
    ),
    # --- messages (issue 10 part 3) ---------------------------------------------------------
    # Trainee A and company A talk about the application (employer A reported it, so center 1's
    # staff may read it); trainee B's thread with company B follows a contact request, and its
    # company side is closed because trainee B does not consent to being discovered (the
    # contact-detail rule), so employer B gets 404 like everyone else.
    row(
        "jobs:threads",
        GET=only(*TRAINEES, *EMPLOYERS),
        shows=shows(attr("posting", "title"), to=[TRAINEE_A, EMPLOYER_A]),
    ),
    row(
        "jobs:thread",
        kwargs={"pk": pk("thread")},
        GET=only(TRAINEE_A, EMPLOYER_A),
        POST=only(TRAINEE_A, EMPLOYER_A),
        body={"body": "내일 오후 2시에 뵙겠습니다."},
        shows=shows(lambda w: "면접 일정 문의", to=[TRAINEE_A, EMPLOYER_A]),
    ),
    row(
        "jobs:thread",
        variant="contact_request",
        kwargs={"pk": pk("thread_contact")},
        GET=only(TRAINEE_B),
        POST=only(TRAINEE_B),
        body={"body": "연락 감사합니다."},
    ),
    row(
        "jobs:thread_report",
        kwargs={"pk": pk("thread")},
        POST=only(TRAINEE_A, EMPLOYER_A),
        body={"reason": "반복되는 폭언"},
    ),
    row(
        "jobs:message_attachment",
        kwargs={"pk": pk("thread"), "message_id": pk("message_file")},
        GET=only(TRAINEE_A, EMPLOYER_A, STAFF),
    ),
    row(
        "jobs:application_thread",
        kwargs={"pk": pk("application")},
        GET=only(TRAINEE_A, EMPLOYER_A),
    ),
    row(
        "jobs:contact_request_thread",
        kwargs={"pk": pk("contact_request_accepted")},
        GET=only(TRAINEE_B),
    ),
    row(
        "jobs:contact_request_thread",
        variant="pending",
        kwargs={"pk": pk("contact_request")},
        GET=only(),
    ),
    row(
        "jobs:staff_threads",
        GET=only(*CENTER_STAFF),
        shows=shows(attr("posting", "title"), to=[STAFF]),
    ),
    row("jobs:staff_thread", kwargs={"pk": pk("thread")}, GET=only(STAFF)),
    row("jobs:staff_thread", variant="unreported", kwargs={"pk": pk("thread_contact")}, GET=only()),
    row("api_threads", GET=only(*TRAINEES, *EMPLOYERS)),
    row(
        "api_thread",
        kwargs={"pk": pk("thread")},
        GET=only(TRAINEE_A, EMPLOYER_A),
        shows=shows(lambda w: "면접 일정 문의", to=[TRAINEE_A, EMPLOYER_A]),
    ),
    row(
        "api_thread_messages",
        kwargs={"pk": pk("thread")},
        POST=only(TRAINEE_A, EMPLOYER_A),
        body={"body": "자료 보내드립니다."},
        multipart=True,
    ),
    row("api_thread_read", kwargs={"pk": pk("thread")}, POST=only(TRAINEE_A, EMPLOYER_A)),
    row(
        "api_thread_report",
        kwargs={"pk": pk("thread")},
        POST=only(TRAINEE_A, EMPLOYER_A),
        body={"reason": "반복되는 폭언"},
    ),
    row(
        "api_thread_attachment",
        kwargs={"pk": pk("thread"), "message_id": pk("message_file")},
        GET=only(TRAINEE_A, EMPLOYER_A),
    ),
    row(
        "api_application_thread",
        kwargs={"pk": pk("application")},
        POST=only(TRAINEE_A, EMPLOYER_A),
    ),
    *resume_rules(),
]
