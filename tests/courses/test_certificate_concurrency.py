"""Completion under real concurrency, on PostgreSQL: the beat task and a staff click at once.

Each test has a control that takes away the one row lock it relies on (the run's, the
serial counter's) and shows the race that lock prevents, so the tests prove something.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.db.models import QuerySet

from core.models import AuditEntry
from courses.models import Certificate, CertificateSerialCounter, Completion, CourseRun
from courses.services import attendance_record_bulk, completion_evaluate_run
from tests.concurrency import run_concurrently
from tests.courses.completion_helpers import enroll, make_course, make_run, meetings
from tests.factories import CenterFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _no_pdfs(monkeypatch):
    """Rendering is not what these tests are about."""
    monkeypatch.setattr(
        "courses.tasks.generate_certificate_pdf.delay_on_commit", lambda *a, **k: None
    )


def finished_run(center, title: str, trainees: int, *, scored: bool = False):
    """A finished run everyone attended; ``scored``: staff have opened the completion rows
    (pending) already, as entering scores does, so no insert of one serializes evaluations."""
    run = make_run(make_course(center, title=title), meetings=2)
    for _ in range(trainees):
        enrollment = enroll(run)
        for meeting in meetings(run):
            attendance_record_bulk(meeting=meeting, marks={enrollment.pk: "present"}, by=None)
        if scored:
            Completion.objects.create(enrollment=enrollment)
    return run


def without_the_lock_on(monkeypatch, model) -> None:
    """Turn ``SELECT … FOR UPDATE`` on ``model`` (only) into a plain SELECT."""
    lock = QuerySet.select_for_update

    def select_for_update(self, *args, **kwargs):
        return self if self.model is model else lock(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", select_for_update)


def evaluate_many_times_at_once(run) -> list:
    return run_concurrently([(lambda: completion_evaluate_run(run_id=run.pk)) for _ in range(8)])


def test_evaluating_one_run_many_times_at_once_issues_each_certificate_once():
    center = CenterFactory(slug="jongno-jewelry")
    run = finished_run(center, "주얼리 CAD", trainees=5, scored=True)

    results = evaluate_many_times_at_once(run)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(r.certificates_issued for r in results) == 5
    assert Certificate.objects.filter(run=run).count() == 5
    assert CertificateSerialCounter.objects.get().last_number == 5
    # Each decision is made, and written to the audit log, once.
    assert completion_decisions_logged() == 5


def completion_decisions_logged() -> int:
    return AuditEntry.objects.filter(action="courses.completion.completed").count()


def test_control_without_the_run_lock_concurrent_evaluations_decide_twice(monkeypatch):
    """Control: without the lock on the run, evaluations read the completion rows before the
    first one commits and each decides (and logs) the same completion again, or collide."""
    without_the_lock_on(monkeypatch, CourseRun)
    center = CenterFactory(slug="jongno-jewelry")
    raced = False
    for round_ in range(5):
        AuditEntry.objects.all().delete()
        run = finished_run(center, f"주얼리 CAD {round_}", trainees=5, scored=True)
        results = evaluate_many_times_at_once(run)
        raced = completion_decisions_logged() > 5 or any(
            isinstance(r, IntegrityError) for r in results
        )
        if raced:
            break
    assert raced, "without the run lock, concurrent evaluations should have decided twice"


def test_runs_of_one_center_evaluated_at_once_get_distinct_serials():
    center = CenterFactory(slug="jongno-jewelry")
    runs = [finished_run(center, f"과정 {i}", trainees=3) for i in range(6)]

    results = run_concurrently(
        [lambda run=run: completion_evaluate_run(run_id=run.pk) for run in runs]
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    serials = list(Certificate.objects.values_list("serial", flat=True))
    assert len(serials) == len(set(serials)) == 18
    assert CertificateSerialCounter.objects.get().last_number == 18


def test_control_without_the_counter_lock_serials_are_taken_twice(monkeypatch):
    """Control: without the lock on the serial counter, concurrent runs read the same last
    number; a serial is handed out twice (refused by the unique serial) or a number is lost."""
    without_the_lock_on(monkeypatch, CertificateSerialCounter)
    center = CenterFactory(slug="jongno-jewelry")
    raced = False
    for round_ in range(5):
        runs = [finished_run(center, f"과정 {round_}-{i}", trainees=3) for i in range(6)]
        issued_before = Certificate.objects.count()
        results = run_concurrently(
            [(lambda run=run: completion_evaluate_run(run_id=run.pk)) for run in runs]
        )
        failed = any(isinstance(r, Exception) for r in results)
        serials = list(Certificate.objects.values_list("serial", flat=True))
        counted = CertificateSerialCounter.objects.get().last_number
        raced = failed or len(serials) != len(set(serials)) or counted != issued_before + 18
        if raced:
            break
    assert raced, "without the counter lock, concurrent runs should have taken a serial twice"
