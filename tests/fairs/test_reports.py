"""Analytics: the staff page, CSV, Excel and the PDF show the API's figures; others get 404."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from fairs import services
from fairs.models import Interview, Visit

from .conftest import make_slot, register, seoul, tomorrow

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(fair, booth, bob, alice, erin, slot, registration, posting):
    """Two conversations (4 and 10 minutes after waits of 2 and 6), an interview held, visits."""
    register(fair, erin)
    start = timezone.now() - dt.timedelta(hours=1)
    for person, wait, length, step in ((alice, 2, 4, "interview"), (erin, 6, 10, "pipeline")):
        joined = start
        entry = services.queue_join(booth=booth, attendee=person, now=joined)
        services.queue_call_next(
            booth=booth, representative=bob, now=joined + dt.timedelta(minutes=wait)
        )
        conv = services.call_accept(
            entry=entry, attendee=person, now=joined + dt.timedelta(minutes=wait)
        )
        services.conversation_end(
            conversation=conv, by=bob, now=joined + dt.timedelta(minutes=wait + length)
        )
        services.conversation_next_step(conversation=conv, step=step, by=bob)
    interview = services.interview_book(booth=booth, slot=slot, attendee=alice)
    Interview.objects.filter(pk=interview.pk).update(status="held")
    make_slot(booth, bob, seoul(tomorrow(), 15))
    Visit.objects.create(fair=fair, kind="lobby")
    Visit.objects.create(fair=fair, booth=booth, kind="booth")
    return fair


def test_the_api_report_has_the_figures(client, dave, activity, booth):
    client.force_login(dave)
    report = client.get(f"/api/v1/fairs/{activity.pk}/report/").json()
    totals = report["totals"]
    assert totals["registrations"] == 2
    assert totals["queue_joins"] == 2
    assert totals["conversations"] == 2
    assert totals["wait_median_minutes"] == 4.0
    assert totals["wait_p90_minutes"] == 6.0
    assert totals["conversation_median_minutes"] == 7.0
    assert totals["interviews_booked"] == 1 and totals["interviews_held"] == 1
    assert totals["next_steps"] == {"interview": 1, "screen": 0, "pipeline": 1, "not_a_fit": 0}
    assert totals["applications"] == 1
    assert totals["lobby_visits"] == 1 and totals["booth_visits"] == 1
    assert report["booths"][0]["company"] == booth.company.name


def test_csv_excel_and_pdf_match_the_api(client, dave, activity, booth):
    client.force_login(dave)
    totals = client.get(f"/api/v1/fairs/{activity.pk}/report/").json()["totals"]

    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/fairs/staff/{activity.pk}/report.csv").content.decode("utf-8-sig")
            )
        )
    )
    summary = [r[1] for r in rows if len(r) == 2]
    assert summary[:4] == [
        str(totals["registrations"]),
        str(totals["lobby_visits"]),
        str(totals["booth_visits"]),
        str(totals["queue_joins"]),
    ]

    book = load_workbook(io.BytesIO(client.get(f"/fairs/staff/{activity.pk}/report.xlsx").content))
    sheet_values = list(book.worksheets[0].iter_rows(values_only=True))
    assert [v for _label, v in sheet_values[1:]][:4] == [
        totals["registrations"],
        totals["lobby_visits"],
        totals["booth_visits"],
        totals["queue_joins"],
    ]

    response = client.get(f"/fairs/staff/{activity.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert booth.company.name in text
    for key in ("wait_median_minutes", "wait_p90_minutes", "conversation_median_minutes"):
        assert str(totals[key]) in text


def test_the_staff_page_draws_charts_without_any_script(client, dave, activity):
    client.force_login(dave)
    page = client.get(f"/fairs/staff/{activity.pk}/").content.decode()
    assert page.count('<svg class="chart"') == 4
    assert "cdn" not in page.lower()


def test_others_cannot_see_the_report(client, bob, alice, activity, other_center):
    from tests.factories import add_totp, make_center_member

    outsider_staff = make_center_member(other_center, "staff", email="x@example.com")
    add_totp(outsider_staff)
    for person in (bob, alice, outsider_staff):
        client.force_login(person)
        assert client.get(f"/api/v1/fairs/{activity.pk}/report/").status_code == 404
        assert client.get(f"/fairs/staff/{activity.pk}/report.pdf").status_code in (302, 404)
