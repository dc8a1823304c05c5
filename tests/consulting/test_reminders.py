"""Reminders 24 h and 1 h before: sent once, only for confirmed consultations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consulting.models import Booking
from consulting.services import send_due_reminders
from consulting.tasks import send_reminders


def _booking(startup_type, carol, alice, *, hours_ahead: float, status="confirmed") -> Booking:
    start = (timezone.now() + timedelta(hours=hours_ahead)).replace(microsecond=0)
    end = start + timedelta(hours=1)
    return Booking.objects.create(
        center=startup_type.center,
        type=startup_type,
        counselor=carol,
        person=alice,
        status=status,
        start=start,
        end=end,
        blocked_start=start,
        blocked_end=end + timedelta(minutes=10),
    )


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def test_it_sends_the_24h_reminder_once(startup_type, carol, alice, run_on_commit):
    booking = _booking(startup_type, carol, alice, hours_ahead=23)
    assert run_on_commit(send_due_reminders) == 1
    assert run_on_commit(send_due_reminders) == 0
    assert run_on_commit(send_reminders) == 0  # the beat task is the same idempotent call
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@example.com"]
    assert mail.outbox[0].attachments[0][0] == "consultation.ics"
    booking.refresh_from_db()
    assert booking.reminder_24h_sent_at is not None and booking.reminder_1h_sent_at is None


def test_it_sends_the_1h_reminder_and_not_a_late_24h_one(startup_type, carol, alice, run_on_commit):
    booking = _booking(startup_type, carol, alice, hours_ahead=0.5)
    assert run_on_commit(send_due_reminders) == 1
    assert run_on_commit(send_due_reminders) == 0
    booking.refresh_from_db()
    assert booking.reminder_1h_sent_at is not None


def test_it_skips_pending_far_and_past_consultations(startup_type, carol, alice, run_on_commit):
    _booking(startup_type, carol, alice, hours_ahead=2, status="pending")
    _booking(startup_type, carol, alice, hours_ahead=48)
    _booking(startup_type, carol, alice, hours_ahead=-3)
    assert run_on_commit(send_due_reminders) == 0
    assert mail.outbox == []


def test_a_rescheduled_consultation_is_reminded_again(startup_type, carol, alice, run_on_commit):
    booking = _booking(startup_type, carol, alice, hours_ahead=23)
    run_on_commit(send_due_reminders)
    Booking.objects.filter(pk=booking.pk).update(reminder_24h_sent_at=None)  # what reschedule does
    assert run_on_commit(send_due_reminders) == 1
