"""The end of the hiring loop in a real browser, in Korean and English, on a phone and a desktop:
the employer proposes interview times, the candidate picks one, both get the .ics, the employer
makes an offer, the candidate accepts, and the application shows 취업 with the employment
recorded. Skipped with a reason when /usr/bin/chromium is absent."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from jobs import services
from jobs.models import Application, Employment, Interview
from tests.jobs.conftest import posting_data, publish

from .conftest import DESKTOP, PHONE, log_in, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HIRED = {"ko": "취업", "en": "Hired"}


@pytest.fixture
def application(bob, bob_company, alice, dave):
    bob_company.address = "서울 종로구 돈화문로 11 3층"
    bob_company.save(update_fields=["address"])
    posting = services.posting_create(
        company=bob_company, by=bob, data=posting_data(title="귀금속 세공사"), skills=[]
    )
    posting = publish(posting, dave)
    return services.application_create(
        posting=posting, applicant=alice, cover_letter="왁스 카빙 과정을 수료했습니다."
    )


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("viewport,label", [(PHONE, "390"), (DESKTOP, "1280")])
def test_propose_pick_offer_accept_and_hired(
    new_page, application, bob, alice, viewport, label, language
):
    for person in (bob, alice):
        person.language = language
        person.save(update_fields=["language"])
    name = f"{language}-{label}"
    day = timezone.localdate() + dt.timedelta(days=3)
    first, second = f"{day:%Y-%m-%d}T10:00", f"{day:%Y-%m-%d}T15:30"

    # The employer proposes two times for an in-person interview.
    employer = new_page(viewport, locale="ko-KR" if language == "ko" else "en-US")
    log_in(employer, bob.email)
    employer.goto(f"/jobs/employer/applications/{application.pk}/")
    propose = employer.locator("form[action$='/interviews/']")
    assert propose.is_visible()
    propose.locator("input[name=iv-time_1]").fill(first)
    propose.locator("input[name=iv-time_2]").fill(second)
    propose.locator("textarea[name=iv-note]").fill("포트폴리오를 가져와 주세요.")
    screenshot(employer, f"hiring-1-propose-{name}")
    propose.locator("button[type=submit]").click()
    employer.wait_for_load_state()
    interview = Interview.objects.get()
    assert interview.status == "proposed" and interview.slots.count() == 2
    assert employer.locator(".alert--success, .alert").first.is_visible()

    # The candidate sees both times (Korea time) and picks the afternoon one.
    candidate = new_page(viewport, locale="ko-KR" if language == "ko" else "en-US")
    log_in(candidate, alice.email)
    candidate.goto(f"/jobs/me/applications/{application.pk}/")
    assert candidate.get_by_text("15:30").first.is_visible()
    screenshot(candidate, f"hiring-2-pick-{name}")
    mail.outbox.clear()
    later = interview.slots.order_by("start").last()
    candidate.locator(f"input[name=p{interview.pk}-slot][value='{later.pk}']").check()
    candidate.locator("form[action$='/pick/'] button[type=submit]").click()
    candidate.wait_for_load_state()
    interview.refresh_from_db()
    assert interview.status == "confirmed" and interview.start == later.start
    assert candidate.locator(f"a[href$='/interviews/{interview.pk}/interview.ics']").is_visible()
    screenshot(candidate, f"hiring-3-confirmed-{name}")

    # Both get an email with the .ics of the confirmed time.
    assert sorted(m.to[0] for m in mail.outbox) == [alice.email, bob.email]
    for message in mail.outbox:
        filename, content, mimetype = message.attachments[0]
        assert (filename, mimetype) == ("interview.ics", "text/calendar")
        event = Calendar.from_ical(content).walk("VEVENT")[0]
        assert event.decoded("dtstart") == later.start

    # The employer makes an offer (the form comes filled from the posting).
    employer.goto(f"/jobs/employer/applications/{application.pk}/")
    employer.locator("#offers details.disclosure > summary").click()
    offer_form = employer.locator("form[action$='/offers/']")
    offer_form.locator("textarea[name=offer-note]").fill("수습 3개월, 4대 보험")
    screenshot(employer, f"hiring-4-offer-{name}")
    offer_form.locator("button[type=submit]").click()
    employer.wait_for_load_state()
    assert Application.objects.get().status == "offer"

    # The candidate accepts (after confirming) and the application shows 취업.
    candidate.on("dialog", lambda dialog: dialog.accept())
    candidate.goto(f"/jobs/me/applications/{application.pk}/")
    screenshot(candidate, f"hiring-5-offer-received-{name}")
    candidate.locator("form[action$='/accept/'] button[type=submit]").click()
    candidate.wait_for_load_state()
    assert Application.objects.get().status == "hired"
    employment = Employment.objects.get()
    assert (employment.source, employment.person_id) == ("offer", alice.pk)
    assert candidate.locator(".page-header .badge").inner_text().strip() == HIRED[language]
    screenshot(candidate, f"hiring-6-hired-{name}")

    employer.goto(f"/jobs/employer/applications/{application.pk}/")
    assert employer.locator(".page-header .badge").inner_text().strip() == HIRED[language]
    assert employer.locator("#offers .alert--success").is_visible()
    screenshot(employer, f"hiring-7-employer-hired-{name}")
    assert employer.console_errors == [] and candidate.console_errors == []
