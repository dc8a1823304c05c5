"""Picking interview times at the same moment: nobody is booked twice, nobody gets a 500.

Real threads, real connections, real PostgreSQL. Two races: several candidates picking
overlapping times of one interviewer, and one candidate picking overlapping times in
applications to two companies. The control drops the exclusion constraints and replaces
the locked recheck with an unlocked one: the same race then double-books.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from jobs import services
from jobs.models import Application, Interview
from jobs.services import interviews as interview_services
from tests.factories import make_trainee
from tests.jobs.conftest import posting_data, publish
from tests.jobs.hiring_fixtures import days_ahead

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CANDIDATES = 8
CONSTRAINTS = {
    "jobs_interview_interviewer_no_overlap": "interviewer_id",
    "jobs_interview_candidate_no_overlap": "candidate_id",
}


def _pick_all_at_once(picks) -> Counter:
    """``picks`` are (user, interview, slot id); POST every pick at the same moment."""
    barrier = threading.Barrier(len(picks))
    codes: list[int] = []
    lock = threading.Lock()

    def run(user, interview, slot_id):
        try:
            client = Client(raise_request_exception=False)
            client.force_login(user)
            barrier.wait(timeout=30)
            response = client.post(
                f"/api/v1/interviews/{interview.pk}/pick/",
                {"slot": slot_id},
                content_type="application/json",
            )
            with lock:
                codes.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pick) for pick in picks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(codes)


@pytest.fixture
def one_interviewer_many_candidates(posting, bob):
    """Eight applications to bob's posting; each candidate is offered a time overlapping the rest."""
    picks = []
    for i in range(CANDIDATES):
        candidate = make_trainee(email=f"rush{i}@example.com", name=f"지원자{i}")
        application = services.application_create(posting=posting, applicant=candidate)
        start = days_ahead(3, 14, 5 * i)  # 14:00, 14:05, … all within one hour of each other
        interview = services.interview_propose(
            application=application, by=bob, mode="phone", times=[start]
        )
        picks.append((candidate, interview, interview.slots.get().pk))
    return picks


@pytest.fixture
def one_candidate_two_companies(posting, bob, alice, charlie, dave):
    company = charlie.company_memberships.get().company
    other_posting = publish(
        services.posting_create(company=company, by=charlie, data=posting_data(), skills=[]), dave
    )
    picks = []
    for employer, job, start in (
        (bob, posting, days_ahead(3, 10)),
        (charlie, other_posting, days_ahead(3, 10, 30)),
    ):
        application = services.application_create(posting=job, applicant=alice)
        interview = services.interview_propose(
            application=application, by=employer, mode="video", times=[start]
        )
        picks.append((alice, interview, interview.slots.get().pk))
    return picks * 4  # the same two picks, four times each, all at once


def test_candidates_racing_for_one_interviewers_time_get_one_confirmation(
    one_interviewer_many_candidates, bob
):
    codes = _pick_all_at_once(one_interviewer_many_candidates)
    assert codes[200] == 1, codes
    assert codes[409] == CANDIDATES - 1, codes
    assert sum(n for code, n in codes.items() if code >= 500) == 0
    assert Interview.objects.filter(interviewer=bob, status="confirmed").count() == 1


def test_one_candidate_picking_in_two_applications_gets_one(one_candidate_two_companies, alice):
    codes = _pick_all_at_once(one_candidate_two_companies)
    assert codes[200] == 1, codes
    assert codes[409] == len(one_candidate_two_companies) - 1, codes
    assert Interview.objects.filter(candidate=alice, status="confirmed").count() == 1
    assert Application.objects.filter(applicant=alice).count() == 2


RACES = {
    "interviewer": "one_interviewer_many_candidates",
    "candidate": "one_candidate_two_companies",
}


@pytest.mark.parametrize("race", RACES)
def test_the_constraints_alone_hold_without_the_lock(race, monkeypatch, request):
    """With the lock and the recheck gone, PostgreSQL's exclusion constraints still let one through."""
    picks = request.getfixturevalue(RACES[race])
    monkeypatch.setattr(interview_services, "_lock_and_check", lambda interview, slot: None)
    codes = _pick_all_at_once(picks)
    assert codes[200] == 1, codes
    assert sum(n for code, n in codes.items() if code >= 500) == 0
    assert Interview.objects.filter(status="confirmed").count() == 1


@pytest.fixture
def without_constraints():
    """Drop the exclusion constraints for one test, and put them back (the rows go first)."""
    with connection.cursor() as cursor:
        for name in CONSTRAINTS:
            cursor.execute(f"ALTER TABLE jobs_interview DROP CONSTRAINT {name}")
    yield
    Interview.objects.all().delete()
    with connection.cursor() as cursor:
        for name, column in CONSTRAINTS.items():
            cursor.execute(
                f"""
                ALTER TABLE jobs_interview ADD CONSTRAINT {name}
                EXCLUDE USING gist ({column} WITH =, tstzrange("start", "end", '[)') WITH &&)
                WHERE (status = 'confirmed')
                """
            )


@pytest.mark.parametrize("race", RACES)
def test_the_lock_alone_holds_without_the_constraints(race, request, without_constraints):
    """The path SQLite relies on: the people's lock and the recount, no constraint behind them."""
    picks = request.getfixturevalue(RACES[race])
    codes = _pick_all_at_once(picks)
    assert codes[200] == 1, codes
    assert Interview.objects.filter(status="confirmed").count() == 1


@pytest.mark.parametrize("race", RACES)
def test_control_without_lock_and_constraint_the_race_double_books(
    race, monkeypatch, request, without_constraints
):
    """CONTROL: an unlocked check and no constraint; everyone sees the time free, several confirm."""
    picks = request.getfixturevalue(RACES[race])
    if race == "candidate":
        picks = picks[:2]  # one pick per application, so each can succeed on its own
    pause = threading.Barrier(len(picks), timeout=30)

    def racy_check(interview, slot):
        busy = Interview.objects.filter(
            status="confirmed", start__lt=slot.end, end__gt=slot.start
        ).exclude(pk=interview.pk)
        clash = (
            busy.filter(interviewer_id=interview.interviewer_id).exists()
            or busy.filter(candidate_id=interview.candidate_id).exists()
        )
        pause.wait()  # everyone has seen the time free before anyone writes
        if clash:
            raise interview_services.TimeTaken()

    monkeypatch.setattr(interview_services, "_lock_and_check", racy_check)
    codes = _pick_all_at_once(picks)
    assert codes[200] > 1, codes
    assert Interview.objects.filter(status="confirmed").count() > 1


def test_reminder_workers_running_at_once_send_each_reminder_once(
    one_interviewer_many_candidates,
):
    import datetime as dt

    from django.core import mail

    candidate, interview, slot_id = one_interviewer_many_candidates[0]
    services.interview_pick(interview=interview, by=candidate, slot_id=slot_id)
    interview.refresh_from_db()
    mail.outbox.clear()
    when = interview.start - dt.timedelta(hours=20)
    barrier = threading.Barrier(6)
    sent: list[int] = []

    def run():
        try:
            barrier.wait(timeout=30)
            sent.append(services.send_interview_reminders(now=when))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(sent) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.com", candidate.email]
