"""Finding a course, enrolling, joining the waitlist and taking an offered seat, in a real browser."""

from __future__ import annotations

import pytest

from courses import services
from courses.models import Enrollment
from tests.courses.factories import CourseFactory, CourseRunFactory, CourseSkillFactory
from tests.factories import CenterFactory, make_trainee

from .conftest import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Wax-Carving-2026!"


@pytest.fixture
def run():
    center = CenterFactory(slug="jongno-jewelry", name="종로 주얼리산업지원센터")
    course = CourseFactory(
        center=center,
        title="왁스 카빙과 주조",
        summary="왁스 원형을 깎아 은으로 주조합니다.",
        description="## 배우는 내용\n\n- 왁스 카빙\n- **원심 주조**",
    )
    CourseSkillFactory(course=course, skill__name="왁스 카빙", level=3)
    return CourseRunFactory(course=course, name="2026년 2기", capacity=1)


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("viewport,label", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_a_trainee_joins_the_waitlist_and_takes_the_seat_when_it_frees(
    new_page, run, viewport, label
):
    first = make_trainee(email="doyun@example.com", name="이도윤", password=PASSWORD)
    make_trainee(email="minji@example.com", name="김민지", password=PASSWORD)
    holder = services.enrollment_create(run=run, user=first)

    page = new_page(viewport)
    page.goto("/courses/?has_seats=")
    page.get_by_role("link", name="왁스 카빙과 주조").click()
    main = page.locator("main").inner_text()
    assert "마감 · 대기 0명" in main and "원심 주조" in main
    screenshot(page, f"course-detail-{label}")

    _log_in(page, "minji@example.com")
    page.goto(f"/courses/{run.course_id}/")
    page.get_by_role("button", name="대기 신청하기").click()
    page.wait_for_load_state()
    assert "대기 1번" in page.locator("main").inner_text()
    screenshot(page, f"my-enrollments-waitlisted-{label}")

    services.enrollment_cancel(enrollment=holder)  # the seat frees: 김민지 is offered it
    page.reload()
    page.get_by_role("button", name="자리 수락").click()
    page.wait_for_load_state()
    assert "자리를 수락했습니다" in page.locator("main").inner_text()
    assert (
        Enrollment.objects.get(user__email="minji@example.com").status
        == Enrollment.Status.CONFIRMED
    )
    screenshot(page, f"my-enrollments-confirmed-{label}")
    assert not page.console_errors
