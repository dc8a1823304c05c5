"""GET /api/v1/me/ with the browser session or a personal token, and every way a token can be wrong."""

from __future__ import annotations

import pytest

from accounts import services
from accounts.models import ApiToken
from tests.accounts.utils import has_hangul, korean

ME = "/api/v1/me/"
FIELDS = {"id", "email", "name", "roles", "centers", "language"}


def bearer(raw: str) -> dict:
    return {"Authorization": f"Bearer {raw}"}


def assert_401(response) -> None:
    assert response.status_code == 401
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    assert response["WWW-Authenticate"] == "Bearer"


class TestMe:
    def test_it_describes_the_signed_in_person(self, client, alice):
        client.force_login(alice)
        response = client.get(ME)
        assert response.status_code == 200
        assert response.json() == {
            "id": alice.pk,
            "email": "alice@example.com",
            "name": "김앨리스",
            "roles": ["trainee"],
            "centers": [],
            "language": "ko",
        }

    def test_it_lists_the_centers_of_counselors_and_staff(self, client, carol, center):
        client.force_login(carol)
        body = client.get(ME).json()
        assert body["roles"] == ["counselor"]
        assert body["centers"] == [
            {"id": center.pk, "slug": "jongno-jewelry", "name": center.name, "role": "counselor"}
        ]

    def test_it_answers_a_personal_token(self, client, bob):
        token, raw = services.api_token_create(user=bob, name="채용 스크립트")
        response = client.get(ME, headers=bearer(raw))
        assert response.status_code == 200
        body = response.json()
        assert set(body) == FIELDS
        assert (body["id"], body["email"], body["roles"]) == (
            bob.pk,
            "bob@example.com",
            ["employer"],
        )
        token.refresh_from_db()
        assert token.last_used_at is not None

    def test_it_accepts_the_scheme_in_any_case(self, client, bob):
        _token, raw = services.api_token_create(user=bob, name="script")
        assert client.get(ME, headers={"Authorization": f"bearer {raw}"}).status_code == 200


class TestBadCredentials:
    def test_it_answers_anonymous_with_401(self, client, db):
        assert_401(client.get(ME))

    def test_it_answers_a_revoked_token_with_401(self, client, bob):
        token, raw = services.api_token_create(user=bob, name="script")
        services.api_token_revoke(token=token, by=bob)
        assert_401(client.get(ME, headers=bearer(raw)))

    @pytest.mark.parametrize(
        "header",
        [
            "Bearer ilt_this-token-was-never-issued",
            "Bearer ",
            "Bearer",
            "Bearer two tokens",
            # WSGI servers hand headers over as latin-1: UTF-8 bytes arrive like this.
            "Bearer " + "토큰".encode().decode("latin-1"),
            "Bearer \xff\xfe",  # not UTF-8 at all
            "Bearer \x00\x01",
        ],
        ids=["unknown", "empty", "no-token", "two-parts", "hangul", "not-utf8", "control-chars"],
    )
    def test_it_answers_a_bad_token_with_401(self, client, db, header):
        assert_401(client.get(ME, headers={"Authorization": header}))

    def test_it_answers_a_tampered_token_with_401(self, client, bob):
        _token, raw = services.api_token_create(user=bob, name="script")
        assert_401(client.get(ME, headers=bearer(raw[:-1] + ("A" if raw[-1] != "A" else "B"))))

    def test_it_answers_the_token_of_a_deleted_account_with_401(self, client, bob):
        _token, raw = services.api_token_create(user=bob, name="script")
        services.account_delete(user=bob)
        assert_401(client.get(ME, headers=bearer(raw)))

    def test_it_answers_the_token_of_a_deactivated_account_with_401(self, client, bob):
        _token, raw = services.api_token_create(user=bob, name="script")
        bob.is_active = False
        bob.save()
        assert_401(client.get(ME, headers=bearer(raw)))

    def test_a_bad_token_is_not_rescued_by_a_session(self, client, alice):
        client.force_login(alice)
        assert_401(client.get(ME, headers=bearer("ilt_unknown")))

    def test_it_stores_only_a_hash(self, bob):
        token, raw = services.api_token_create(user=bob, name="script")
        stored = ApiToken.objects.filter(pk=token.pk).values().get()
        assert raw not in [str(v) for v in stored.values()]
        assert stored["prefix"] == raw[:10] and len(raw) > 40


class TestLanguageOfErrors:
    def test_it_explains_a_bad_token_in_korean_by_default(self, client, db):
        expected = korean("Invalid or revoked token.")
        assert client.get(ME, headers=bearer("ilt_unknown")).json()["detail"] == expected

    def test_it_explains_a_bad_token_in_english_when_asked(self, client, db):
        response = client.get(ME, headers={**bearer("ilt_unknown"), "Accept-Language": "en"})
        assert response.json()["detail"] == "Invalid or revoked token."

    def test_it_explains_a_missing_login_in_korean(self, client, db):
        assert has_hangul(client.get(ME).json()["detail"])
