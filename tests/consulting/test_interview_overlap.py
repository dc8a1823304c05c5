"""A consultation is not booked over the person's confirmed job interview (core.scheduling)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consulting.exceptions import PersonBusy
from consulting.models import Booking
from consulting.services import booking_create
from jobs.models import Application, Interview, Posting
from tests.consulting.conftest import open_weekday, seoul


@pytest.fixture
def interview_at_ten(alice, bob, bob_company, day):
    posting = Posting.objects.create(company=bob_company, title="세공사", status="published")
    application = Application.objects.create(posting=posting, applicant=alice, status="interview")
    start = seoul(day, 10, 30)
    return Interview.objects.create(
        application=application,
        candidate=alice,
        interviewer=bob,
        mode="phone",
        status="confirmed",
        start=start,
        end=start + timedelta(hours=1),
    )


def test_a_confirmed_interview_blocks_the_consultation(
    startup_type, carol, alice, answers, day, interview_at_ten
):
    with pytest.raises(PersonBusy, match="interview"):
        booking_create(
            person=alice, type_=startup_type, counselor=carol, start=seoul(day, 10), answers=answers
        )
    assert not Booking.objects.exists()


def test_a_cancelled_interview_frees_the_time(
    startup_type, carol, alice, answers, day, interview_at_ten
):
    Interview.objects.filter(pk=interview_at_ten.pk).update(status="cancelled")
    booking, created = booking_create(
        person=alice, type_=startup_type, counselor=carol, start=seoul(day, 10), answers=answers
    )
    assert created and booking.status == "confirmed"


def test_the_interviewer_is_busy_too(startup_type, carol, bob, answers, day, interview_at_ten):
    """The employer books a consultation as a person: their interview then blocks it as well."""
    with pytest.raises(PersonBusy):
        booking_create(
            person=bob, type_=startup_type, counselor=carol, start=seoul(day, 10), answers=answers
        )


def _race(application, alice, bob, startup_type, carol, answers, start) -> list[str]:
    """Pick an interview and book a consultation for alice at ``start``, both at once."""
    import threading

    from django.db import connections

    from core.exceptions import ConflictError
    from jobs import services as jobs_services

    interview = Interview.objects.create(
        application=application, candidate=alice, interviewer=bob, mode="phone"
    )
    slot = interview.slots.create(start=start, end=start + timedelta(hours=1))
    barrier = threading.Barrier(2)
    results: list[str] = []

    def run(call):
        try:
            barrier.wait(timeout=30)
            call()
            results.append("ok")
        except ConflictError:
            results.append("conflict")
        finally:
            connections.close_all()

    calls = [
        lambda: jobs_services.interview_pick(interview=interview, by=alice, slot_id=slot.pk),
        lambda: booking_create(
            person=alice, type_=startup_type, counselor=carol, start=start, answers=answers
        ),
    ]
    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(results)


@pytest.fixture
def alices_application(alice, bob_company):
    posting = Posting.objects.create(company=bob_company, title="세공사", status="published")
    return Application.objects.create(posting=posting, applicant=alice)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_booking_and_picking_the_same_time_at_once_give_one(
    startup_type, carol, alice, bob, answers, day, alices_application
):
    """The person lock both take serializes them; the second sees the first and gets 409."""
    outcomes = []
    for week in range(4):
        # open days a week apart (a public holiday such as 5/1 is skipped, not refused)
        start = seoul(open_weekday(3 + 7 * week), 10)
        outcomes.append(_race(alices_application, alice, bob, startup_type, carol, answers, start))
        Interview.objects.update(status="cancelled")
        Booking.objects.update(status="cancelled")
    assert outcomes == [["conflict", "ok"]] * 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_person_lock_both_get_the_time(
    startup_type, carol, alice, bob, answers, day, alices_application, monkeypatch
):
    """CONTROL: no person lock, and each check waits until the other has checked too."""
    import threading

    from core import scheduling

    pause = threading.Barrier(2, timeout=30)
    for name, check in list(scheduling._busy_sources.items()):

        def waiting(person_id, start, end, check=check):
            answer = check(person_id, start, end)
            pause.wait()  # both have seen the time free before either writes
            return answer

        monkeypatch.setitem(scheduling._busy_sources, name, waiting)
    monkeypatch.setattr("jobs.services.interviews.lock_people", lambda *ids: None)
    monkeypatch.setattr("consulting.services.booking.lock_person", lambda person_id: None)
    start = seoul(day, 10)
    assert _race(alices_application, alice, bob, startup_type, carol, answers, start) == [
        "ok",
        "ok",
    ]
    assert Interview.objects.filter(status="confirmed").count() == 1
    assert Booking.objects.filter(person=alice, status="confirmed").count() == 1
