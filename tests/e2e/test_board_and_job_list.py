"""The applicant board and the job list in a real browser, Korean and English, 390 and 1280 px:
nothing overflows the page; a card moves by dragging and by the keyboard control without a
reload; a refused drag (취업) says why and the card goes back; the skill chip picker works
with the keyboard; a bookmark toggles with htmx. Skipped when /usr/bin/chromium is absent."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from jobs import services
from jobs.models import Application, Bookmark
from tests.factories import make_trainee
from tests.jobs.conftest import give_skill, posting_data, publish, skills  # noqa: F401

from .conftest import DESKTOP, PHONE, log_in, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FITS_JS = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def board(bob, bob_company, alice, dave, skills):  # noqa: F811 (the jobs fixture)
    posting = services.posting_create(
        company=bob_company,
        by=bob,
        data=posting_data(title="귀금속 세공사 (경력 3년 이상, 왁스 카빙·보석 세팅 가능자)"),
        skills=[
            {"skill": skills["Wax carving"].pk, "kind": "required", "min_level": 3},
            {"skill": skills["Stone setting"].pk, "kind": "required", "min_level": 2},
        ],
    )
    posting = publish(posting, dave)
    give_skill(alice, skills["Wax carving"], 4)
    applications = [services.application_create(posting=posting, applicant=alice)]
    for number, name in enumerate(["이서연", "Christopher Montgomery-Williamson", "박지훈"]):
        trainee = make_trainee(email=f"t{number}@example.com", name=name)
        applications.append(services.application_create(posting=posting, applicant=trainee))
    services.application_set_status(application=applications[2], status="interview", by=bob)
    return posting, applications


def set_language(people, language):
    for person in people:
        person.language = language
        person.save(update_fields=["language"])


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("viewport,label", [(PHONE, "390"), (DESKTOP, "1280")])
def test_the_board_fits_and_moves_cards_by_keyboard(
    new_page, board, bob, viewport, label, language
):
    posting, applications = board
    set_language([bob], language)
    page = new_page(viewport, locale="ko-KR" if language == "ko" else "en-US")
    log_in(page, bob.email)
    page.goto(f"/jobs/employer/postings/{posting.pk}/board/")
    assert page.evaluate(FITS_JS), page.evaluate("document.documentElement.scrollWidth")
    fit = page.locator(f"#card-{applications[0].pk} .fit-score").inner_text()
    assert any(ch.isdigit() for ch in fit) and "/100" in fit  # alice holds one required skill
    screenshot(page, f"board-{language}-{label}")

    # The keyboard control: focus the select, choose a stage, press the button.
    page.evaluate("window.__reloaded = false")
    select = page.locator(f"#move-{applications[1].pk}")
    select.focus()
    select.select_option("screening")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    status = page.locator("#board-status")
    status.locator(".alert--success").wait_for()
    assert page.evaluate("window.__reloaded") is False  # no full reload: the flag survived
    column = page.locator("ul.board__cards[data-status=screening]")
    assert column.locator(f"#card-{applications[1].pk}").count() == 1
    # focus comes back to the moved card's select (board.js, once the board's swap has loaded)
    expect(page.locator(f"#move-{applications[1].pk}")).to_be_focused()
    applications[1].refresh_from_db()
    assert applications[1].status == "screening"
    assert page.evaluate(FITS_JS)

    if viewport == PHONE:
        # The stage picker shows one stage at a time on a phone, and all again.
        page.locator(".board__stages a[data-stage=interview]").click()
        assert page.locator("section.board__column[data-stage=interview]").is_visible()
        assert page.locator("section.board__column[data-stage=submitted]").is_hidden()
        assert page.evaluate("document.activeElement.id") == "col-interview"
        screenshot(page, f"board-stage-picker-{language}-390")
        page.locator(".board__stages a[data-stage='']").click()
        assert page.locator("section.board__column[data-stage=submitted]").is_visible()
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("language", ["ko", "en"])
def test_drag_and_drop_moves_a_card_and_a_refused_drop_goes_back(new_page, board, bob, language):
    posting, applications = board
    set_language([bob], language)
    page = new_page(DESKTOP, locale="ko-KR" if language == "ko" else "en-US")
    log_in(page, bob.email)
    page.goto(f"/jobs/employer/postings/{posting.pk}/board/")
    page.evaluate("window.__reloaded = false")

    def drag(application, status):
        card = page.locator(f"#card-{application.pk} > p.small")
        target = page.locator(f"ul.board__cards[data-status={status}]")
        box, goal = card.bounding_box(), target.bounding_box()
        page.mouse.move(box["x"] + 20, box["y"] + box["height"] / 2)
        page.mouse.down()
        steps = 12
        for i in range(1, steps + 1):
            page.mouse.move(
                box["x"] + 20 + (goal["x"] + 30 - box["x"] - 20) * i / steps,
                box["y"] + (goal["y"] + 20 - box["y"]) * i / steps,
            )
        # rest over the target a moment, as a hand does, before letting go
        for nudge in (1, 2, 3):
            page.mouse.move(goal["x"] + 30 + nudge, goal["y"] + 20 + nudge)
            page.wait_for_timeout(60)
        page.mouse.up()

    drag(applications[0], "offer")
    page.locator("#board-status .alert--success").wait_for()
    applications[0].refresh_from_db()
    assert applications[0].status == "offer", page.locator("#board-status").inner_text()
    assert page.locator(f"ul.board__cards[data-status=offer] #card-{applications[0].pk}").count()

    # 취업 needs an accepted offer: the drop is refused, the message shown, the card back.
    drag(applications[3], "hired")
    error = page.locator("#board-status .alert--error")
    error.wait_for()
    assert ("채용 제안" if language == "ko" else "offer") in error.inner_text()
    assert page.locator(
        f"ul.board__cards[data-status=submitted] #card-{applications[3].pk}"
    ).count()
    assert Application.objects.get(pk=applications[3].pk).status == "submitted"
    assert page.evaluate("window.__reloaded") is False
    screenshot(page, f"board-refused-{language}-1280")
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("viewport,label", [(PHONE, "390"), (DESKTOP, "1280")])
def test_the_job_list_fits_and_its_chip_picker_and_bookmark_work(
    new_page, board, alice, viewport, label, language
):
    posting, _applications = board
    set_language([alice], language)
    page = new_page(viewport, locale="ko-KR" if language == "ko" else "en-US")
    log_in(page, alice.email)
    page.goto("/jobs/")
    assert page.evaluate(FITS_JS), page.evaluate("document.documentElement.scrollWidth")
    assert page.locator(".d-day").first.inner_text().strip() == "D-30"

    # The chip picker: type, arrow down, Enter; the hidden select carries the choice.
    combo = page.locator("#id_skills_search")
    assert combo.get_attribute("role") == "combobox"
    assert page.locator("select#id_skills").is_hidden()
    combo.focus()
    combo.type("왁스" if language == "ko" else "wax")
    page.keyboard.press("Enter")
    chips = page.locator(".chip-picker__chip")
    assert chips.count() == 1
    assert page.locator("select#id_skills option:checked").count() == 1
    screenshot(page, f"job-list-{language}-{label}")
    # Backspace on the empty input removes it again; add it back and search.
    page.keyboard.press("Backspace")
    assert chips.count() == 0
    combo.type("왁스" if language == "ko" else "wax")
    page.keyboard.press("Enter")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "skills=" in page.url
    assert page.locator(".chip-picker__chip").count() == 1  # the choice survives the reload

    # Bookmark with htmx: the button flips without a reload.
    page.evaluate("window.__reloaded = false")
    button = page.locator(".bookmark__button").first
    button.click()
    page.locator('.bookmark__button[aria-pressed="true"]').first.wait_for()
    assert page.evaluate("window.__reloaded") is False
    assert Bookmark.objects.filter(user=alice, posting=posting).exists()
    page.goto("/jobs/me/bookmarks/")
    assert page.evaluate(FITS_JS)
    screenshot(page, f"bookmarks-{language}-{label}")
    assert not page.console_errors, page.console_errors
