"""Job pages and the jobs API: public postings, trainees' applications, employers, staff review."""

from __future__ import annotations

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
from tests.authz.rules.known import (
    CENTERS_OWN_MODERATION,
    PORTFOLIO_TO_ALL_STAFF,
)
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
        # The photo, like contact details: the person and the company they applied to.
        row(
            "jobs:resume_photo",
            kwargs={"user_id": attr("resume_profile", "user_id")},
            GET=only(
                TRAINEE_A, EMPLOYER_A, known=dict.fromkeys(CENTER_STAFF, PORTFOLIO_TO_ALL_STAFF)
            ),
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
    row(
        "jobs:my_search_delete",
        kwargs={"pk": pk("saved_search")},
        POST=only(TRAINEE_A),
    ),
    # The résumé's pictures: the trainee and the company they applied to.
    row(
        "jobs:portfolio_image",
        kwargs={"pk": pk("portfolio_image")},
        GET=only(TRAINEE_A, EMPLOYER_A, known=dict.fromkeys(CENTER_STAFF, PORTFOLIO_TO_ALL_STAFF)),
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
        GET=only(STAFF, STAFF_OTHER, known={STAFF_OTHER: CENTERS_OWN_MODERATION}),
        shows=shows(attr("posting_pending", "title"), to=[STAFF]),
    ),
    row(
        "jobs:staff_posting",
        kwargs={"pk": pk("posting_pending")},
        GET=only(STAFF, known={STAFF_OTHER: CENTERS_OWN_MODERATION}),
        POST=only(STAFF, known={STAFF_OTHER: CENTERS_OWN_MODERATION}),
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
        POST=only(STAFF, known={STAFF_OTHER: CENTERS_OWN_MODERATION}),
    ),
    row(
        "api_job_return",
        kwargs={"pk": pk("posting_pending")},
        POST=only(STAFF, known={STAFF_OTHER: CENTERS_OWN_MODERATION}),
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
        POST=only(STAFF, known={STAFF_OTHER: CENTERS_OWN_MODERATION}),
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
    *resume_rules(),
]
