"""API tokens and the second factor: staff without TOTP get nowhere with a token; staff
tokens expire; a revoked or expired token is refused; every token change is logged."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse

from accounts import services
from accounts.models import ApiToken, hash_secret
from core.models import AuditEntry
from tests.api.schema_ops import operations, send
from tests.factories import add_totp, make_center_member

NOON = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def bearer(raw: str) -> dict:
    return {"Authorization": f"Bearer {raw}"}


def token_without_service(user, raw="ilt_made-before-staff-role-0000000000000000") -> str:
    """A token the person made while still a trainee, before becoming staff (no TOTP yet)."""
    ApiToken.objects.create(user=user, name="old", prefix=raw[:10], token_hash=hash_secret(raw))
    return raw


@pytest.fixture
def erin_nototp(center):
    return make_center_member(center, "staff", email="nototp@example.com", name="최무인증")


class TestStaffWithoutTOTP:
    def test_every_api_operation_answers_403_to_their_token(self, client, erin_nototp):
        raw = token_without_service(erin_nototp)
        answers = {}
        for op in operations():
            answers[str(op)] = send(client, op, path_value=1, headers=bearer(raw)).status_code
        wrong = {op: status for op, status in answers.items() if status != 403}
        assert not wrong, f"answered other than 403: {wrong}"
        # the operations staff use every day are among them
        assert "POST /api/v1/companies/{id}/verify/" in answers
        assert "POST /api/v1/jobs/{id}/approve/" in answers
        assert len(answers) > 50

    def test_the_answer_says_what_to_do(self, client, erin_nototp):
        raw = token_without_service(erin_nototp)
        response = client.get("/api/v1/me/", headers=bearer(raw))
        assert response.status_code == 403
        assert (
            "two-factor" in response.json()["detail"].lower()
            or "2단계" in (response.json()["detail"])
        )

    def test_they_cannot_create_a_token(self, client, erin_nototp):
        with pytest.raises(PermissionDenied):
            services.api_token_create(user=erin_nototp, name="script")
        client.force_login(erin_nototp)
        response = client.post(reverse("settings_tokens"), {"name": "script"})
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
        assert not ApiToken.objects.filter(user=erin_nototp).exists()

    def test_the_same_token_works_once_totp_is_set_up(self, client, erin_nototp):
        raw = token_without_service(erin_nototp)
        assert client.get("/api/v1/me/", headers=bearer(raw)).status_code == 403
        add_totp(erin_nototp)
        assert client.get("/api/v1/me/", headers=bearer(raw)).status_code == 200


class TestStaffTokenLifetime:
    @override_settings(STAFF_API_TOKEN_HOURS=8)
    def test_a_staff_token_stops_working_after_its_lifetime(self, client, dave):
        with time_machine.travel(NOON, tick=False) as clock:
            token, raw = services.api_token_create(user=dave, name="출석 스크립트")
            assert token.expires_at == NOON + dt.timedelta(hours=8)
            clock.move_to(NOON + dt.timedelta(hours=7, minutes=59))
            assert client.get("/api/v1/me/", headers=bearer(raw)).status_code == 200
            clock.move_to(NOON + dt.timedelta(hours=8))
            response = client.get("/api/v1/me/", headers=bearer(raw))
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"

    @override_settings(STAFF_API_TOKEN_HOURS=8)
    def test_a_token_made_before_becoming_staff_expires_too(self, client, center, alice):
        with time_machine.travel(NOON, tick=False) as clock:
            token, raw = services.api_token_create(user=alice, name="my script")
            assert token.expires_at is None
            from accounts.models import CenterMembership

            CenterMembership.objects.create(user=alice, center=center, role="staff")
            add_totp(alice)
            assert client.get("/api/v1/me/", headers=bearer(raw)).status_code == 200
            clock.move_to(NOON + dt.timedelta(hours=8, seconds=1))
            assert client.get("/api/v1/me/", headers=bearer(raw)).status_code == 401

    def test_a_trainee_token_does_not_expire(self, client, alice):
        with time_machine.travel(NOON, tick=False) as clock:
            token, raw = services.api_token_create(user=alice, name="my script")
            clock.move_to(NOON + dt.timedelta(days=400))
            assert client.get("/api/v1/me/", headers=bearer(raw)).status_code == 200
        assert token.expires_at is None

    def test_the_page_shows_staff_when_their_token_expires(self, client, dave):
        with time_machine.travel(NOON, tick=False):
            client.force_login(dave)
            client.post(reverse("settings_tokens"), {"name": "출석 스크립트"})
            page = client.get(reverse("settings_tokens")).content.decode()
        # 12:00 UTC is 21:00 in Seoul; eight hours later is 05:00 the next day
        assert "2026-03-11 05:00" in page


class TestRevocation:
    def test_a_revoked_token_gets_401_and_the_revocation_is_logged(self, client, dave):
        token, raw = services.api_token_create(user=dave, name="출석 스크립트")
        assert client.get("/api/v1/me/", headers=bearer(raw)).status_code == 200
        client.force_login(dave)
        response = client.post(reverse("settings_token_revoke", args=[token.pk]))
        assert response.status_code == 302
        client.logout()
        response = client.get("/api/v1/me/", headers=bearer(raw))
        assert response.status_code == 401
        entry = AuditEntry.objects.get(action="accounts.api_token.revoked")
        assert entry.actor == dave
        assert entry.object_id == str(token.pk)

    def test_creating_a_token_is_logged(self, dave):
        token, _raw = services.api_token_create(user=dave, name="출석 스크립트")
        entry = AuditEntry.objects.get(action="accounts.api_token.created")
        assert entry.actor == dave
        assert entry.data["name"] == "출석 스크립트"
        assert entry.object_id == str(token.pk)
