"""A trainee's certificate in a real browser: list, download, and the public page its QR code opens."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from courses.models import Certificate
from courses.services import attendance_record_bulk, completion_evaluate_run
from tests.courses.completion_helpers import enroll, make_course, make_run, make_skill, meetings
from tests.factories import CenterFactory, make_trainee

from .conftest import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Jewel-Setting-2026!"


@pytest.fixture
def certificate():
    center = CenterFactory(slug="jongno-jewelry", name="종로 주얼리산업지원센터")
    course = make_course(center, title="왁스 카빙과 주조", skills=[(make_skill("왁스 카빙"), 3)])
    run = make_run(course, meetings=3)
    trainee = make_trainee(email="jiwoo@example.com", name="최지우", password=PASSWORD)
    enrollment = enroll(run, trainee)
    for meeting in meetings(run):
        attendance_record_bulk(meeting=meeting, marks={enrollment.pk: "present"}, by=None)
    completion_evaluate_run(
        run_id=run.pk
    )  # no surrounding transaction here: the PDF task runs at once
    return Certificate.objects.get()


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("viewport,label", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_a_trainee_downloads_the_certificate_and_its_link_verifies_it(
    new_page, certificate, viewport, label
):
    page = new_page(viewport)
    _log_in(page, "jiwoo@example.com")

    page.goto("/courses/certificates/")
    assert certificate.serial in page.locator("main").inner_text()
    screenshot(page, f"certificates-mine-{label}")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF 내려받기").click()
    pdf = Path(download.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "최지우" in text

    # The QR code and the printed address carry the same verify URL: open it as a stranger would.
    verify_path = re.search(r"/verify/[A-Za-z0-9_-]+/", re.sub(r"\s+", "", text)).group(0)
    assert verify_path == f"/verify/{certificate.code}/"
    stranger = new_page(viewport)
    stranger.goto(verify_path)
    main = stranger.locator("main").inner_text()
    assert "유효한 수료증입니다" in main
    assert "최*우" in main and "최지우" not in main
    assert stranger.locator("meta[name=robots]").get_attribute("content").startswith("noindex")
    screenshot(stranger, f"certificate-verify-{label}")
    assert not page.console_errors and not stranger.console_errors
