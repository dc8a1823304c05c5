"""Security headers on every kind of response: pages, the API, errors."""

from __future__ import annotations

import pytest
from django.urls import reverse


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/api/v1/centers/",
        "/api/docs/",
        "/this-page-does-not-exist/",
    ],
)
class TestSecurityHeaders:
    def test_it_sends_a_content_security_policy(self, client, db, path):
        directives = csp_directives(client.get(path))
        assert directives["default-src"] == ["'self'"]
        assert "'unsafe-inline'" not in directives["script-src"]
        assert "'unsafe-eval'" not in directives["script-src"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["object-src"] == ["'none'"]

    def test_it_forbids_sniffing_framing_and_leaky_referrers(self, client, db, path):
        response = client.get(path)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"


class TestCookies:
    def test_the_session_cookie_is_http_only_and_same_site(self, client, alice):
        response = client.post(
            reverse("account_login"),
            {"login": "alice@example.com", "password": "correct-horse-battery-9"},
        )
        cookie = response.cookies["sessionid"]
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"
