"""The live character counter under a long-text field: counts as one types or pastes, says when
the text is over the limit, and the browser keeps every character (nothing is cut)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from tests.jobs.conftest import posting, posting_data, publish, skills  # noqa: F401

from .conftest import DESKTOP, PHONE, log_in, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_counter_counts_and_nothing_is_cut(new_page, posting, alice, viewport, label):  # noqa: F811
    page = new_page(viewport=viewport)
    log_in(page, alice.email)
    page.goto(f"/jobs/{posting.pk}/")
    area = page.locator("textarea[name=cover_letter]")
    counter = page.locator("#id_cover_letter_count")
    assert counter.get_attribute("aria-live") == "polite"
    area.fill("가" * 120)
    expect(counter).to_contain_text("120 / 5,000자")
    area.fill("가" * 6150)  # a paste longer than the limit is kept whole
    expect(counter).to_contain_text("1,150자 깁니다")
    assert area.evaluate("el => el.value.length") == 6150
    assert "1,150자 깁니다" in counter.inner_text()
    assert area.get_attribute("aria-invalid") == "true"
    screenshot(page, f"long-text-counter-{label}")
    assert page.console_errors == []


def test_a_single_line_counter_appears_near_the_limit_and_keeps_a_long_paste(new_page, alice):
    page = new_page(viewport=PHONE)
    log_in(page, alice.email)
    page.goto("/jobs/me/resume/")
    field = page.locator("input[name=address]")
    counter = page.locator("#id_address_count")
    field.fill("서울 종로구")
    page.wait_for_timeout(600)  # the counter updates after a pause in typing
    expect(counter).to_be_hidden()  # a short address: no counter to read
    field.fill("가" * 130)  # a paste over the limit of 100 is kept whole
    expect(counter).to_be_visible()
    expect(counter).to_contain_text("30자 깁니다")
    assert field.evaluate("el => el.value.length") == 130
    assert field.get_attribute("aria-invalid") == "true"
    screenshot(page, "long-text-counter-one-line-phone")
    assert page.console_errors == []
