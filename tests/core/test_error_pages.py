"""Error pages: HTML for people in their language, the one JSON format under /api/."""

from __future__ import annotations

import pytest
from django.conf import settings


class TestErrorPages:
    def test_it_answers_an_unknown_page_with_the_404_page(self, client, db):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")
        assert '<html lang="ko"' in response.content.decode()

    def test_it_answers_in_english_when_chosen(self, client, db):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert '<html lang="en"' in response.content.decode()

    @pytest.mark.urls("tests.core.urls_with_echo")
    def test_it_answers_a_crash_with_the_500_page(self, client, db):
        client.raise_request_exception = False
        response = client.get("/boom/")
        assert response.status_code == 500
        assert response["Content-Type"].startswith("text/html")

    @pytest.mark.urls("tests.core.urls_with_echo")
    def test_it_answers_an_api_crash_in_the_error_format(self, client, db):
        client.raise_request_exception = False
        response = client.get("/api/v1/boom/")
        assert response.status_code == 500
        body = response.json()
        assert set(body) == {"detail", "errors"}
        assert "a bug" not in body["detail"]  # nothing internal leaks
