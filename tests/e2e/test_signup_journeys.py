"""Sign-up journeys in a real browser: trainee and employer, Korean and English, phone and desktop."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import Company, User
from tests.factories import valid_brn

from .conftest import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Jewel-Setting-2026!"


def _signup(
    page, *, email: str, name: str, account_type: str, company: str = "", brn: str = ""
) -> None:
    page.goto("/accounts/signup/")
    form = page.locator("form[action$='/accounts/signup/']")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=phone]").fill("010 2345 6789")
    form.locator(f"input[name=account_type][value={account_type}]").check()
    if account_type == "employer":
        form.locator("input[name=company_name]").fill(company)
        form.locator("input[name=brn]").fill(brn)
    form.locator("input[name=consent_terms]").check()
    form.locator("input[name=consent_privacy]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _confirmation_link(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    match = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0)


def _confirm_email(page, email: str) -> None:
    link = _confirmation_link(email)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _log_out(page) -> None:
    page.goto("/accounts/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _switch_language(page, code: str) -> None:
    page.locator(f"form.lang-switch button[value={code}]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("viewport,label", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_a_trainee_signs_up_verifies_logs_in_and_switches_language(new_page, viewport, label):
    page = new_page(viewport=viewport)
    email = f"minji.{label}@example.com"

    page.goto("/accounts/signup/")
    assert page.locator("html").get_attribute("lang") == "ko"
    screenshot(page, f"signup-ko-{label}")

    _signup(page, email=email, name="김민지", account_type="trainee")
    # Mandatory verification: the person is told to check their inbox, and cannot log in yet.
    assert "/accounts/confirm-email/" in page.url
    screenshot(page, f"verification-sent-ko-{label}")
    user = User.objects.get(email=email)
    assert user.is_trainee and user.phone == "010-2345-6789"

    _log_in(page, email)
    assert "/dashboard/" not in page.url

    _confirm_email(page, email)
    _log_out(page)
    _log_in(page, email)
    assert "/dashboard/trainee/" in page.url
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert "김민지" in page.content()
    screenshot(page, f"dashboard-trainee-ko-{label}")

    _switch_language(page, "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "/dashboard/trainee/" in page.url
    assert "Hello" in page.get_by_role("heading", level=1).first.inner_text()
    screenshot(page, f"dashboard-trainee-en-{label}")
    user.refresh_from_db()
    assert user.language == "en"

    _switch_language(page, "ko")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "Hello" not in page.get_by_role("heading", level=1).first.inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize("viewport,label", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_an_employer_signs_up_with_a_company_that_awaits_verification(new_page, viewport, label):
    page = new_page(viewport=viewport, locale="en-US")
    email = f"hr.{label}@sewoon-jewelry.example"
    brn = valid_brn(4242 if label == "phone" else 4343)

    page.goto("/accounts/signup/")
    _switch_language(page, "en")
    assert page.locator("html").get_attribute("lang") == "en"

    # A wrong check digit is refused with a message in English, and nothing is created.
    bad_brn = brn[:9] + str((int(brn[9]) + 1) % 10)
    _signup(
        page,
        email=email,
        name="Park Seoyeon",
        account_type="employer",
        company="Sewoon Jewelry",
        brn=bad_brn,
    )
    assert "check digit" in page.content()
    assert not User.objects.filter(email=email).exists()
    screenshot(page, f"signup-employer-bad-brn-en-{label}")

    _signup(
        page,
        email=email,
        name="Park Seoyeon",
        account_type="employer",
        company="Sewoon Jewelry",
        brn=brn,
    )
    company = Company.objects.get(brn=brn)
    assert company.status == Company.Status.PENDING

    _confirm_email(page, email)
    _log_out(page)
    _log_in(page, email)
    assert "/dashboard/employer/" in page.url
    assert page.get_by_text("Awaiting verification", exact=False).first.is_visible()
    assert "Sewoon Jewelry" in page.content()
    screenshot(page, f"dashboard-employer-pending-en-{label}")

    _switch_language(page, "ko")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert not page.get_by_text("Awaiting verification", exact=False).count()
    screenshot(page, f"dashboard-employer-pending-ko-{label}")
    assert page.console_errors == []
