"""A job fair in a real browser (Korean and English, phone and desktop).

An attendee registers, browses the lobby, books an interview, queues at two booths, is
called at one and held at the other, chats, and sees the next step become an
application; a representative runs the queue from the console; staff run a draw,
watch the analytics and download the report. The live server here is WSGI, so the
pages run on their polling fallback (the WebSocket path is tested in tests/fairs).
Screenshots of the lobby, booth, queue and staff analytics go to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from core.seeding import totp_code
from fairs.models import Conversation, Draw, Interview
from jobs.models import Application
from tests.fairs.conftest import make_booth, make_fair, make_slot, register, seoul, tomorrow
from tests.jobs.conftest import posting, skills  # noqa: F401, F811

from .conftest import DESKTOP, PHONE, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-9"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # tests.factories.add_totp


def _log_in(page, email: str, *, totp: bool = False) -> None:
    page.goto("/accounts/login/")
    form = page.locator("form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if totp:
        page.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
        page.locator("form:has(input[name=code]) button.btn--primary[type=submit]").click()
        page.wait_for_load_state()


def _speak(user, language):
    user.language = language
    user.save(update_fields=["language"])


@pytest.fixture
def fair_setup(center, bob, bob_company, charlie, posting):  # noqa: F811
    fair = make_fair(center)
    booth = make_booth(fair, bob_company, reps=[bob], postings=[posting])
    other = make_booth(fair, charlie.company_memberships.get().company, reps=[charlie])
    slot = make_slot(booth, bob, seoul(tomorrow(), 10))
    return fair, booth, other, slot


@pytest.mark.parametrize(
    "viewport,label,language", [(DESKTOP, "desktop", "ko"), (PHONE, "phone", "en")]
)
def test_the_fair_day_from_registration_to_application(
    new_page, alice, bob, charlie, dave, fair_setup, viewport, label, language
):
    fair, booth, other, slot = fair_setup
    for person in (alice, bob, charlie, dave):
        _speak(person, language)
    locale = "ko-KR" if language == "ko" else "en-US"
    shot = f"{language}-{label}"

    # The attendee registers, agreeing that a booth may turn a chat into an application.
    page = new_page(viewport, locale=locale)
    _log_in(page, alice.email)
    page.goto(f"/fairs/{fair.pk}/")
    page.locator("input[name=consent_to_apply]").check()
    page.locator(f"form[action='/fairs/{fair.pk}/register/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#booth-cards").get_by_text(booth.company.name).count() >= 1
    screenshot(page, f"fairs-lobby-{shot}")

    # Books an interview at bob's booth.
    page.goto(f"/fairs/booths/{booth.pk}/")
    screenshot(page, f"fairs-booth-{shot}")
    page.locator(f"form[action='/fairs/booths/{booth.pk}/interviews/'] button").first.click()
    page.wait_for_load_state()
    assert Interview.objects.filter(attendee=alice, slot=slot, status="booked").exists()

    # Queues at both booths.
    for b in (booth, other):
        page.goto(f"/fairs/booths/{b.pk}/")
        page.locator(f"form[action='/fairs/booths/{b.pk}/queue/'] button").click()
        page.wait_for_load_state()
    page.goto(f"/fairs/{fair.pk}/me/")
    screenshot(page, f"fairs-queue-{shot}")

    # Bob calls the next person from his console.
    rep = new_page(viewport, locale=locale)
    _log_in(rep, bob.email)
    rep.goto(f"/fairs/booths/{booth.pk}/console/")
    rep.locator(f"form[action='/fairs/booths/{booth.pk}/call-next/'] button").click()
    rep.wait_for_load_state()
    screenshot(rep, f"fairs-console-{shot}")

    # Alice's page hears of the call (polling fallback) and she starts the conversation.
    accept = page.locator("form[action$='/accept/'] button")
    accept.wait_for(timeout=15_000)
    accept.click()
    page.wait_for_url("**/fairs/conversations/**")
    page.locator("textarea[name=body]").fill("안녕하세요, 세공 직무에 관심 있습니다.")
    page.locator("form[data-chat-form] button[type=submit]").click()
    rep.goto(page.url.replace(page.url.split("/fairs/")[0], ""))
    rep.get_by_text("세공 직무에 관심").wait_for(timeout=15_000)

    # Meanwhile her place at charlie's booth is held, not lost.
    held = new_page(viewport, locale=locale)
    _log_in(held, alice.email)
    held.goto(f"/fairs/{fair.pk}/me/")
    assert held.locator(".badge--warning").count() >= 1

    # Bob ends it and records "interview": it becomes an application.
    conversation = Conversation.objects.get(attendee=alice, booth=booth)
    rep.locator(f"form[action='/fairs/conversations/{conversation.pk}/end/'] button").click()
    rep.wait_for_load_state()
    rep.locator("input[name=step][value=interview]").check()
    rep.locator(f"form[action='/fairs/conversations/{conversation.pk}/next-step/'] button").click()
    rep.wait_for_load_state()
    application = Application.objects.get(applicant=alice)
    assert application.status == "interview"
    held.goto(f"/fairs/{fair.pk}/me/")
    assert held.get_by_text(application.posting.title).count() >= 1
    assert page.console_errors == [] or all(
        "ws://" in e or "WebSocket" in e for e in page.console_errors
    )

    # Staff run a draw for another fair, watch this fair's analytics and download the report.
    now = timezone.now()
    draw_fair = make_fair(
        fair.center,
        title="추첨 박람회",
        release="draw",
        request_window_opens_at=now - dt.timedelta(days=1),
        slots_open_at=now - dt.timedelta(minutes=5),
    )
    draw_booth = make_booth(draw_fair, booth.company, reps=[bob])
    make_slot(draw_booth, bob, seoul(tomorrow(), 15))
    register(draw_fair, alice).draw_requests.create(booth=draw_booth, rank=1)
    staff = new_page(viewport, locale=locale)
    _log_in(staff, dave.email, totp=True)
    staff.goto(f"/fairs/staff/{draw_fair.pk}/")
    staff.locator("input[name=seed]").fill("jongno-2026")
    staff.locator(f"form[action='/fairs/staff/{draw_fair.pk}/draw/'] button").click()
    staff.wait_for_load_state()
    assert Draw.objects.get(fair=draw_fair).seed == "jongno-2026"
    assert staff.get_by_text("jongno-2026").count() >= 1
    staff.goto(f"/fairs/staff/{fair.pk}/")
    assert staff.locator("svg.chart").count() == 4
    screenshot(staff, f"fairs-staff-analytics-{shot}")
    with staff.expect_download() as download:
        staff.locator(f"a[href='/fairs/staff/{fair.pk}/report.pdf']").click()
    assert download.value.suggested_filename.endswith(".pdf")


@pytest.mark.parametrize(
    "viewport,label,language", [(PHONE, "phone", "ko"), (DESKTOP, "desktop", "en")]
)
def test_fair_pages_in_the_other_language_and_size(
    new_page, alice, dave, fair_setup, viewport, label, language
):
    fair, booth, other, slot = fair_setup
    for person in (alice, dave):
        _speak(person, language)
    register(fair, alice)
    from fairs import services

    services.queue_join(booth=booth, attendee=alice)
    services.queue_join(booth=other, attendee=alice)
    locale = "ko-KR" if language == "ko" else "en-US"
    shot = f"{language}-{label}"
    page = new_page(viewport, locale=locale)
    _log_in(page, alice.email)
    for path, name in (
        (f"/fairs/{fair.pk}/", "lobby"),
        (f"/fairs/booths/{booth.pk}/", "booth"),
        (f"/fairs/{fair.pk}/me/", "queue"),
    ):
        page.goto(path)
        screenshot(page, f"fairs-{name}-{shot}")
    staff = new_page(viewport, locale=locale)
    _log_in(staff, dave.email, totp=True)
    staff.goto(f"/fairs/staff/{fair.pk}/")
    screenshot(staff, f"fairs-staff-analytics-{shot}")
    assert staff.locator("svg.chart").count() == 4
