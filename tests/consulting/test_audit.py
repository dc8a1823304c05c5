"""What counselors and center staff do to someone else's consultation or hours is logged."""

from __future__ import annotations

from datetime import time

import pytest

from consulting.models import AvailabilityException, CounselorSettings
from consulting.services import (
    availability_update,
    booking_cancel,
    booking_confirm,
    booking_create,
    booking_decline,
    booking_mark_no_show,
    booking_record_outcome,
)
from core.audit import entries_about, entries_for
from tests.consulting.conftest import move_to_the_past, seoul
from tests.factories import UserFactory, add_totp


def _actions(obj) -> list[str]:
    return [e.action for e in entries_for(obj)]


class TestBookingDecisions:
    def test_confirming_and_declining_are_logged_about_the_person(
        self, startup_type, carol, alice, answers, day
    ):
        startup_type.requires_confirmation = True
        startup_type.save()
        first, _ = booking_create(
            person=alice, type_=startup_type, counselor=carol, start=seoul(day, 10), answers=answers
        )
        second, _ = booking_create(
            person=alice, type_=startup_type, counselor=carol, start=seoul(day, 14), answers=answers
        )
        booking_confirm(booking=first, by=carol)
        booking_decline(booking=second, by=carol, reason="출장")
        confirmed = entries_for(first).get()
        assert (confirmed.action, confirmed.actor, confirmed.subject) == (
            "consulting.booking.confirmed",
            carol,
            alice,
        )
        declined = entries_for(second).get()
        assert declined.action == "consulting.booking.declined"
        assert declined.data == {"reason": "출장"}
        assert [e.action for e in entries_about(alice)] == [
            "consulting.booking.declined",
            "consulting.booking.confirmed",
        ]

    def test_a_refused_decision_leaves_no_entry(self, booking, carol):
        with pytest.raises(Exception):  # noqa: B017 - only a pending request can be declined
            booking_decline(booking=booking, by=carol)
        assert _actions(booking) == []

    def test_the_counselor_cancelling_is_logged_but_the_person_cancelling_is_not(
        self, startup_type, carol, alice, answers, day, booking
    ):
        booking_cancel(booking=booking, by=alice)
        assert _actions(booking) == []
        other, _ = booking_create(
            person=alice, type_=startup_type, counselor=carol, start=seoul(day, 14), answers=answers
        )
        booking_cancel(booking=other, by=carol, reason="아파서")
        entry = entries_for(other).get()
        assert (entry.action, entry.actor, entry.subject, entry.data) == (
            "consulting.booking.cancelled",
            carol,
            alice,
            {"reason": "아파서"},
        )

    def test_outcomes_are_logged(self, carol, booking):
        done = move_to_the_past(booking)
        booking_record_outcome(booking=done, by=carol, outcome="hired", note="보석 세공사")
        assert entries_for(done).get().data == {"outcome": "hired", "note": "보석 세공사"}

    def test_no_shows_are_logged(self, carol, booking):
        missed = move_to_the_past(booking)
        booking_mark_no_show(booking=missed, by=carol)
        assert _actions(missed) == ["consulting.booking.no_show"]


class TestPagesShowTheTrail:
    def test_the_workspace_shows_the_bookings_history(self, client, carol, booking):
        booking_cancel(booking=booking, by=carol, reason="센터 휴관")
        client.force_login(carol)
        page = client.get(f"/consulting/workspace/{booking.pk}/").content.decode()
        assert "상담사 또는 센터가 상담 취소" in page
        assert "센터 휴관" in page

    def test_the_person_sees_what_the_counselor_did(self, client, carol, alice, booking):
        booking_cancel(booking=booking, by=carol, reason="센터 휴관")
        client.force_login(alice)
        page = client.get("/settings/privacy/").content.decode()
        assert "상담사 또는 센터가 상담 취소" in page


class TestCounselorHours:
    def test_a_counselors_own_changes_are_not_logged(self, carol):
        availability_update(counselor=carol, by=carol, daily_cap=3, bio="창업 전문")
        row = CounselorSettings.objects.get(counselor=carol)
        assert (row.daily_cap, row.bio) == (3, "창업 전문")
        assert _actions(row) == []

    def test_staff_changing_a_counselors_hours_is_logged_about_the_counselor(
        self, carol, dave, day
    ):
        off = AvailabilityException(date=day, kind="off")
        availability_update(counselor=carol, by=dave, daily_cap=2, exceptions=[off])
        row = CounselorSettings.objects.get(counselor=carol)
        entry = entries_for(row).get()
        assert (entry.action, entry.actor, entry.subject) == (
            "consulting.availability.changed",
            dave,
            carol,
        )
        assert entry.data["daily_cap"] == 2 and len(entry.data["exceptions"]) == 1
        assert AvailabilityException.objects.get(counselor=carol).kind == "off"

    def test_another_counselors_rows_are_refused(self, carol, erin, day):
        from django.core.exceptions import ValidationError

        theirs = AvailabilityException.objects.create(counselor=erin, date=day, kind="off")
        with pytest.raises(ValidationError):
            availability_update(counselor=carol, by=carol, exceptions_removed=[theirs])
        assert AvailabilityException.objects.filter(pk=theirs.pk).exists()

    def test_the_rules_of_a_row_hold_for_every_caller(self, carol, day):
        from django.core.exceptions import ValidationError

        extra_without_times = AvailabilityException(date=day, kind="extra")
        with pytest.raises(ValidationError, match="start and an end"):
            availability_update(counselor=carol, by=carol, exceptions=[extra_without_times])
        backwards = AvailabilityException(
            date=day, kind="extra", start_time=time(15), end_time=time(13)
        )
        with pytest.raises(ValidationError, match="after the start"):
            availability_update(counselor=carol, by=carol, exceptions=[backwards])
        assert not AvailabilityException.objects.exists()


@pytest.fixture
def root_client(client, db):
    user = UserFactory(email="root@example.com", name="관리자", is_staff=True, is_superuser=True)
    add_totp(user)
    client.force_login(user)
    client.user = user
    return client


class TestAdmin:
    def test_staff_editing_counselor_settings_is_logged_and_shown(self, root_client, carol):
        availability_update(counselor=carol, by=carol, daily_cap=6)
        row = CounselorSettings.objects.get(counselor=carol)
        url = f"/admin/consulting/counselorsettings/{row.pk}/change/"
        response = root_client.post(url, {"daily_cap": "2", "bio": "", "_continue": "1"})
        assert response.status_code == 302, response.content.decode()[:3000]
        row.refresh_from_db()
        assert row.daily_cap == 2
        entry = entries_for(row).get()
        assert (entry.actor, entry.subject) == (root_client.user, carol)
        page = root_client.get(url).content.decode()
        assert "센터 운영자가 상담사의 상담 시간 변경" in page

    def test_staff_removing_time_off_is_logged(self, root_client, carol, day):
        off = AvailabilityException.objects.create(counselor=carol, date=day, kind="off")
        response = root_client.post(
            f"/admin/consulting/availabilityexception/{off.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 302
        assert not AvailabilityException.objects.filter(pk=off.pk).exists()
        entry = entries_about(carol).get()
        assert entry.action == "consulting.availability.changed"
        assert entry.data["exceptions_removed"] == [str(off)]

    def test_changing_a_type_is_logged(self, root_client, startup_type, carol):
        url = f"/admin/consulting/consultationtype/{startup_type.pk}/change/"
        form = root_client.get(url).context["adminform"].form
        data = {
            name: value
            for name, value in form.initial.items()
            if value is not None and name != "counselors"
        }
        data.update(
            {
                "center": startup_type.center_id,
                "counselors": [carol.pk],
                "duration_minutes": "90",
                "questions-TOTAL_FORMS": "0",
                "questions-INITIAL_FORMS": "0",
            }
        )
        response = root_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        startup_type.refresh_from_db()
        assert startup_type.duration_minutes == 90
        entry = entries_for(startup_type).get()
        assert entry.action == "consulting.type.changed"
        assert "duration_minutes" in entry.data["fields"]
