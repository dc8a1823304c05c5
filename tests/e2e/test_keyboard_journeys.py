"""The main journeys with the keyboard alone: Tab to move, Enter or Space to act, arrow keys in
a radio group or a select. Every stop shows a visible focus ring (tests/e2e/keyboard.py), no
element keeps focus after Tab, menus and live updates give focus back where it was, and the
outcome (enrolled, booked, queued) reaches the live region that screen readers announce.

Signing in goes through the login form like anywhere else; the journeys themselves never
click. Korean on a desktop window, the trainee's sign-up also on a phone.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from accounts.models import User
from consulting.models import Booking, ConsultationType, IntakeQuestion
from courses.models import Enrollment
from fairs.models import QueueEntry
from jobs.models import Application
from tests.consulting.conftest import give_weekly_hours
from tests.courses.factories import CourseFactory, CourseRunFactory
from tests.factories import make_center_member
from tests.fairs.conftest import make_booth, make_fair, register
from tests.jobs.conftest import posting, skills  # noqa: F401

from .conftest import DESKTOP, PHONE, log_in
from .keyboard import activate, assert_announced, focused, tab_to, type_into

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Jewel-Setting-2026!"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_trainee_signs_up_with_the_keyboard(new_page, viewport):
    page = new_page(viewport)
    page.goto("/accounts/signup/")
    type_into(page, "input[name=email]", "keyboard@example.com")
    type_into(page, "input[name=password1]", PASSWORD)
    type_into(page, "input[name=password2]", PASSWORD)
    type_into(page, "input[name=name]", "한키보")
    type_into(page, "input[name=phone]", "010-2345-6789")
    # A radio group is one Tab stop; the arrow keys choose within it.
    tab_to(page, "input[name=account_type]:checked, input[name=account_type]")
    if page.locator("input[name=account_type][value=trainee]:checked").count() == 0:
        page.keyboard.press("ArrowDown")
    assert page.locator("input[name=account_type][value=trainee]").is_checked()
    activate(page, "input[name=consent_terms]", "Space")
    activate(page, "input[name=consent_privacy]", "Space")
    activate(page, "form[action$='/accounts/signup/'] button[type=submit]", navigates=True)
    page.wait_for_url("**/accounts/confirm-email/**")
    user = User.objects.get(email="keyboard@example.com")
    assert user.name == "한키보" and user.phone == "010-2345-6789"


def test_the_user_menu_opens_closes_with_escape_and_gives_focus_back(new_page, alice):
    page = new_page(DESKTOP)
    log_in(page, alice.email)
    page.goto("/")
    summary = "details.user-menu > summary"
    activate(page, summary)
    assert page.locator("details.user-menu").evaluate("d => d.open")
    tab_to(page, "details.user-menu a >> nth=0")  # into the menu, focus visible there too
    page.keyboard.press("Escape")
    assert not page.locator("details.user-menu").evaluate("d => d.open")
    assert page.locator(summary).evaluate("el => el === document.activeElement")
    assert focused(page)["visible"]


def test_a_trainee_enrolls_with_the_keyboard(new_page, center, alice):
    course = CourseFactory(center=center, title="왁스 카빙과 주조")
    run = CourseRunFactory(course=course, name="2026년 2기", capacity=5)
    page = new_page(DESKTOP)
    log_in(page, alice.email)
    page.goto("/courses/")
    activate(page, "main a:has-text('왁스 카빙과 주조')")
    page.wait_for_url(f"**/courses/{course.pk}/**")
    activate(page, f"form[action$='/runs/{run.pk}/enroll/'] button[type=submit]", navigates=True)
    assert Enrollment.objects.get(user=alice, run=run).status == Enrollment.Status.CONFIRMED
    assert_announced(page)
    assert page.locator("main").get_by_text("2026년 2기").first.is_visible()


def test_a_trainee_books_a_consultation_with_the_keyboard(new_page, center, alice):
    counselor = make_center_member(center, "counselor", email="carol@example.com", name="이캐롤")
    give_weekly_hours(counselor)
    type_ = ConsultationType.objects.create(
        center=center,
        category="startup",
        name="주얼리 창업 상담",
        name_en="Jewelry startup consultation",
        duration_minutes=60,
        min_notice_hours=24,
        horizon_days=60,
    )
    type_.counselors.add(counselor)
    IntakeQuestion.objects.create(type=type_, text="창업 준비 단계는?", required=True)

    page = new_page(DESKTOP)
    log_in(page, alice.email)
    page.goto("/consulting/")
    activate(page, "main a:has-text('시간 선택')")
    page.wait_for_load_state()
    tab_to(page, ".slot input[type=radio]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # the next time in the group: arrow keys move the choice
    chosen = page.locator(".slot input[type=radio]:checked")
    assert chosen.count() == 1
    chosen_value = chosen.get_attribute("value")
    type_into(page, "form[method=post] textarea", "아이디어 단계입니다")
    activate(page, "form[method=post] button.btn--primary[type=submit]")
    page.wait_for_url("**/consulting/c/**")
    booking = Booking.objects.get(person=alice)
    assert booking.status == Booking.Status.CONFIRMED
    assert_announced(page)
    assert chosen_value and booking.pk
    assert "아이디어 단계입니다" in page.locator("main").inner_text()


def test_a_trainee_applies_and_the_employer_moves_the_application_with_the_keyboard(
    new_page,
    alice,
    bob,
    posting,  # noqa: F811
):
    page = new_page(DESKTOP)
    log_in(page, alice.email)
    page.goto(f"/jobs/{posting.pk}/")
    type_into(page, "textarea[name=cover_letter]", "왁스 카빙 과정을 수료했습니다.")
    activate(page, "form[action$='/apply/'] button[type=submit]", navigates=True)
    application = Application.objects.get(posting=posting, applicant=alice)
    assert application.cover_letter == "왁스 카빙 과정을 수료했습니다."

    page = new_page(DESKTOP)
    log_in(page, bob.email)
    page.goto(f"/jobs/employer/postings/{posting.pk}/board/")
    select = f"#move-{application.pk}"
    tab_to(page, select)
    # A closed select changes its value with the arrow keys; pick the interview stage.
    for _ in range(10):
        if page.locator(select).input_value() == "interview":
            break
        page.keyboard.press("ArrowDown")
    assert page.locator(select).input_value() == "interview"
    page.keyboard.press("Tab")  # the Move button right after it
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector("#board-status:not(:empty)")  # htmx answered, no reload
    application.refresh_from_db()
    assert application.status == "interview"
    # The board was redrawn: focus is given back to the moved card's control, not lost.
    expect(page.locator(select)).to_be_focused()
    assert focused(page)["visible"]


def test_a_trainee_joins_a_fair_queue_with_the_keyboard(new_page, center, alice, bob, posting):  # noqa: F811
    fair = make_fair(center)
    booth = make_booth(fair, posting.company, reps=[bob], postings=[posting])
    register(fair, alice)
    page = new_page(DESKTOP)
    log_in(page, alice.email)
    page.goto(f"/fairs/booths/{booth.pk}/")
    activate(page, f"form[action='/fairs/booths/{booth.pk}/queue/'] button", navigates=True)
    assert QueueEntry.objects.filter(attendee=alice, booth=booth).exists()
    assert_announced(page)
    assert page.locator("#queue-box").get_by_role("button", name="대기열 나가기").count() == 1
