"""Completion under real concurrency, on PostgreSQL: the beat task and a staff click at once."""

from __future__ import annotations

import pytest

from courses.models import Certificate, CertificateSerialCounter
from courses.services import attendance_record_bulk, completion_evaluate_run
from tests.courses.completion_helpers import enroll, make_course, make_run, meetings
from tests.courses.test_enrollment_concurrency import run_concurrently
from tests.factories import CenterFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _no_pdfs(monkeypatch):
    """Rendering is not what these tests are about."""
    monkeypatch.setattr(
        "courses.tasks.generate_certificate_pdf.delay_on_commit", lambda *a, **k: None
    )


def finished_run(center, title: str, trainees: int):
    run = make_run(make_course(center, title=title), meetings=2)
    for _ in range(trainees):
        enrollment = enroll(run)
        for meeting in meetings(run):
            attendance_record_bulk(meeting=meeting, marks={enrollment.pk: "present"}, by=None)
    return run


def test_evaluating_one_run_many_times_at_once_issues_each_certificate_once():
    center = CenterFactory(slug="jongno-jewelry")
    run = finished_run(center, "주얼리 CAD", trainees=5)

    results = run_concurrently([lambda: completion_evaluate_run(run_id=run.pk) for _ in range(8)])

    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(r.certificates_issued for r in results) == 5
    assert Certificate.objects.filter(run=run).count() == 5
    assert CertificateSerialCounter.objects.get().last_number == 5


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
