"""Seat accounting under real concurrency, on PostgreSQL.

Each test fires many threads at once (a Barrier lines them up), each with its own
database connection, and checks the invariants afterwards. The control test removes
the row lock and shows the race it prevents, so we know the first test proves something.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone

from courses import services
from courses.models import CourseRun, Enrollment
from tests.courses.factories import CourseFactory, CourseRunFactory
from tests.factories import CenterFactory, make_trainee

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

S = Enrollment.Status
THREADS = 24


def run_concurrently(calls) -> list:
    """Run each callable in its own thread, all released at once; return results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - collected and asserted on by the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def make_run(capacity: int) -> CourseRun:
    center = CenterFactory(slug="jongno-jewelry")
    return CourseRunFactory(course=CourseFactory(center=center), capacity=capacity)


def fill(run: CourseRun, confirmed: int) -> list[Enrollment]:
    return [services.enrollment_create(run=run, user=make_trainee()) for _ in range(confirmed)]


def seats_taken(run: CourseRun) -> int:
    return Enrollment.objects.filter(run=run, status__in=[S.CONFIRMED, S.OFFERED]).count()


def positions(run: CourseRun) -> list[int]:
    return sorted(
        Enrollment.objects.filter(run=run, status=S.WAITLISTED).values_list(
            "waitlist_position", flat=True
        )
    )


def enroll_at_last_seat(run: CourseRun) -> list:
    people = [make_trainee() for _ in range(THREADS)]
    return run_concurrently(
        [
            (lambda person=person: services.enrollment_create(run=run, user=person))
            for person in people
        ]
    )


def test_it_gives_the_last_seat_to_exactly_one_of_many_concurrent_enrollments():
    run = make_run(capacity=10)
    fill(run, 9)

    results = enroll_at_last_seat(run)

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    statuses = Counter(r.status for r in results)
    assert statuses == {S.CONFIRMED: 1, S.WAITLISTED: THREADS - 1}
    assert seats_taken(run) == 10
    assert positions(run) == list(range(1, THREADS))


def test_control_without_the_lock_the_same_code_overbooks(monkeypatch):
    """Control: with SELECT … FOR UPDATE turned into a plain SELECT, the race shows up."""
    monkeypatch.setattr(models.QuerySet, "select_for_update", lambda self, *args, **kwargs: self)
    worst = 0
    for _round in range(5):
        run = make_run(capacity=10)
        fill(run, 9)
        enroll_at_last_seat(run)
        confirmed = Enrollment.objects.filter(run=run, status=S.CONFIRMED).count()
        worst = max(worst, confirmed)
        if confirmed > 10:
            break
    assert worst > 10, "without the lock, more than one thread should have taken the last seat"


def test_concurrent_cancels_and_enrollments_never_overbook_or_promote_twice():
    run = make_run(capacity=5)
    holders = fill(run, 5)
    waiting = fill(run, 10)
    assert all(e.status == S.WAITLISTED for e in waiting)
    newcomers = [make_trainee() for _ in range(10)]

    calls = [(lambda e=e: services.enrollment_cancel(enrollment=e)) for e in holders]
    calls += [(lambda p=p: services.enrollment_create(run=run, user=p)) for p in newcomers]
    # Some cancel twice at the same moment: exactly one of each pair may succeed.
    calls += [(lambda e=e: services.enrollment_cancel(enrollment=e)) for e in holders[:3]]
    results = run_concurrently(calls)

    # The second cancel of a pair is refused with a ValidationError; nothing else may fail.
    unexpected = [
        r for r in results if isinstance(r, Exception) and not isinstance(r, ValidationError)
    ]
    assert unexpected == []
    assert sum(isinstance(r, Exception) for r in results) == 3
    assert seats_taken(run) == 5
    offered = Enrollment.objects.filter(run=run, status=S.OFFERED)
    # The five freed seats went to the first five on the waitlist, once each.
    assert sorted(offered.values_list("pk", flat=True)) == sorted(e.pk for e in waiting[:5])
    assert positions(run) == list(range(1, 16))
    per_person = Counter(
        Enrollment.objects.filter(
            run=run, status__in=[S.CONFIRMED, S.OFFERED, S.WAITLISTED]
        ).values_list("user_id", flat=True)
    )
    assert max(per_person.values()) == 1


def test_concurrent_expiry_accepts_and_declines_keep_seats_exact():
    run = make_run(capacity=4)
    holders = fill(run, 4)
    waiting = fill(run, 12)
    for e in holders:
        services.enrollment_cancel(enrollment=e)
    offered = list(Enrollment.objects.filter(run=run, status=S.OFFERED))
    assert len(offered) == 4
    # Half the offers have lapsed; their holders try to accept while workers expire them.
    lapsed = offered[:2]
    Enrollment.objects.filter(pk__in=[e.pk for e in lapsed]).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    calls = [(lambda: services.offers_expire()) for _ in range(4)]
    calls += [(lambda e=e: services.enrollment_accept_offer(enrollment=e)) for e in lapsed]
    calls += [(lambda e=offered[2]: services.enrollment_accept_offer(enrollment=e))]
    calls += [(lambda e=offered[3]: services.enrollment_decline_offer(enrollment=e))]
    # Four people at the end of the waitlist leave at the same moment (each lambda binds its own).
    leaving = waiting[8:]
    calls += [(lambda w=w: services.enrollment_cancel(enrollment=w)) for w in leaving]
    results = run_concurrently(calls)

    expired_counts = [r for r in results[:4] if isinstance(r, int)]
    assert sum(expired_counts) == 2  # each lapsed offer expired exactly once
    assert all(isinstance(r, ValidationError) for r in results[4:6]), results[4:6]
    assert not [r for r in results[6:] if isinstance(r, Exception)], results[6:]
    assert Counter(
        Enrollment.objects.filter(pk__in=[w.pk for w in leaving]).values_list("status", flat=True)
    ) == {S.CANCELLED: 4}
    assert seats_taken(run) == 4
    assert Enrollment.objects.get(pk=offered[2].pk).status == S.CONFIRMED
    assert positions(run) == list(range(1, len(positions(run)) + 1))
