"""Account settings, invitations and the center staff's company verification."""

from __future__ import annotations

from tests.authz.personas import ANON, STAFF, STAFF_OTHER, TRAINEE_A
from tests.authz.rules.dsl import E403, attr, everyone, only, pk, row, secret, shows, signed_in

PASSWORD = "correct-horse-battery-9"  # every persona's (tests/factories.py)

RULES = [
    row(
        "settings_profile",
        GET=signed_in(),
        POST=signed_in(),
        body={"name": "새 이름", "phone": "", "language": "ko"},
    ),
    row("settings_privacy", GET=signed_in(), POST=signed_in(), body={"marketing": "on"}),
    row("settings_export", GET=signed_in()),
    row(
        "settings_delete",
        GET=signed_in(),
        POST=signed_in(),
        body={"password": PASSWORD, "confirm": "on"},
    ),
    row("settings_tokens", GET=signed_in(), POST=signed_in(), body={"name": "출석 내보내기"}),
    row("settings_token_revoke", kwargs={"token_id": pk("token_a")}, POST=only(TRAINEE_A)),
    # The link is for a new counselor without an account: anyone signed in as someone else
    # is told it is not theirs.
    row(
        "invitation_accept",
        kwargs={"token": secret("invitation")},
        GET=only(ANON, other=E403),
        POST=only(ANON, other=E403),
        body={
            "name": "새 상담사",
            "phone": "",
            "password1": "Ilteo-2026-pw!",
            "password2": "Ilteo-2026-pw!",
        },
    ),
    row("legal", kwargs={"key": "privacy"}, GET=everyone()),
    row("accessibility", GET=everyone()),
    row(
        "staff_invitations",
        GET=only(STAFF, STAFF_OTHER),
        shows=shows(attr("invitation", "email"), to=[STAFF]),
        POST=only(STAFF, STAFF_OTHER),
        body=lambda w: {
            "center": w.pk("center_1"),
            "email": "invitee-2@example.com",
            "name": "새 직원",
            "role": "counselor",
        },
    ),
    row(
        "staff_invitation_revoke",
        kwargs={"invitation_id": pk("invitation")},
        POST=only(STAFF),
    ),
    row(
        "staff_companies",
        GET=only(STAFF, STAFF_OTHER),
        shows=shows(attr("company_pending", "name"), to=[STAFF]),
    ),
    row(
        "staff_company_decide",
        kwargs={"company_id": pk("company_pending")},
        POST=only(STAFF),
        body={"decision": "verified", "reason": ""},
    ),
    # --- API
    row("api_me", GET=signed_in()),
    row("api_centers", GET=everyone()),
]
