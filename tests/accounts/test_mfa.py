"""Two-factor authentication (TOTP): available to everyone, required for center staff."""

from __future__ import annotations

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.factories import add_totp, make_center_member

PASSWORD = "correct-horse-battery-9"
SECRET = "JBSWY3DPEHPK3PXP"  # what tests.factories.add_totp stores


def current_code() -> str:
    return format_hotp_value(hotp_value(SECRET, int(time.time()) // mfa_settings.TOTP_PERIOD))


class TestStaffMustUseMFA:
    def test_it_sends_staff_without_totp_to_set_it_up(self, client, center):
        erin = make_center_member(center, "staff", email="erin@example.com", name="에린")
        client.force_login(erin)
        for path in (
            reverse("dashboard"),
            reverse("dashboard_role", args=["staff"]),
            reverse("staff_invitations"),
        ):
            response = client.get(path)
            assert response.status_code == 302, path
            assert response["Location"] == reverse("mfa_activate_totp"), path

    def test_it_answers_the_api_with_403_json_until_totp_is_set_up(self, client, center):
        erin = make_center_member(center, "staff", email="erin@example.com", name="에린")
        client.force_login(erin)
        response = client.get("/api/v1/me/")
        assert response.status_code == 403
        body = response.json()
        assert set(body) == {"detail", "errors"}
        assert body["detail"]

    def test_it_lets_staff_without_totp_reach_the_setup_page_and_log_out(self, client, center):
        erin = make_center_member(center, "staff", email="erin@example.com", name="에린")
        client.force_login(erin)
        setup = client.get(reverse("mfa_activate_totp"))
        # allauth may first ask for the password again; it must not loop back to itself.
        assert setup.status_code == 200 or setup["Location"] != reverse("mfa_activate_totp")
        assert client.post(reverse("account_logout")).status_code == 302
        assert "_auth_user_id" not in client.session

    def test_it_lets_staff_with_totp_in(self, client, dave):
        client.force_login(dave)
        response = client.get(reverse("dashboard"))
        assert response.status_code == 302
        assert response["Location"] == reverse("dashboard_role", args=["staff"])
        assert client.get("/api/v1/me/").status_code == 200

    def test_it_does_not_force_trainees_employers_or_counselors(self, client, alice, bob, carol):
        for person in (alice, bob, carol):
            client.force_login(person)
            response = client.get(reverse("dashboard"))
            assert response["Location"] != reverse("mfa_activate_totp")
            assert client.get("/api/v1/me/").status_code == 200


class TestLoginWithTOTP:
    def test_it_asks_for_the_code_after_the_password(self, client, dave):
        response = client.post(
            reverse("account_login"), {"login": "dave@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session

    def test_it_logs_in_with_the_right_code(self, client, dave):
        client.post(reverse("account_login"), {"login": "dave@example.com", "password": PASSWORD})
        response = client.post(reverse("mfa_authenticate"), {"code": current_code()})
        assert response.status_code == 302
        assert int(client.session["_auth_user_id"]) == dave.pk

    def test_it_refuses_a_wrong_code(self, client, dave):
        client.post(reverse("account_login"), {"login": "dave@example.com", "password": PASSWORD})
        wrong = "000000" if current_code() != "000000" else "111111"
        response = client.post(reverse("mfa_authenticate"), {"code": wrong})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_it_lets_a_trainee_use_totp_too(self, client, alice):
        add_totp(alice)
        response = client.post(
            reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD}
        )
        assert response["Location"] == reverse("mfa_authenticate")
