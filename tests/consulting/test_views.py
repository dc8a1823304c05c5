"""The booking pages and the counselor workspace, as a browser without JavaScript sees them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import consents_record
from consulting.models import (
    ActionItem,
    AvailabilityException,
    Booking,
    BookingNote,
    WeeklyAvailability,
)
from consulting.services import booking_create
from tests.consulting.conftest import move_to_the_past, seoul


@pytest.fixture
def past_booking(booking):
    return move_to_the_past(booking)


class TestBookingPages:
    def test_the_index_lists_types(self, client, startup_type):
        response = client.get("/consulting/")
        assert response.status_code == 200
        assert "창업 상담" in response.content.decode()

    def test_booking_needs_a_login(self, client, startup_type):
        response = client.get(f"/consulting/book/{startup_type.pk}/")
        assert response.status_code == 302

    def test_a_trainee_books_through_the_form(self, client, alice, startup_type, question, day):
        client.force_login(alice)
        week = day - timedelta(days=day.weekday())
        page = client.get(f"/consulting/book/{startup_type.pk}/?week={week}")
        assert page.status_code == 200
        html = page.content.decode()
        start = seoul(day, 10).isoformat()
        assert f'value="{start}"' in html
        token = page.context["form"]["token"].value()
        data = {
            "start": start,
            "token": token,
            "counselor": "any",
            f"q_{question.pk}": "아이디어 단계",
        }
        response = client.post(f"/consulting/book/{startup_type.pk}/?week={week}", data)
        booking = Booking.objects.get()
        assert (
            response.status_code == 302 and response["Location"] == f"/consulting/c/{booking.pk}/"
        )
        # a double submit of the same form lands on the same booking
        again = client.post(f"/consulting/book/{startup_type.pk}/?week={week}", data)
        assert again["Location"] == f"/consulting/c/{booking.pk}/"
        assert Booking.objects.count() == 1

    def test_a_taken_slot_says_so_with_409(
        self, client, alice, booking, startup_type, question, day
    ):
        from tests.factories import make_trainee

        other = make_trainee(email="t2@example.com")
        client.force_login(other)
        data = {
            "start": seoul(day, 10).isoformat(),
            "token": "tok-1",
            "counselor": "any",
            f"q_{question.pk}": "x",
        }
        response = client.post(f"/consulting/book/{startup_type.pk}/", data)
        assert response.status_code == 409
        assert "방금 다른 분이 그 시간을 예약했습니다" in response.content.decode()

    def test_missing_answers_are_shown_beside_the_field(self, client, alice, startup_type, day):
        client.force_login(alice)
        data = {"start": seoul(day, 10).isoformat(), "token": "tok-2", "counselor": "any"}
        response = client.post(f"/consulting/book/{startup_type.pk}/", data)
        assert response.status_code == 400
        assert Booking.objects.count() == 0

    def test_the_person_sees_reschedules_and_cancels(self, client, alice, booking, day):
        client.force_login(alice)
        assert client.get("/consulting/mine/").status_code == 200
        assert client.get(f"/consulting/c/{booking.pk}/").status_code == 200
        ics = client.get(f"/consulting/c/{booking.pk}/consultation.ics")
        assert b"BEGIN:VCALENDAR" in ics.content
        week = day - timedelta(days=day.weekday())
        page = client.get(f"/consulting/c/{booking.pk}/reschedule/?week={week}")
        assert (
            seoul(day, 10, 30).isoformat() in page.content.decode()
        )  # its own buffer does not block it
        response = client.post(
            f"/consulting/c/{booking.pk}/reschedule/", {"start": seoul(day, 15).isoformat()}
        )
        assert response.status_code == 302
        booking.refresh_from_db()
        assert booking.start == seoul(day, 15)
        client.post(f"/consulting/c/{booking.pk}/cancel/", {"reason": ""})
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CANCELLED

    def test_someone_elses_booking_is_404(self, client, bob, booking):
        client.force_login(bob)
        for url in ("", "reschedule/", "consultation.ics", "summary.pdf"):
            assert client.get(f"/consulting/c/{booking.pk}/{url}").status_code == 404
        assert client.post(f"/consulting/c/{booking.pk}/cancel/").status_code == 404
        assert client.get(f"/consulting/workspace/{booking.pk}/").status_code == 404


class TestWorkspace:
    def test_trainees_do_not_see_the_workspace(self, client, alice):
        client.force_login(alice)
        assert client.get("/consulting/workspace/").status_code == 404
        assert client.get("/consulting/workspace/availability/").status_code == 404

    def test_the_agenda_shows_day_and_week(self, client, carol, booking, day):
        client.force_login(carol)
        week = client.get(f"/consulting/workspace/?view=week&date={day}")
        assert "김앨리스" in week.content.decode()
        today = client.get(f"/consulting/workspace/?view=day&date={day}")
        assert "김앨리스" in today.content.decode()
        other_day = client.get(f"/consulting/workspace/?view=day&date={day + timedelta(days=1)}")
        assert "김앨리스" not in other_day.content.decode()

    def test_the_persons_context_needs_their_consent(self, client, carol, alice, booking):
        client.force_login(carol)
        page = client.get(f"/consulting/workspace/{booking.pk}/").content.decode()
        assert "alice@example.com" not in page
        assert "동의하지 않았습니다" in page
        consents_record(user=alice, granted={"counselor_sharing": True})
        page = client.get(f"/consulting/workspace/{booking.pk}/").content.decode()
        assert "alice@example.com" in page

    def test_another_counselors_booking_is_404(self, client, booking, center):
        from tests.factories import make_center_member

        other = make_center_member(center, "counselor", email="other@example.com")
        client.force_login(other)
        assert client.get(f"/consulting/workspace/{booking.pk}/").status_code == 404
        assert (
            client.post(f"/consulting/workspace/{booking.pk}/notes/", {"text": "x"}).status_code
            == 404
        )

    def test_the_counselor_writes_notes_and_action_items_and_records_the_outcome(
        self, client, carol, alice, past_booking
    ):
        client.force_login(carol)
        url = f"/consulting/workspace/{past_booking.pk}/"
        client.post(url + "notes/", {"text": "사업계획서 초안 검토"})
        client.post(url + "actions/", {"text": "사업자등록 신청", "due_date": ""})
        response = client.post(
            url + "outcome/", {"outcome": "business_registered", "note": "", "summary": "요약"}
        )
        assert response.status_code == 302
        past_booking.refresh_from_db()
        assert past_booking.status == Booking.Status.COMPLETED
        assert BookingNote.objects.get().text == "사업계획서 초안 검토"
        item = ActionItem.objects.get()
        client.post(url + f"actions/{item.pk}/toggle/")
        item.refresh_from_db()
        assert item.done_at is not None
        # the person sees the summary and action items but never the private note
        client.force_login(alice)
        page = client.get(f"/consulting/c/{past_booking.pk}/").content.decode()
        assert "요약" in page and "사업자등록 신청" in page
        assert "사업계획서 초안 검토" not in page

    def test_the_summary_pdf_is_a_pdf(
        self, client, carol, alice, past_booking, django_capture_on_commit_callbacks
    ):
        past_booking.status = Booking.Status.COMPLETED
        past_booking.summary = "다음 상담에서 판로를 논의합니다."
        past_booking.save()
        client.force_login(alice)
        response = client.get(f"/consulting/c/{past_booking.pk}/summary.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        first = b"".join(response.streaming_content)
        assert first.startswith(b"%PDF")
        past_booking.refresh_from_db()
        kept = past_booking.summary_pdf.name
        assert kept  # rendered once and kept
        client.get(f"/consulting/c/{past_booking.pk}/summary.pdf")
        past_booking.refresh_from_db()
        assert past_booking.summary_pdf.name == kept  # served again without rendering
        # a change it shows (a new action item) makes a new one
        from consulting.services import action_item_add

        with django_capture_on_commit_callbacks(execute=True):
            action_item_add(booking=past_booking, text="판로 상담 예약")
        past_booking.refresh_from_db()
        assert past_booking.summary_pdf.name != kept
        assert past_booking.summary_pdf_version == past_booking.summary_version

    def test_the_summary_page_waits_while_the_pdf_is_made(
        self, client, alice, past_booking, monkeypatch
    ):
        from consulting import tasks

        past_booking.status = Booking.Status.COMPLETED
        past_booking.save()
        monkeypatch.setattr(
            tasks.render_summary_pdf, "delay", lambda *a, **k: None
        )  # a busy worker
        client.force_login(alice)
        response = client.get(f"/consulting/c/{past_booking.pk}/summary.pdf")
        assert response.status_code == 202
        assert 'http-equiv="refresh"' in response.content.decode()

    def test_the_counselor_confirms_a_request(
        self, client, carol, startup_type, alice, answers, day
    ):
        startup_type.requires_confirmation = True
        startup_type.save()
        pending, _ = booking_create(
            person=alice, type_=startup_type, counselor=carol, start=seoul(day, 10), answers=answers
        )
        client.force_login(carol)
        workspace = client.get("/consulting/workspace/").content.decode()
        assert 'id="pending-title">확정을 기다리는 신청 1건</h2>' in workspace
        assert f'href="/consulting/workspace/{pending.pk}/"' in workspace

        client.post(f"/consulting/workspace/{pending.pk}/confirm/")

        pending.refresh_from_db()
        assert pending.status == Booking.Status.CONFIRMED
        assert "pending-title" not in client.get("/consulting/workspace/").content.decode()

    def test_the_counselor_edits_weekly_hours_and_exceptions(
        self, client, carol, startup_type, day
    ):
        client.force_login(carol)
        page = client.get("/consulting/workspace/availability/")
        assert page.status_code == 200
        formset = page.context["formset"]
        data = {
            "weekly-TOTAL_FORMS": str(len(formset.forms)),
            "weekly-INITIAL_FORMS": str(formset.initial_form_count()),
            "weekly-MIN_NUM_FORMS": "0",
            "weekly-MAX_NUM_FORMS": "1000",
            "settings-daily_cap": "4",
            "settings-bio": "",
            "save_hours": "1",
        }
        for i, form in enumerate(formset.forms):
            if form.instance.pk:
                data[f"weekly-{i}-id"] = str(form.instance.pk)
                data[f"weekly-{i}-weekday"] = str(form.instance.weekday)
                data[f"weekly-{i}-start_time"] = form.instance.start_time.strftime("%H:%M")
                data[f"weekly-{i}-end_time"] = form.instance.end_time.strftime("%H:%M")
                if i == 0:
                    data[f"weekly-{i}-DELETE"] = "on"
        new = len(formset.forms) - 1
        data.update(
            {
                f"weekly-{new}-weekday": "5",
                f"weekly-{new}-start_time": "10:00",
                f"weekly-{new}-end_time": "13:00",
            }
        )
        before = WeeklyAvailability.objects.filter(counselor=carol).count()
        response = client.post("/consulting/workspace/availability/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert WeeklyAvailability.objects.filter(counselor=carol).count() == before
        assert WeeklyAvailability.objects.filter(counselor=carol, weekday=5).exists()
        bad = client.post(
            "/consulting/workspace/availability/",
            {"exception-date": str(day), "exception-kind": "extra", "add_exception": "1"},
        )
        assert bad.status_code == 400
        client.post(
            "/consulting/workspace/availability/",
            {"exception-date": str(day), "exception-kind": "off", "add_exception": "1"},
        )
        assert AvailabilityException.objects.filter(counselor=carol, date=day).exists()


class TestCalendarFeed:
    def test_a_private_feed_can_be_made_used_and_revoked(self, client, alice, booking):
        client.force_login(alice)
        response = client.post("/consulting/calendar/", {"regenerate": "1"})
        url = response.context["feed_url"]
        path = url.split("testserver", 1)[1]
        client.logout()
        feed = client.get(path)
        assert feed.status_code == 200 and b"BEGIN:VEVENT" in feed.content
        client.force_login(alice)
        client.post("/consulting/calendar/", {"regenerate": "1"})
        client.logout()
        assert client.get(path).status_code == 404  # the old link stopped working
        assert client.get("/consulting/feed/not-a-token.ics").status_code == 404


def test_slots_are_shown_in_the_viewers_time_zone(client, alice, startup_type, day):
    client.force_login(alice)
    client.cookies["ilteo_tz"] = "America/New_York"
    html = client.get(f"/consulting/book/{startup_type.pk}/?week={day}").content.decode()
    assert "America/New_York" in html
    # 10:00 in Seoul is the evening before in New York; the posted value stays exact.
    assert f'value="{seoul(day, 10).isoformat()}"' in html
    from zoneinfo import ZoneInfo

    local = seoul(day, 10).astimezone(ZoneInfo("America/New_York"))
    assert f">{local:%H:%M}</label>" in html


def test_the_index_can_show_one_center(client, startup_type, other_center):
    from consulting.models import ConsultationType

    ConsultationType.objects.create(center=other_center, name="수제화 창업 상담")
    both = client.get("/consulting/").content.decode()
    assert "창업 상담" in both and "수제화 창업 상담" in both
    one = client.get(f"/consulting/?center={other_center.slug}").content.decode()
    assert "수제화 창업 상담" in one and "창업 상담</h3>" not in one.replace(
        "수제화 창업 상담</h3>", ""
    )


def test_the_viewers_time_zone_does_not_leak_past_the_request(client, alice, startup_type, day):

    client.force_login(alice)
    client.cookies["ilteo_tz"] = "America/New_York"
    client.get(f"/consulting/book/{startup_type.pk}/?week={day}")
    assert timezone.get_current_timezone_name() == "Asia/Seoul"


class TestPastDatesAreRefused:
    """A due date or a day off in the past would be saved and never shown: refuse it, say why."""

    def test_a_past_due_date_is_refused_with_a_message(self, client, carol, past_booking):
        client.force_login(carol)
        yesterday = timezone.localdate() - timedelta(days=1)
        response = client.post(
            f"/consulting/workspace/{past_booking.pk}/actions/",
            {"text": "사업자등록 신청", "due_date": str(yesterday)},
        )
        assert response.status_code == 400
        assert "오늘 이후의 날짜를 고르세요" in response.content.decode()
        assert not ActionItem.objects.exists()

    def test_the_service_refuses_a_past_due_date(self, past_booking):
        from django.core.exceptions import ValidationError

        from consulting.services import action_item_add

        with pytest.raises(ValidationError) as error:
            action_item_add(
                booking=past_booking, text="x", due_date=timezone.localdate() - timedelta(days=1)
            )
        assert "due_date" in error.value.message_dict

    def test_a_day_off_in_2020_is_refused_not_saved(self, client, carol):
        client.force_login(carol)
        response = client.post(
            "/consulting/workspace/availability/",
            {"exception-date": "2020-03-02", "exception-kind": "off", "add_exception": "1"},
        )
        assert response.status_code == 400
        assert "오늘 이후의 날짜를 고르세요" in response.content.decode()
        assert not AvailabilityException.objects.filter(counselor=carol).exists()

    def test_today_is_still_accepted(self, client, carol, past_booking):
        client.force_login(carol)
        client.post(
            f"/consulting/workspace/{past_booking.pk}/actions/",
            {"text": "사업자등록 신청", "due_date": str(timezone.localdate())},
        )
        assert ActionItem.objects.get().due_date == timezone.localdate()
