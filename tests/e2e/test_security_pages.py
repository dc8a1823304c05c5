"""The tokens page of staff (lifetime, expiry, revoke) and the login page once limited."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.e2e.conftest import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in_page(new_page, live_server, user, viewport, locale):
    client = Client()
    client.force_login(user)
    page = new_page(viewport=viewport, locale=locale)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": locale[:2], "url": live_server.url},
        ]
    )
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("locale", ["ko-KR", "en-US"])
def test_staff_see_when_their_token_expires_and_can_revoke_it(
    new_page, live_server, dave, viewport, locale
):
    page = signed_in_page(new_page, live_server, dave, viewport, locale)
    page.goto("/settings/tokens/")
    page.fill("input[name=name]", "출석 스크립트")
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert ("8시간" in text) if locale == "ko-KR" else ("8 hours" in text)
    assert page.locator("#new-token").inner_text().startswith("ilt_")
    screenshot(page, f"security-tokens-{locale}-{viewport['width']}")
    assert not page.console_errors


@pytest.mark.parametrize("locale", ["ko-KR", "en-US"])
def test_a_limited_login_offers_the_emailed_code(new_page, live_server, alice, locale):
    from django.core.cache import cache

    cache.clear()
    page = new_page(viewport=PHONE, locale=locale)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": locale[:2], "url": live_server.url}]
    )
    for password in ["wrong-guess-1"] * 5 + ["correct-horse-battery-9"]:
        page.goto("/accounts/login/")
        form = page.locator("form[action$='/accounts/login/']")
        form.locator("input[name=login]").fill("alice@example.com")
        form.locator("input[name=password]").fill(password)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert ("일회용 코드" in text) if locale == "ko-KR" else ("one-time code" in text)
    assert page.locator("a[href*='/accounts/login/code/']").count() >= 1
    screenshot(page, f"security-login-limited-{locale}-390")
    cache.clear()
