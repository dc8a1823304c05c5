"""django-allauth's pages: login, signup, email, password, two-factor and social login.

All live under /accounts/, which RequireStaffMFAMiddleware leaves open to staff without
TOTP (they must reach the TOTP setup), so every row is ``mfa_exempt``.
"""

from __future__ import annotations

from functools import partial

from tests.authz.personas import ADMIN, STAFF, STAFF_OTHER, TRAINEE_A
from tests.authz.rules.dsl import E401, LOGIN, everyone, nobody, only, secret, signed_in
from tests.authz.rules.dsl import row as _row

row = partial(_row, mfa_exempt=True)
PASSWORD = "correct-horse-battery-9"
NEW_PASSWORD = "Ilteo-2026-new-pw!"
SIGNUP = {
    "email": "newcomer@example.com",
    "name": "새 교육생",
    "account_type": "trainee",
    "password1": NEW_PASSWORD,
    "password2": NEW_PASSWORD,
    "terms": "on",
    "privacy": "on",
}


def with_totp():
    return only(STAFF, STAFF_OTHER, ADMIN)


RULES = [
    row(
        "account_login",
        GET=everyone(),
        POST=everyone(),
        body={"login": "nobody@example.com", "password": "x"},
    ),
    row("account_logout", GET=everyone(), POST=everyone()),
    row("account_signup", GET=everyone(), POST=everyone(), body=SIGNUP),
    row("account_inactive", GET=everyone()),
    row("account_reauthenticate", GET=signed_in(), POST=signed_in(), body={"password": PASSWORD}),
    row(
        "account_email",
        GET=signed_in(),
        POST=signed_in(),
        body={"action_add": "", "email": "second-address@example.com"},
    ),
    row("account_email_verification_sent", GET=everyone()),
    row(
        "account_change_password",
        GET=signed_in(),
        POST=signed_in(),
        body={"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    ),
    row(
        "account_set_password",
        GET=signed_in(),
        POST=signed_in(),
        body={"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    ),
    row(
        "account_reset_password",
        GET=everyone(),
        POST=everyone(),
        body={"email": "trainee-a@example.com"},
    ),
    # Login by an emailed code (always open, docs/security.md): asking for a code is public;
    # without a code pending, the confirmation page sends anyone back to ask for one.
    row(
        "account_request_login_code",
        GET=everyone(),
        POST=everyone(),
        body={"email": "nobody@example.com"},
    ),
    row("account_confirm_login_code", GET=everyone(), POST=everyone(), body={"code": "ABC123"}),
    # Trainee A's confirmation link: the key is the credential, whoever opens it.
    row(
        "account_confirm_email",
        kwargs={"key": secret("email_confirmation")},
        GET=everyone(),
        # Once confirmed, allauth sends anyone but the address's owner to the login page.
        POST=only(TRAINEE_A, anon=LOGIN, other=LOGIN),
    ),
    row("account_reset_password_from_key_done", GET=everyone()),
    row(
        "account_reset_password_from_key",
        kwargs={"uidb36": "1", "key": "set-password"},
        GET=everyone(),
        POST=everyone(),
        body={"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    ),
    row("account_reset_password_done", GET=everyone()),
    row("mfa_index", GET=signed_in()),
    # The second step of a login: without a login in progress, back to the login page.
    row("mfa_authenticate", GET=signed_in(), POST=signed_in(), body={"code": "123456"}),
    row("mfa_reauthenticate", GET=signed_in(), POST=signed_in(), body={"code": "123456"}),
    row("mfa_activate_totp", GET=signed_in(), POST=signed_in(), body={"code": "123456"}),
    # Only people with TOTP (and its recovery codes) have something to turn off or show.
    row("mfa_deactivate_totp", GET=with_totp(), POST=with_totp(), body={"code": "123456"}),
    row("mfa_view_recovery_codes", GET=with_totp()),
    row("mfa_generate_recovery_codes", GET=signed_in(), POST=signed_in()),
    row("mfa_download_recovery_codes", GET=with_totp()),
    row("socialaccount_login_cancelled", GET=everyone()),
    # allauth answers its social-login error page with 401, to everyone.
    row("socialaccount_login_error", GET=nobody(E401)),
    # Without a social login in progress, back to the login page.
    row(
        "socialaccount_signup",
        GET=only(anon=LOGIN, other=LOGIN),
        POST=only(anon=LOGIN, other=LOGIN),
        body={"email": "x@example.com"},
    ),
    row("socialaccount_connections", GET=signed_in(), POST=signed_in(), body={"account": "1"}),
    row("accounts/social/login/cancelled/", GET=everyone()),
    row("accounts/social/login/error/", GET=everyone()),
    row("accounts/social/signup/", GET=everyone()),
    row("accounts/social/connections/", GET=everyone()),
    row("google_login", GET=everyone(), POST=everyone()),
    # A provider's callback (or Google's one-tap token) without a valid state or credential
    # is a failed login: allauth's error page, 401, for everyone.
    row("google_callback", GET=nobody(E401)),
    row("google_login_by_token", POST=nobody(E401), body={"credential": "not-a-jwt"}),
    row("kakao_login", GET=everyone(), POST=everyone()),
    row("kakao_callback", GET=nobody(E401)),
    row("naver_login", GET=everyone(), POST=everyone()),
    row("naver_callback", GET=nobody(E401)),
]
