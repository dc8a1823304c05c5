"""Kakao, Naver and Google login appear only when their keys are configured."""

from __future__ import annotations

import pytest
from django.urls import reverse

from config.settings.base import _social_providers

PROVIDERS = ("google", "kakao", "naver")


def login_page(client) -> str:
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    return response.content.decode()


class TestSocialLogin:
    def test_it_configures_no_provider_without_keys(self, monkeypatch):
        for name in PROVIDERS:
            monkeypatch.delenv(f"{name.upper()}_CLIENT_ID", raising=False)
            monkeypatch.delenv(f"{name.upper()}_CLIENT_SECRET", raising=False)
        assert _social_providers() == {}

    def test_it_configures_a_provider_only_with_both_keys(self, monkeypatch):
        monkeypatch.setenv("KAKAO_CLIENT_ID", "kakao-id")
        monkeypatch.setenv("KAKAO_CLIENT_SECRET", "kakao-secret")
        monkeypatch.setenv("NAVER_CLIENT_ID", "naver-id")  # no secret: not configured
        monkeypatch.delenv("NAVER_CLIENT_SECRET", raising=False)
        monkeypatch.delenv("GOOGLE_CLIENT_ID", raising=False)
        providers = _social_providers()
        assert set(providers) == {"kakao"}
        assert providers["kakao"]["APPS"] == [{"client_id": "kakao-id", "secret": "kakao-secret"}]

    def test_the_login_page_has_no_social_buttons_without_keys(self, client, db, settings):
        settings.SOCIALACCOUNT_PROVIDERS = {}
        page = login_page(client)
        for name in PROVIDERS:
            assert f"/accounts/{name}/login/" not in page

    @pytest.mark.parametrize("name", PROVIDERS)
    def test_the_login_page_offers_a_configured_provider(self, client, db, settings, name):
        settings.SOCIALACCOUNT_PROVIDERS = {
            name: {"APPS": [{"client_id": "id", "secret": "secret"}]}
        }
        page = login_page(client)
        assert f"/accounts/{name}/login/" in page
        others = [other for other in PROVIDERS if other != name]
        assert all(f"/accounts/{other}/login/" not in page for other in others)

    @pytest.mark.parametrize("name", PROVIDERS)
    @pytest.mark.parametrize("path", ["login/", "login/callback/"])
    def test_a_provider_without_keys_answers_404_not_500(self, client, db, settings, name, path):
        settings.SOCIALACCOUNT_PROVIDERS = {}
        assert client.get(f"/accounts/{name}/{path}").status_code == 404
        assert client.post(f"/accounts/{name}/{path}").status_code == 404
