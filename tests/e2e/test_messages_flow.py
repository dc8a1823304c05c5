"""Messages in a real browser: the employer writes from the application page and the message
appears without a reload (htmx), a file that only claims to be a PDF is refused in place, the
candidate sees the unread count in the menu, reads, and the employer sees the read receipt.
Korean on a phone and English on a desktop. Skipped with a reason when Chromium is absent."""

from __future__ import annotations

import os

import pytest

from jobs import services
from jobs.models import Message
from tests.jobs.conftest import posting_data, publish

from .conftest import DESKTOP, PHONE, log_in, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = {
    "ko": {
        "button": "지원자와 메시지",
        "send": "보내기",
        "read": "읽음",
        "unread": "아직 읽지 않음",
    },
    "en": {
        "button": "Messages with the candidate",
        "send": "Send",
        "read": "Read",
        "unread": "Not read yet",
    },
}


@pytest.fixture
def application(bob, bob_company, alice, dave):
    posting = services.posting_create(
        company=bob_company, by=bob, data=posting_data(title="귀금속 세공사"), skills=[]
    )
    posting = publish(posting, dave)
    return services.application_create(posting=posting, applicant=alice)


@pytest.mark.parametrize("language,viewport,label", [("ko", PHONE, "390"), ("en", DESKTOP, "1280")])
def test_write_refuse_a_fake_pdf_read_and_see_the_receipt(
    new_page, application, bob, alice, language, viewport, label, tmp_path
):
    words = TEXT[language]
    for person in (bob, alice):
        person.language = language
        person.save(update_fields=["language"])
    locale = "ko-KR" if language == "ko" else "en-US"

    employer = new_page(viewport, locale=locale)
    log_in(employer, bob.email)
    employer.goto(f"/jobs/employer/applications/{application.pk}/")
    employer.get_by_role("link", name=words["button"]).click()
    employer.wait_for_load_state()
    thread_url = employer.url
    employer.evaluate("window.__noReload = true")
    form = employer.locator("#thread form")
    form.locator("textarea[name=body]").fill("내일 오후 2시에 실기 테스트가 가능할까요?")
    form.get_by_role("button", name=words["send"]).click()
    employer.locator(".thread-message--mine").first.wait_for()
    assert employer.evaluate("window.__noReload") is True  # swapped in place, no page load
    assert employer.url == thread_url
    assert words["unread"] in employer.locator(".thread-message--mine").first.inner_text()

    fake = tmp_path / "이력서.pdf"
    fake.write_bytes(b"MZ\x90\x00 a program, not a PDF")
    form = employer.locator("#thread form")
    form.locator("input[name=attachment]").set_input_files(str(fake))
    form.get_by_role("button", name=words["send"]).click()
    employer.locator("#thread .field__errors").wait_for()
    assert "PDF" in employer.locator("#thread .field__errors").inner_text()
    assert employer.evaluate("window.__noReload") is True
    assert Message.objects.count() == 1
    screenshot(employer, f"messages-employer-{language}-{label}")

    candidate = new_page(viewport, locale=locale)
    log_in(candidate, alice.email)
    candidate.goto("/jobs/messages/")
    assert candidate.locator(".nav-count").first.inner_text() == "1"
    candidate.locator(".thread-list__link").first.click()
    candidate.wait_for_load_state()
    assert "실기 테스트" in candidate.locator(".thread-messages").inner_text()
    screenshot(candidate, f"messages-candidate-{language}-{label}")

    employer.reload()
    assert words["read"] in employer.locator(".thread-message--mine").first.inner_text()
    assert words["unread"] not in employer.locator(".thread-message--mine").first.inner_text()
