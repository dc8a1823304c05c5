"""Korean first, English available: the switcher, the cookie, and a person's saved language."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(response) -> str:
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", response.content.decode())
    assert match, "the page has no <html lang>"
    return match.group(1)


class TestLanguage:
    def test_it_speaks_korean_by_default(self, client, db):
        response = client.get(reverse("home"))
        assert response.status_code == 200
        assert html_lang(response) == "ko"
        assert response["Content-Language"] == "ko"

    def test_it_switches_to_english_and_back(self, client, db):
        response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
        assert response.status_code == 302
        assert response["Location"] == "/"
        assert response.cookies[COOKIE].value == "en"
        assert html_lang(client.get(reverse("home"))) == "en"

        client.post(reverse("set_language"), {"language": "ko", "next": "/"})
        assert html_lang(client.get(reverse("home"))) == "ko"

    def test_it_remembers_the_choice_on_the_account(self, client, alice):
        client.force_login(alice)
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        alice.refresh_from_db()
        assert alice.language == "en"

    def test_it_speaks_the_saved_language_on_a_new_device(self, client, alice):
        alice.language = "en"
        alice.save()
        client.force_login(alice)
        assert COOKIE not in client.cookies
        response = client.get(reverse("home"))
        assert html_lang(response) == "en"
        assert response["Content-Language"] == "en"

    def test_the_switcher_wins_over_the_saved_language(self, client, alice):
        alice.language = "en"
        alice.save()
        client.force_login(alice)
        client.cookies[COOKIE] = "ko"
        assert html_lang(client.get(reverse("home"))) == "ko"

    def test_it_ignores_an_unknown_language(self, client, alice):
        client.force_login(alice)
        response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
        assert response.status_code == 302
        alice.refresh_from_db()
        assert alice.language == "ko"
        assert html_lang(client.get(reverse("home"))) == "ko"

    def test_it_does_not_redirect_to_another_site(self, client, db):
        response = client.post(
            reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
        )
        assert response.status_code == 302
        assert "evil.example" not in response["Location"]

    def test_it_only_switches_on_post(self, client, db):
        assert client.get(reverse("set_language"), {"language": "en"}).status_code == 405

    def test_it_translates_an_english_page(self, client, db):
        client.cookies[COOKIE] = "en"
        response = client.get(reverse("account_login"))
        assert response.status_code == 200
        assert html_lang(response) == "en"
        assert "Password" in response.content.decode()

    def test_it_translates_a_korean_page(self, client, db):
        response = client.get(reverse("account_login"))
        assert "비밀번호" in response.content.decode()
