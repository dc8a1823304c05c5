"""Jobs in a real browser: an employer posts a job that staff approve; a trainee sees it recommended
with the missing skill's course, applies with a PDF and follows the application through the pipeline.
Skipped with a reason when /usr/bin/chromium is absent."""

from __future__ import annotations

import os

import pytest

from jobs import services
from jobs.models import Application, Posting
from tests.courses.factories import CourseFactory, CourseRunFactory, CourseSkillFactory
from tests.jobs.conftest import give_skill

from .conftest import DESKTOP, PHONE, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-9"  # tests.factories.UserFactory's default
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.fixture
def catalog(center):
    from skills.models import Skill, SkillCategory

    category = SkillCategory.objects.create(slug="making", name="제조·가공", name_en="Making")
    cad = Skill.objects.create(category=category, name="주얼리 CAD", name_en="Jewelry CAD")
    printing = Skill.objects.create(category=category, name="3D 프린팅", name_en="3D printing")
    course = CourseFactory(
        center=center, title="3D 프린팅 실무", title_en="3D printing in practice"
    )
    CourseSkillFactory(course=course, skill=printing, level=3)
    CourseRunFactory(course=course)
    return cad, printing


@pytest.mark.parametrize("viewport,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_post_approve_recommend_apply_and_follow(
    new_page, alice, bob, bob_company, dave, catalog, viewport, label
):
    cad, printing = catalog
    give_skill(alice, cad, 4, source="verified")

    # The employer writes a draft with required and preferred skills and submits it.
    page = new_page(viewport)
    _log_in(page, bob.email)
    page.goto(f"/jobs/employer/postings/new/?company={bob_company.pk}")
    page.fill("input[name=title]", "주얼리 CAD 디자이너")
    page.fill("textarea[name=description]", "Rhino로 반지를 설계합니다.")
    page.select_option("select[name=required_skills]", [str(cad.pk)])
    page.select_option("select[name=preferred_skills]", [str(printing.pk)])
    page.fill("input[name=salary_min]", "32000000")
    page.fill("input[name=salary_max]", "42000000")
    page.get_by_role("button", name="임시 저장").click()
    page.get_by_role("button", name="검토 요청").click()
    page.wait_for_load_state()
    posting = Posting.objects.get(company=bob_company)
    assert posting.status == "pending"
    screenshot(page, f"jobs-employer-submitted-{label}")

    # Center staff approve (their pages need MFA; the review page itself is covered in tests/jobs).
    services.posting_approve(posting=posting, by=dave)

    # The trainee sees it recommended, with the course that teaches the missing preferred skill.
    page = new_page(viewport)
    _log_in(page, alice.email)
    page.goto("/jobs/me/recommendations/")
    assert page.get_by_text("주얼리 CAD 디자이너").first.is_visible()
    assert page.get_by_text("3D 프린팅 실무").first.is_visible()
    screenshot(page, f"jobs-recommendations-{label}")
    page.get_by_role("link", name="주얼리 CAD 디자이너").first.click()
    page.wait_for_load_state()
    assert page.locator(".match-score").is_visible()
    page.fill("textarea[name=cover_letter]", "CAD 과정을 수료했습니다.")
    page.set_input_files(
        "input[name=resume_file]",
        files=[{"name": "이력서.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.get_by_role("button", name="지원서 보내기").click()
    page.wait_for_load_state()
    application = Application.objects.get(posting=posting, applicant=alice)
    assert application.resume_filename == "이력서.pdf"
    screenshot(page, f"jobs-applied-{label}")

    # The employer moves the application on the board; the trainee sees the new status.
    page = new_page(viewport)
    _log_in(page, bob.email)
    page.goto(f"/jobs/employer/postings/{posting.pk}/board/")
    page.select_option(f"#move-{application.pk}", "interview")
    page.locator(f"#move-{application.pk} ~ button").click()
    page.wait_for_selector("#board-status:not(:empty)")  # htmx answered, no reload
    application.refresh_from_db()
    assert application.status == "interview"
    page.goto(f"/jobs/employer/postings/{posting.pk}/board/")
    screenshot(page, f"jobs-board-{label}")

    page = new_page(viewport)
    _log_in(page, alice.email)
    page.goto(f"/jobs/me/applications/{application.pk}/")
    assert page.get_by_text("면접").first.is_visible()
    screenshot(page, f"jobs-my-application-{label}")
