"""Outcome reports (center staff, per center), the journey and employment outcomes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.authz.personas import COUNSELOR, STAFF, STAFF_OTHER, TRAINEES
from tests.authz.rules.admin import read_only
from tests.authz.rules.dsl import everyone, only, pk, row, secret


def _job(world) -> dict:
    return {
        "company_name": "익선공방",
        "company_brn": "",
        "position": "세공사",
        "start_date": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        "employment_type": "full_time",
        "salary_band": "unknown",
        "email": world.users["trainee_a"].email,
        "note": "전화 확인",
    }


CENTER_1 = {"center": pk("center_1"), "from": "2026-01-01", "to": "2026-12-31"}

RULES = [
    # staff of center 1 only: center 2's staff asking for center 1 get 404
    row("reports:dashboard", query=CENTER_1, GET=only(STAFF)),
    row("reports:dashboard", variant="own-center", GET=only(STAFF, STAFF_OTHER)),
    row("reports:drill", kwargs={"metric": "enrolled"}, query=CENTER_1, GET=only(STAFF)),
    row("reports:export", kwargs={"fmt": "csv"}, query=CENTER_1, GET=only(STAFF)),
    row("reports:export", variant="pdf", kwargs={"fmt": "pdf"}, query=CENTER_1, GET=only(STAFF)),
    *(
        row("reports:drill", variant=m, kwargs={"metric": m}, query=CENTER_1, GET=only(STAFF))
        for m in ("runs", "fairs", "booths", "fair_interviews", "interviews", "offers")
    ),
    # employment rate exclusions: the list and its form, and removing one (center 1's)
    row(
        "reports:exclusions",
        query=CENTER_1,
        GET=only(STAFF),
        POST=only(STAFF),
        body=lambda world: {
            "enrollment": world.objects["enrollment_done_b"].pk,
            "reason": "further_education",
        },
    ),
    row(
        "reports:exclusion_remove",
        kwargs={"exclusion_id": pk("rate_exclusion")},
        GET=only(STAFF),
        POST=only(STAFF),
        body={"why": "입대 취소"},
    ),
    row("api_reports_outcomes", query=CENTER_1, GET=only(STAFF)),
    row("api_reports_runs", query=CENTER_1, GET=only(STAFF)),
    row(
        "reports:record_employment",
        query={"center": pk("center_1")},
        GET=only(STAFF),
        POST=only(STAFF),
        body=_job,
    ),
    # the trainee's own journey; a counselor who counselled trainee A, with A's consent
    row("reports:journey", GET=only(*TRAINEES)),
    row("api_my_journey", GET=only(*TRAINEES)),
    row("reports:report_employment", GET=only(*TRAINEES), POST=only(*TRAINEES), body=_job),
    row(
        "reports:person_journey",
        kwargs={"person_id": lambda world: world.users["trainee_a"].pk},
        GET=only(COUNSELOR),
    ),
    # the follow-up link in the email: anyone holding it
    row(
        "reports:follow_up",
        kwargs={"token": secret("follow_up_yes")},
        GET=everyone(),
        POST=everyone(),
    ),
    # follow-ups come from the emails: the admin shows them and adds none
    *read_only("reports_followup", add=True),
]
