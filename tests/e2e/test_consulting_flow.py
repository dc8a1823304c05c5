"""Consulting in a real browser: a trainee books, reschedules and cancels; a counselor confirms,
writes a note and records an outcome. Skipped with a reason when /usr/bin/chromium is absent."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from consulting.models import Booking, BookingNote, ConsultationType, IntakeQuestion
from consulting.services import booking_create
from tests.consulting.conftest import give_weekly_hours, open_weekday, seoul
from tests.factories import CenterFactory, make_center_member, make_trainee

from .conftest import DESKTOP, PHONE, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Jewel-Setting-2026!"


@pytest.fixture
def setup():
    center = CenterFactory(slug="jongno-jewelry", name="종로 주얼리산업지원센터")
    counselor = make_center_member(
        center, "counselor", email="carol@example.com", name="이캐롤", password=PASSWORD
    )
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
    trainee = make_trainee(email="alice@example.com", name="김앨리스", password=PASSWORD)
    return type_, counselor, trainee


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("viewport,label", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_a_trainee_books_reschedules_and_cancels(new_page, setup, viewport, label):
    type_, counselor, trainee = setup
    page = new_page(viewport)
    page.on("dialog", lambda dialog: dialog.accept())
    _log_in(page, trainee.email)

    page.goto("/consulting/")
    page.get_by_role("link", name="시간 선택").first.click()
    page.locator(".slot label").first.click()
    page.get_by_label("창업 준비 단계는?").fill("아이디어 단계입니다")
    screenshot(page, f"consulting-book-{label}")
    page.get_by_role("button", name="이 시간으로 예약").click()
    page.wait_for_load_state()

    booking = Booking.objects.get(person=trainee)
    assert page.url.endswith(f"/consulting/c/{booking.pk}/")
    assert booking.status == Booking.Status.CONFIRMED
    assert "아이디어 단계입니다" in page.locator("main").inner_text()
    ics = [m for m in mail.outbox if m.to == [trainee.email]][0].attachments[0]
    assert ics[0] == "consultation.ics" and "BEGIN:VEVENT" in ics[1]
    screenshot(page, f"consulting-booked-{label}")

    with page.expect_download() as download:
        page.get_by_role("link", name="캘린더에 추가(.ics)").click()
    assert b"BEGIN:VCALENDAR" in Path(download.value.path()).read_bytes()

    first_start = booking.start
    page.get_by_role("link", name="일정 변경").click()
    page.locator(".slot label").nth(1).click()
    page.get_by_role("button", name="이 시간으로 변경").click()
    page.wait_for_load_state()
    booking.refresh_from_db()
    assert booking.start != first_start and booking.status == Booking.Status.CONFIRMED

    page.get_by_role("button", name="상담 취소").click()
    page.wait_for_load_state()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "취소했습니다" in page.locator("main").inner_text()
    screenshot(page, f"consulting-cancelled-{label}")
    assert not page.console_errors


def test_a_counselor_confirms_writes_a_note_and_records_an_outcome(new_page, setup):
    type_, counselor, trainee = setup
    type_.requires_confirmation = True
    type_.save()
    day = open_weekday()
    question = type_.questions.get()
    request, _ = booking_create(
        person=trainee,
        type_=type_,
        counselor=counselor,
        start=seoul(day, 10),
        answers={str(question.pk): "협동조합 준비"},
    )
    now = timezone.now()
    past = Booking.objects.create(
        center=type_.center,
        type=type_,
        counselor=counselor,
        person=trainee,
        status="confirmed",
        start=now - timedelta(hours=3),
        end=now - timedelta(hours=2),
        blocked_start=now - timedelta(hours=3),
        blocked_end=now - timedelta(hours=2),
    )

    page = new_page(DESKTOP)
    _log_in(page, counselor.email)
    page.goto(f"/consulting/workspace/?view=week&date={day}")
    assert "확정을 기다리는 신청 1건" in page.locator("main").inner_text()
    screenshot(page, "consulting-agenda-desktop")
    page.get_by_role("link", name="김앨리스").first.click()
    screenshot(page, "consulting-request-desktop")
    page.get_by_role("button", name="확정").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == Booking.Status.CONFIRMED

    page.goto(f"/consulting/workspace/{past.pk}/")
    screenshot(page, "consulting-past-desktop")
    page.get_by_role("textbox", name="비공개 메모").fill("사업계획서 초안을 함께 검토함")
    page.get_by_role("button", name="메모 저장").click()
    page.wait_for_load_state()
    assert BookingNote.objects.get(booking=past).text == "사업계획서 초안을 함께 검토함"

    page.get_by_role("combobox", name="성과").select_option("business_registered")
    page.get_by_role("textbox", name="신청자에게 전하는 요약").fill(
        "사업자등록을 마쳤습니다. 다음은 판로 상담입니다."
    )
    page.get_by_role("button", name="성과 저장").click()
    page.wait_for_load_state()
    past.refresh_from_db()
    assert past.status == Booking.Status.COMPLETED and past.outcome == "business_registered"
    screenshot(page, "consulting-workspace-desktop")
    assert not page.console_errors
