"""The personal API tokens page: create (shown once), list, revoke."""

from __future__ import annotations

from django.urls import reverse

from accounts import services
from accounts.models import ApiToken, hash_secret
from tests.accounts.utils import form_errors


def create(client, name="출석부 내보내기"):
    return client.post(reverse("settings_tokens"), {"name": name})


class TestTokensPage:
    def test_it_shows_a_new_token_once(self, client, bob):
        client.force_login(bob)
        response = create(client)
        assert response.status_code == 200
        raw = response.context["new_token"]
        assert raw.startswith("ilt_")
        assert raw in response.content.decode()

        token = ApiToken.objects.get(user=bob)
        assert token.name == "출석부 내보내기"
        assert token.token_hash == hash_secret(raw)
        assert raw not in [
            str(v) for v in ApiToken.objects.filter(pk=token.pk).values().get().values()
        ]

        again = client.get(reverse("settings_tokens"))
        assert raw not in again.content.decode()
        assert "출석부 내보내기" in again.content.decode()

    def test_the_new_token_works_on_the_api(self, client, bob):
        client.force_login(bob)
        raw = create(client).context["new_token"]
        client.logout()
        response = client.get("/api/v1/me/", headers={"Authorization": f"Bearer {raw}"})
        assert response.status_code == 200
        assert response.json()["email"] == "bob@example.com"

    def test_it_needs_a_name(self, client, bob):
        client.force_login(bob)
        response = create(client, name="")
        assert response.status_code == 200
        assert form_errors(response, "name")
        assert response.context["new_token"] is None
        assert not ApiToken.objects.exists()

    def test_it_lists_only_my_tokens(self, client, bob, charlie):
        services.api_token_create(user=charlie, name="찰리의 토큰")
        client.force_login(bob)
        response = client.get(reverse("settings_tokens"))
        assert list(response.context["tokens"]) == []
        assert "찰리의 토큰" not in response.content.decode()

    def test_it_revokes(self, client, bob):
        token, raw = services.api_token_create(user=bob, name="script")
        client.force_login(bob)
        response = client.post(reverse("settings_token_revoke", args=[token.pk]))
        assert response.status_code == 302
        token.refresh_from_db()
        assert token.revoked_at is not None
        client.logout()
        assert (
            client.get("/api/v1/me/", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
        )

    def test_it_answers_404_for_someone_elses_token(self, client, bob, charlie):
        token, raw = services.api_token_create(user=charlie, name="찰리의 토큰")
        client.force_login(bob)
        assert client.post(reverse("settings_token_revoke", args=[token.pk])).status_code == 404
        token.refresh_from_db()
        assert token.revoked_at is None

    def test_it_revokes_only_on_post(self, client, bob):
        token, _raw = services.api_token_create(user=bob, name="script")
        client.force_login(bob)
        assert client.get(reverse("settings_token_revoke", args=[token.pk])).status_code == 405
        token.refresh_from_db()
        assert token.revoked_at is None

    def test_it_is_only_for_signed_in_people(self, client, db):
        response = client.get(reverse("settings_tokens"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
