"""Home, dashboards, the language switch and the plumbing routes."""

from __future__ import annotations

from tests.authz.personas import STAFF, STAFF_OTHER, TRAINEE_A, TRAINEE_B
from tests.authz.rules.dsl import everyone, only, row, signed_in

RULES = [
    row("home", GET=everyone()),
    row("dashboard", GET=signed_in()),
    row("dashboard_role", kwargs={"role": "staff"}, GET=only(STAFF, STAFF_OTHER)),
    row(
        "dashboard_role",
        variant="trainee",
        kwargs={"role": "trainee"},
        GET=only(TRAINEE_A, TRAINEE_B),
    ),
    row(
        "set_language",
        POST=everyone(),
        body={"language": "en", "next": "/"},
        mfa_exempt=True,
    ),
    row("robots_txt", GET=everyone()),
    row("healthz", GET=everyone()),
    row("api_schema", GET=everyone()),
    row("api_docs", GET=everyone()),
]
