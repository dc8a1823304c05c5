"""The résumé editor in a real browser, Korean and English, phone and desktop: add a licence,
see a date error on its field, watch the introduction's counter refuse rather than cut, upload
a photo, and preview the 이력서 before applying. Screenshots in test-artifacts/screenshots/."""

from __future__ import annotations

import os

import pytest

from jobs import services
from jobs.models import License
from tests.jobs.conftest import posting_data, publish

from .conftest import DESKTOP, PHONE, log_in, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def posting(bob, bob_company, dave):
    draft = services.posting_create(
        company=bob_company, by=bob, data=posting_data(title="보석 감정 보조"), skills=[]
    )
    return publish(draft, dave)


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("viewport,label", [(PHONE, "390"), (DESKTOP, "1280")])
def test_edit_and_preview_the_resume(new_page, alice, posting, viewport, label, language, tmp_path):
    from tests.jobs.test_resume import full_resume, jpeg_with_exif

    alice.language = language
    alice.save(update_fields=["language"])
    full_resume(alice)
    name = f"{language}-{label}"
    page = new_page(viewport, locale="ko-KR" if language == "ko" else "en-US")
    log_in(page, alice.email)
    page.goto("/jobs/me/resume/")
    assert page.locator("h1").inner_text() == ("내 이력서" if language == "ko" else "My résumé")
    screenshot(page, f"resume-1-editor-{name}")

    # A licence dated tomorrow is refused on its field; the rest of the form stays filled in.
    licences = page.locator("#licenses details")
    licences.locator("summary").click()
    licences.locator("input[name=licenses-name]").fill("귀금속가공기능사")
    licences.locator("input[name=licenses-issuer]").fill("한국산업인력공단")
    licences.locator("input[name=licenses-acquired_on]").fill("2099-01-01")
    licences.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#licenses details[open]").is_visible()
    error = "미래의 날짜" if language == "ko" else "in the future"
    assert page.get_by_text(error).first.is_visible()
    screenshot(page, f"resume-2-date-error-{name}")
    page.locator("#licenses input[name=licenses-acquired_on]").fill("2024-06-28")
    page.locator("#licenses details button[type=submit]").click()
    page.wait_for_load_state()
    assert License.objects.filter(profile__user=alice, name="귀금속가공기능사").exists()

    # The introduction counts characters and says when it is over the limit; the field is not cut.
    intro = page.locator("textarea[name=introduction]")
    intro.fill("가" * 1005)
    assert intro.input_value() == "가" * 1005
    page.wait_for_selector("#id_introduction_count.field__count--over")  # after a short pause
    counter = page.locator("#id_introduction_count")
    assert "5" in counter.inner_text() and "1,000" in counter.inner_text()
    intro.scroll_into_view_if_needed()
    screenshot(page, f"resume-3-counter-{name}")

    # A new photo (a phone picture with EXIF) replaces the old one.
    photo = tmp_path / "me.jpg"
    photo.write_bytes(jpeg_with_exif((1200, 1600)))
    page.goto("/jobs/me/resume/")
    page.locator("input[name=photo]").set_input_files(str(photo))
    page.locator("form[action$='/me/resume/photo/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".resume-photo__frame img").is_visible()

    # From the apply form: the HTML preview, then back to the posting. (The refused form above
    # answered 400 on purpose; from here on the console must stay clean.)
    page.console_errors.clear()
    page.goto(f"/jobs/{posting.pk}/")
    page.locator(f"a[href='/jobs/me/resume/preview/?posting={posting.pk}']").click()
    page.wait_for_load_state()
    assert page.locator(".resume-doc").is_visible()
    assert page.get_by_text("보석감정기능사").first.is_visible()
    assert page.get_by_text("한국산업인력공단").first.is_visible()
    screenshot(page, f"resume-4-preview-{name}")
    assert not page.console_errors, page.console_errors
    page.locator(f"a[href='/jobs/{posting.pk}/#apply-title']").click()
    page.wait_for_load_state()
    assert page.locator("#apply-title").is_visible()
