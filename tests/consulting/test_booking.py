"""Booking, idempotency, rescheduling, cancelling, confirming, outcomes and emails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from consulting.availability import SlotTaken, SlotUnavailable
from consulting.models import Booking
from consulting.services import (
    IdempotencyMismatch,
    PersonBusy,
    booking_cancel,
    booking_confirm,
    booking_create,
    booking_decline,
    booking_mark_no_show,
    booking_record_outcome,
    booking_reschedule,
)
from tests.consulting.conftest import move_to_the_past, seoul
from tests.factories import make_trainee


def _book(person, type_, counselor, start, answers, **kw):
    booking, _created = booking_create(
        person=person, type_=type_, counselor=counselor, start=start, answers=answers, **kw
    )
    return booking


class TestBookingCreate:
    def test_it_books_and_emails_an_ics(
        self, startup_type, carol, alice, answers, day, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            booking = _book(alice, startup_type, carol, seoul(day, 10), answers)
        assert booking.status == Booking.Status.CONFIRMED
        assert booking.end == seoul(day, 11)
        assert booking.answers[0]["answer"] == "예비창업"
        to_alice = [m for m in mail.outbox if m.to == ["alice@example.com"]]
        assert len(to_alice) == 1
        name, content, mimetype = to_alice[0].attachments[0]
        assert name == "consultation.ics"
        assert mimetype == "text/calendar"
        assert "BEGIN:VEVENT" in content and "TZID=Asia/Seoul" in content
        assert f"/consulting/c/{booking.pk}/reschedule/" in to_alice[0].body
        assert f"/consulting/c/{booking.pk}/#cancel" in to_alice[0].body
        assert any(m.to == ["carol@example.com"] for m in mail.outbox)

    def test_it_holds_a_pending_slot_for_types_needing_confirmation(
        self, startup_type, carol, alice, answers, day
    ):
        startup_type.requires_confirmation = True
        startup_type.save()
        booking = _book(alice, startup_type, carol, seoul(day, 10), answers)
        assert booking.status == Booking.Status.PENDING
        bob_trainee = make_trainee(email="t2@example.com")
        with pytest.raises(SlotTaken):
            _book(bob_trainee, startup_type, carol, seoul(day, 10), answers)

    def test_it_refuses_a_taken_slot(self, startup_type, carol, alice, answers, day):
        _book(alice, startup_type, carol, seoul(day, 10), answers)
        other = make_trainee(email="t2@example.com")
        with pytest.raises(SlotTaken):
            _book(other, startup_type, carol, seoul(day, 10, 30), answers)
        assert Booking.objects.count() == 1

    def test_it_refuses_two_overlapping_consultations_for_one_person(
        self, startup_type, carol, erin, alice, answers, day
    ):
        _book(alice, startup_type, carol, seoul(day, 10), answers)
        with pytest.raises(PersonBusy):
            _book(alice, startup_type, erin, seoul(day, 10, 30), answers)

    def test_any_available_picks_a_free_counselor(
        self, startup_type, carol, erin, alice, answers, day
    ):
        first = _book(
            make_trainee(email="t2@example.com"), startup_type, None, seoul(day, 10), answers
        )
        second = _book(alice, startup_type, None, seoul(day, 10), answers)
        assert {first.counselor_id, second.counselor_id} == {carol.pk, erin.pk}
        with pytest.raises(SlotTaken):
            _book(make_trainee(email="t3@example.com"), startup_type, None, seoul(day, 10), answers)

    def test_it_requires_the_intake_answers(self, startup_type, carol, alice, day):
        with pytest.raises(ValidationError):
            _book(alice, startup_type, carol, seoul(day, 10), {})
        assert Booking.objects.count() == 0

    def test_it_refuses_a_counselor_who_does_not_offer_the_type(
        self, startup_type, alice, answers, day, center
    ):
        from tests.factories import make_center_member

        stranger = make_center_member(center, "counselor", email="x@example.com")
        with pytest.raises(ValidationError):
            _book(alice, startup_type, stranger, seoul(day, 10), answers)

    def test_it_refuses_a_slot_outside_hours(self, startup_type, carol, alice, answers, day):
        with pytest.raises(SlotUnavailable):
            _book(alice, startup_type, carol, seoul(day, 12), answers)
        assert Booking.objects.count() == 0

    def test_a_retry_with_the_same_key_returns_the_same_booking(
        self, startup_type, carol, alice, answers, day
    ):
        first, created = booking_create(
            person=alice,
            type_=startup_type,
            counselor=carol,
            start=seoul(day, 10),
            answers=answers,
            idempotency_key="k1",
        )
        again, created_again = booking_create(
            person=alice,
            type_=startup_type,
            counselor=carol,
            start=seoul(day, 10),
            answers=answers,
            idempotency_key="k1",
        )
        assert created and not created_again
        assert first.pk == again.pk
        assert Booking.objects.count() == 1
        with pytest.raises(IdempotencyMismatch):
            booking_create(
                person=alice,
                type_=startup_type,
                counselor=carol,
                start=seoul(day, 14),
                answers=answers,
                idempotency_key="k1",
            )


class TestChanges:
    def test_the_person_reschedules_before_the_cutoff(
        self, startup_type, carol, alice, answers, day, django_capture_on_commit_callbacks
    ):
        booking = _book(alice, startup_type, carol, seoul(day, 10), answers)
        with django_capture_on_commit_callbacks(execute=True):
            moved = booking_reschedule(booking=booking, by=alice, start=seoul(day, 15))
        assert moved.pk == booking.pk
        assert moved.start == seoul(day, 15)
        assert moved.sequence == 1
        assert any("SEQUENCE:1" in m.attachments[0][1] for m in mail.outbox)
        # the old time is free again
        _book(make_trainee(email="t2@example.com"), startup_type, carol, seoul(day, 10), answers)

    def test_rescheduling_into_its_own_buffer_works(self, startup_type, carol, alice, answers, day):
        booking = _book(alice, startup_type, carol, seoul(day, 10), answers)
        moved = booking_reschedule(booking=booking, by=alice, start=seoul(day, 10, 30))
        assert moved.start == seoul(day, 10, 30)

    def test_nobody_changes_after_the_cutoff(
        self, startup_type, carol, alice, answers, settings, day
    ):
        booking = _book(alice, startup_type, carol, seoul(day, 10), answers)
        settings.CONSULTING_CANCEL_CUTOFF_HOURS = 24 * 30
        with pytest.raises(ValidationError, match="no longer"):
            booking_cancel(booking=booking, by=alice)
        with pytest.raises(ValidationError, match="no longer"):
            booking_reschedule(booking=booking, by=alice, start=seoul(day, 15))
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CONFIRMED and booking.start == seoul(day, 10)
        # the counselor still can
        booking_cancel(booking=booking, by=carol, reason="아파서")

    def test_cancelling_frees_the_slot_and_sends_a_cancel_ics(
        self, startup_type, carol, alice, answers, day, django_capture_on_commit_callbacks
    ):
        booking = _book(alice, startup_type, carol, seoul(day, 10), answers)
        with django_capture_on_commit_callbacks(execute=True):
            booking_cancel(booking=booking, by=alice)
        assert Booking.objects.get().status == Booking.Status.CANCELLED
        assert "METHOD:CANCEL" in mail.outbox[0].attachments[0][1]
        _book(make_trainee(email="t2@example.com"), startup_type, carol, seoul(day, 10), answers)

    def test_the_counselor_confirms_or_declines(self, startup_type, carol, alice, answers, day):
        startup_type.requires_confirmation = True
        startup_type.save()
        first = _book(alice, startup_type, carol, seoul(day, 10), answers)
        assert booking_confirm(booking=first, by=carol).status == Booking.Status.CONFIRMED
        second = _book(alice, startup_type, carol, seoul(day, 14), answers)
        assert (
            booking_decline(booking=second, by=carol, reason="일정").status
            == Booking.Status.DECLINED
        )
        with pytest.raises(ValidationError):
            booking_confirm(booking=second, by=carol)

    def test_outcomes_and_no_shows_wait_for_the_start(
        self, startup_type, carol, alice, answers, day
    ):
        booking = _book(alice, startup_type, carol, seoul(day, 10), answers)
        with pytest.raises(ValidationError):
            booking_record_outcome(booking=booking, by=carol, outcome="hired")
        with pytest.raises(ValidationError):
            booking_mark_no_show(booking=booking, by=carol)
        move_to_the_past(booking)
        done = booking_record_outcome(
            booking=booking,
            by=carol,
            outcome="business_registered",
            note="사업자등록 완료",
            summary="다음 단계: 판로",
        )
        assert done.status == Booking.Status.COMPLETED
        assert done.outcome == "business_registered"
        with pytest.raises(ValidationError):
            booking_record_outcome(booking=booking, by=carol, outcome="bogus")
