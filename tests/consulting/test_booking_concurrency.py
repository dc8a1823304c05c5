"""Twenty-plus people hit one slot at once: exactly one wins, the rest get 409, nobody a 500.

Real threads, real connections, real PostgreSQL (``DATABASE_URL=postgres://…``). The
control shows why: with the exclusion constraint dropped and the locked recheck
replaced by an unlocked check, the same storm double-books (Cal.com's open race).
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from consulting.availability import check_slot
from consulting.models import Booking
from consulting.services import booking as booking_services
from tests.consulting.conftest import open_weekday, seoul
from tests.factories import make_trainee

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 24


def _storm(payload_for, users, *, before_post=None) -> Counter:
    """POST /api/v1/consultations/ from every user at once; return the status codes."""
    barrier = threading.Barrier(len(users))
    codes: list[int] = []
    lock = threading.Lock()

    def run(user):
        try:
            client = Client(raise_request_exception=False)
            client.force_login(user)
            barrier.wait(timeout=30)
            response = client.post(
                "/api/v1/consultations/", payload_for(user), content_type="application/json"
            )
            with lock:
                codes.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return Counter(codes)


@pytest.fixture
def storm_setup(startup_type, carol, answers):
    users = [make_trainee(email=f"rush{i}@example.com", name=f"교육생{i}") for i in range(THREADS)]
    start = seoul(open_weekday(), 10)
    payload = {
        "counselor": carol.pk,
        "type": startup_type.pk,
        "start": start.isoformat(),
        "answers": answers,
    }
    return users, start, payload


def test_exactly_one_of_many_concurrent_bookings_wins(storm_setup, carol):
    users, start, payload = storm_setup
    codes = _storm(lambda user: payload, users)
    assert codes[201] == 1, codes
    assert codes[409] == THREADS - 1, codes
    assert sum(n for code, n in codes.items() if code >= 500) == 0
    assert Booking.objects.filter(counselor=carol, status__in=["pending", "confirmed"]).count() == 1


def test_the_constraint_alone_turns_the_race_into_409s(storm_setup, carol, monkeypatch):
    """Without the lock and the recheck, PostgreSQL's exclusion constraint still lets one through."""
    users, start, payload = storm_setup

    def unlocked_check(*, counselor_id, type_, start, person_id, exclude_booking_id=None):
        return check_slot(counselor_id=counselor_id, type_=type_, start=start)

    monkeypatch.setattr(booking_services, "_lock_and_check", unlocked_check)
    codes = _storm(lambda user: payload, users)
    assert codes[201] == 1, codes
    assert codes[409] == THREADS - 1, codes
    assert Booking.objects.filter(counselor=carol).count() == 1


@pytest.mark.parametrize("bypass_app_check", [False, True], ids=["service", "constraint-only"])
def test_one_person_cannot_hold_two_overlapping_consultations(
    startup_type, carol, erin, alice, answers, monkeypatch, bypass_app_check
):
    """Two counselors, one person, one time, at once: only one booking, and never a 500.

    With the service's locks the person lock serializes them; with the app check bypassed
    the person constraint does (a deadlock PostgreSQL breaks is retried, then 409).
    """
    start = seoul(open_weekday(), 10)

    def unlocked_check(*, counselor_id, type_, start, person_id, exclude_booking_id=None):
        return check_slot(counselor_id=counselor_id, type_=type_, start=start)

    if bypass_app_check:
        monkeypatch.setattr(booking_services, "_lock_and_check", unlocked_check)
    counselors = [carol, erin] * 6
    barrier = threading.Barrier(len(counselors))
    codes: list[int] = []

    def run(counselor):
        try:
            client = Client(raise_request_exception=False)
            client.force_login(alice)
            barrier.wait(timeout=30)
            payload = {
                "counselor": counselor.pk,
                "type": startup_type.pk,
                "start": start.isoformat(),
                "answers": answers,
            }
            codes.append(
                client.post(
                    "/api/v1/consultations/", payload, content_type="application/json"
                ).status_code
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in counselors]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    counted = Counter(codes)
    assert counted[201] == 1, counted
    assert counted[409] == len(counselors) - 1, counted
    assert Booking.objects.filter(person=alice).count() == 1


def test_control_without_the_constraint_the_race_double_books(storm_setup, carol, monkeypatch):
    """CONTROL: drop the constraints and check without a lock; the same storm now double-books."""
    users, start, payload = storm_setup
    pause = threading.Barrier(THREADS, timeout=30)

    def racy_check(*, counselor_id, type_, start, person_id, exclude_booking_id=None):
        slot = check_slot(counselor_id=counselor_id, type_=type_, start=start)
        pause.wait()  # everyone has seen the slot free before anyone inserts
        return slot

    monkeypatch.setattr(booking_services, "_lock_and_check", racy_check)
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE consulting_booking DROP CONSTRAINT consulting_booking_counselor_no_overlap"
        )
    try:
        codes = _storm(lambda user: payload, users)
        duplicates = Booking.objects.filter(counselor=carol, start=start).count()
    finally:
        Booking.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                ALTER TABLE consulting_booking ADD CONSTRAINT consulting_booking_counselor_no_overlap
                EXCLUDE USING gist (counselor_id WITH =, tstzrange(blocked_start, blocked_end, '[)') WITH &&)
                WHERE (status IN ('pending', 'confirmed'))
                """
            )
    assert codes[201] > 1, codes
    assert duplicates > 1


def test_reminder_workers_running_at_once_send_each_reminder_once(startup_type, carol, alice):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    from consulting.services import send_due_reminders

    start = (timezone.now() + timedelta(hours=20)).replace(microsecond=0)
    Booking.objects.create(
        center=startup_type.center,
        type=startup_type,
        counselor=carol,
        person=alice,
        status="confirmed",
        start=start,
        end=start + timedelta(hours=1),
        blocked_start=start,
        blocked_end=start + timedelta(hours=1, minutes=10),
    )
    barrier = threading.Barrier(8)
    sent: list[int] = []

    def run():
        try:
            barrier.wait(timeout=30)
            sent.append(send_due_reminders())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sum(sent) == 1
    assert len([m for m in mail.outbox if m.to == ["alice@example.com"]]) == 1
