"""Thirty people hit one fair slot at once: exactly one 201, the rest 409, nobody a 500.

Real threads, real connections, real PostgreSQL. The controls show the race is real:
with the locked recheck replaced by an unlocked one and the constraints dropped, the
same storms double-book.
"""

from __future__ import annotations

import importlib
import threading
from collections import Counter
from functools import partial

import pytest
from django.db import connection
from django.test import Client

from fairs.models import Interview
from fairs.services import interviews as interview_services
from tests.concurrency import run_concurrently
from tests.factories import make_trainee

from .conftest import make_slot, register, seoul, tomorrow

no_double_booking = importlib.import_module("fairs.migrations.0002_no_double_booking")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 30


def _fire(jobs) -> Counter:
    """Run ``(user, booth, slot id)`` bookings at once over HTTP; return the status codes."""
    calls = []
    for user, booth, slot_id in jobs:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        calls.append(
            partial(
                client.post,
                f"/api/v1/booths/{booth.pk}/interviews/",
                {"slot": slot_id},
                content_type="application/json",
            )
        )
    return Counter(getattr(r, "status_code", repr(r)) for r in run_concurrently(calls))


def _unlocked_checks(pause: threading.Barrier | None = None):
    """The same checks without the row locks (and optionally a pause so everyone reads first)."""

    def checks(*, registration_id, slot, limit):
        if Interview.objects.filter(slot=slot, status="booked").exists():
            raise interview_services.SlotTaken()
        mine = Interview.objects.filter(registration_id=registration_id, status="booked")
        if mine.filter(start__lt=slot.end, end__gt=slot.start).exists():
            raise interview_services.AttendeeBusy()
        if pause is not None:
            pause.wait()

    return checks


@pytest.fixture
def drop_constraints():
    """Drop the double-booking constraints for a control test; put them back afterwards."""
    _drop_constraints()
    yield
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM fairs_interview")
        cursor.execute(
            "CREATE UNIQUE INDEX fairs_interview_one_per_slot ON fairs_interview (slot_id) "
            "WHERE status = 'booked'"
        )
        cursor.execute(no_double_booking.CREATE[1])


def _drop_constraints():
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS fairs_interview_one_per_slot")
        cursor.execute(
            "ALTER TABLE fairs_interview DROP CONSTRAINT IF EXISTS fairs_interview_one_per_slot"
        )
        cursor.execute(
            "ALTER TABLE fairs_interview DROP CONSTRAINT IF EXISTS fairs_interview_attendee_no_overlap"
        )


@pytest.fixture
def crowd(fair):
    users = [make_trainee(email=f"rush{i}@example.com", name=f"교육생{i}") for i in range(THREADS)]
    for user in users:
        register(fair, user)
    return users


def test_exactly_one_of_thirty_concurrent_bookings_of_a_slot_wins(crowd, booth, slot):
    codes = _fire([(user, booth, slot.pk) for user in crowd])
    assert codes[201] == 1, codes
    assert codes[409] == THREADS - 1, codes
    assert Interview.objects.filter(slot=slot, status="booked").count() == 1


def test_the_constraint_alone_still_lets_only_one_through(crowd, booth, slot, monkeypatch):
    monkeypatch.setattr(interview_services, "_locked_checks", _unlocked_checks())
    codes = _fire([(user, booth, slot.pk) for user in crowd])
    assert codes[201] == 1, codes
    assert codes[409] == THREADS - 1, codes
    assert Interview.objects.filter(slot=slot).count() == 1


def test_control_without_locks_and_constraints_the_slot_is_double_booked(
    crowd, booth, slot, monkeypatch, drop_constraints
):
    """CONTROL: no lock, no constraint; everyone reads "free" before anyone writes."""
    monkeypatch.setattr(
        interview_services,
        "_locked_checks",
        _unlocked_checks(threading.Barrier(THREADS, timeout=60)),
    )
    codes = _fire([(user, booth, slot.pk) for user in crowd])
    assert codes[201] > 1, codes
    assert Interview.objects.filter(slot=slot).count() > 1


@pytest.mark.parametrize("bypass_locks", [False, True], ids=["service", "constraint-only"])
def test_one_attendee_cannot_book_two_overlapping_slots_at_two_booths_at_once(
    alice, registration, booth, other_booth, bob, charlie, monkeypatch, bypass_locks
):
    if bypass_locks:
        monkeypatch.setattr(interview_services, "_locked_checks", _unlocked_checks())
    jobs = []
    for i in range(6):  # twelve overlapping slots across the two booths, all wanted by alice
        jobs.append((alice, booth, make_slot(booth, bob, seoul(tomorrow(), 10 + i), minutes=50).pk))
        jobs.append(
            (
                alice,
                other_booth,
                make_slot(other_booth, charlie, seoul(tomorrow(), 10 + i, 10), minutes=50).pk,
            )
        )
    codes = _fire(jobs)
    assert sum(n for code, n in codes.items() if code >= 500) == 0, codes
    booked = list(Interview.objects.filter(attendee=alice, status="booked").order_by("start"))
    for first, second in zip(booked, booked[1:], strict=False):
        assert first.end <= second.start, "two overlapping interviews"
    assert codes[201] == len(booked)


def test_control_without_locks_and_constraints_one_attendee_double_books(
    alice, registration, booth, other_booth, bob, charlie, monkeypatch, drop_constraints
):
    """CONTROL: the same two-booth storm with no lock and no constraint overlaps."""
    monkeypatch.setattr(
        interview_services, "_locked_checks", _unlocked_checks(threading.Barrier(2, timeout=60))
    )
    first = make_slot(booth, bob, seoul(tomorrow(), 10), minutes=50)
    second = make_slot(other_booth, charlie, seoul(tomorrow(), 10, 10), minutes=50)
    codes = _fire([(alice, booth, first.pk), (alice, other_booth, second.pk)])
    assert codes[201] == 2, codes
    assert Interview.objects.filter(attendee=alice).count() == 2
