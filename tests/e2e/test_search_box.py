"""The header search box in a real browser: Korean autocomplete by keyboard, then a results
page with highlights and facets. Skipped with a reason when /usr/bin/chromium is absent."""

from __future__ import annotations

import os
import re

import pytest

from tests.search import conftest as search_fixtures

from .conftest import DESKTOP, screenshot

# the search tests' catalog, in this directory too
search_skills = search_fixtures.search_skills
catalog = search_fixtures.catalog
frozen_today = search_fixtures.frozen_today
fresh_breaker = search_fixtures._fresh_breaker

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_autocomplete_follows_an_unfinished_syllable_and_the_keyboard(
    new_page, catalog, frozen_today
):
    page = new_page(DESKTOP)
    page.goto("/")
    box = page.locator("#header-search-input")
    box.press_sequentially("세ㄱ", delay=60)
    option = page.locator("#header-search-listbox [role=option]").first
    option.wait_for()
    assert "귀금속 세공사" in option.inner_text()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    screenshot(page, "search-autocomplete")
    box.press("Enter")
    page.wait_for_url(re.compile(rf"/jobs/{catalog['귀금속 세공사'].pk}/$"))
    assert page.console_errors == []


def test_escape_closes_the_list_and_enter_searches(new_page, catalog, frozen_today):
    page = new_page(DESKTOP)
    page.goto("/")
    box = page.locator("#header-search-input")
    box.press_sequentially("ㅈㅇㄹ", delay=60)
    page.locator("#header-search-listbox [role=option]").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.fill("반지를")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator("mark", has_text="반지").count() > 0
    page.get_by_role("link", name=re.compile("채용|Jobs")).first.wait_for()
    page.goto("/search/jobs/?q=반지를")
    assert page.locator(".search-facet legend").count() >= 3
    screenshot(page, "search-results")
    assert page.console_errors == []
