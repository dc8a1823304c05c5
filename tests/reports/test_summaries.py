"""The summary tables the dashboard reads: every figure equals the live aggregate, always."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from consulting.models import Booking, ConsultationType
from courses.models import Certificate, Completion, CourseRun, Enrollment
from fairs.models import Registration
from jobs.models import Employment
from reports import selectors
from reports.history import generate
from reports.models import FollowUp, RateExclusion, RunSummary
from reports.selectors.period import Period
from reports.summaries import summaries_rebuild
from tests.factories import CompanyFactory, make_trainee
from tests.fairs.conftest import make_booth, make_fair
from tests.reports.scenario import at, build, job, now_at_today

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)
PERIODS = [
    Period(dt.date(2026, 1, 1), TODAY),
    Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    Period(dt.date(2024, 3, 1), dt.date(2024, 9, 30)),
    Period(dt.date(2024, 1, 1), TODAY),
    Period(dt.date(2025, 6, 15), dt.date(2025, 6, 15)),
    # partial months at both ends (read by day) around whole ones (read by month)
    Period(dt.date(2024, 2, 10), dt.date(2025, 8, 20)),
    Period(dt.date(2025, 1, 31), dt.date(2025, 3, 1)),
]


@pytest.fixture
def clock():
    with time_machine.travel(now_at_today(), tick=False):
        yield


def assert_summaries_equal_live(center) -> None:
    for period in PERIODS:
        summary = selectors.outcomes(center, period, today=TODAY)
        live = selectors.live_outcomes(center, period, today=TODAY)
        assert summary == live, period
        assert selectors.run_rates(center, period, today=TODAY) == selectors.live_run_rates(
            center, period, today=TODAY
        )


@pytest.fixture
def history(clock, center, carol):
    """Three years of a center written with COPY (past the signals), then rebuilt."""
    for category in ("startup", "employment", "cooperative"):
        ConsultationType.objects.create(center=center, category=category, name=category)
    generate(center, trainees_per_year=40, years=3, today=TODAY, counselor=carol)
    summaries_rebuild()


class TestExactness:
    def test_a_rebuild_gives_the_live_figures_for_every_period(self, history, center):
        report = selectors.outcomes(center, PERIODS[3], today=TODAY)
        assert report["training"]["enrolled"] > 50  # the comparison is not between zeros
        assert report["employment"]["employed"] > 10
        assert report["fairs"]["registrations"] > 0
        assert report["consulting"]["consultations"] > 0
        assert_summaries_equal_live(center)

    def test_changes_after_commit_keep_every_figure_exact(
        self, history, center, carol, django_capture_on_commit_callbacks
    ):
        runs = list(CourseRun.objects.filter(course__center=center).order_by("ends_on"))
        completers = list(
            Completion.objects.filter(
                enrollment__run__course__center=center, status=Completion.Status.COMPLETED
            ).select_related("enrollment__run", "enrollment__user")[:12]
        )
        ctype = ConsultationType.objects.filter(center=center).first() or (
            ConsultationType.objects.create(center=center, category="startup", name="창업")
        )
        with django_capture_on_commit_callbacks(execute=True):
            # a job inside the window, a business, an exclusion, a follow-up answered
            first = completers[0].enrollment
            hired = job(first.user, first.run.ends_on + dt.timedelta(days=20))
            FollowUp.objects.create(
                employment=hired, months=6, due_on=TODAY, sent_at=at(TODAY), still_employed=True
            )
            second = completers[1].enrollment
            start = at(second.run.ends_on + dt.timedelta(days=30), 14)
            Booking.objects.create(
                center=center, type=ctype, counselor=carol, person=second.user,
                status=Booking.Status.COMPLETED, start=start, end=start + dt.timedelta(hours=1),
                blocked_start=start, blocked_end=start + dt.timedelta(hours=1),
                outcome="cooperative_founded", outcome_recorded_at=start,
            )  # fmt: skip
            RateExclusion.objects.get_or_create(
                enrollment=completers[2].enrollment, defaults={"reason": "military_service"}
            )
            RateExclusion.objects.filter(enrollment__run__course__center=center).exclude(
                enrollment=completers[2].enrollment
            ).first().delete()
            # a completion overturned, a certificate revoked, a job deleted
            completers[3].status = Completion.Status.NOT_COMPLETED
            completers[3].save()
            certificate = Certificate.objects.filter(run__course__center=center).first()
            certificate.revoked_at = at(TODAY)
            certificate.revoked_reason = "착오 발급"
            certificate.save()
            Employment.objects.filter(person=completers[4].enrollment.user).first().delete()
            # a run moved by a month, a new enrollment cancelled after the start
            moved = runs[len(runs) // 2]
            moved.ends_on += dt.timedelta(days=31)
            moved.save()
            late = make_trainee(email="late@example.com")
            Enrollment.objects.create(
                run=runs[-1], user=late, status="cancelled",
                confirmed_at=at(runs[-1].starts_on), cancelled_at=at(runs[-1].starts_on),
            )  # fmt: skip
            # one job in the windows of two runs, and a run longer than MAX_RUN_DAYS
            twice = completers[6].enrollment
            other_run = next(
                r for r in runs if r.pk != twice.run_id and r.ends_on > twice.run.ends_on
            )
            Completion.objects.create(
                enrollment=Enrollment.objects.create(
                    run=other_run, user=twice.user, status="confirmed",
                    confirmed_at=at(other_run.starts_on),
                ),
                status=Completion.Status.COMPLETED, attendance_rate=95,
                evaluated_at=at(other_run.ends_on),
            )  # fmt: skip
            both = job(twice.user, other_run.ends_on + dt.timedelta(days=1))
            FollowUp.objects.create(
                employment=both, months=12, due_on=TODAY, sent_at=at(TODAY), still_employed=False
            )
            long_run = runs[0]
            long_run.starts_on = long_run.ends_on - dt.timedelta(days=600)
            long_run.save()
            starter = Enrollment.objects.filter(
                run=long_run, completion__status=Completion.Status.COMPLETED
            ).first()
            early = job(starter.user, long_run.starts_on + dt.timedelta(days=3))
            FollowUp.objects.create(
                employment=early, months=6, due_on=TODAY, sent_at=at(TODAY), still_employed=True
            )
            # a fair with a booth and two registrations
            fair = make_fair(center, starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2026, 10, 2))
            make_booth(fair, CompanyFactory())
            for person in (late, completers[5].enrollment.user):
                Registration.objects.create(fair=fair, attendee=person)
        assert_summaries_equal_live(center)

    def test_the_scenario_built_through_the_signals_matches(
        self, clock, center, other_center, carol, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            build(center, other_center, carol)
        assert RunSummary.objects.filter(center=center).count() == 1
        assert_summaries_equal_live(center)
        assert_summaries_equal_live(other_center)


class TestFreshness:
    def test_recording_an_exclusion_changes_the_rate_the_dashboard_shows(
        self, clock, center, other_center, carol, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            scenario = build(center, other_center, carol)
        period = PERIODS[0]
        assert selectors.outcomes(center, period)["employment"]["employment_rate"] == 75.0
        t2 = Enrollment.objects.get(run=scenario.run, user=scenario.trainees[1])
        with django_capture_on_commit_callbacks(execute=True):
            RateExclusion.objects.create(enrollment=t2, reason="military_service")
        # t2 (started after the window) leaves the denominator: 3 / (5 − 2)
        assert selectors.outcomes(center, period)["employment"]["employment_rate"] == 100.0

    def test_nothing_is_recomputed_for_a_rolled_back_change(
        self, history, center, django_capture_on_commit_callbacks
    ):
        before = selectors.outcomes(center, PERIODS[3], today=TODAY)
        hire = Employment.objects.filter(person__enrollments__run__course__center=center)[0]
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            hire.delete()
            raise RuntimeError
        assert callbacks == []
        assert selectors.outcomes(center, PERIODS[3], today=TODAY) == before

    def test_the_command_rebuilds_one_center(self, history, center, capsys):
        RunSummary.objects.all().delete()
        call_command("rebuild_outcome_summaries", "--center", str(center.pk))
        assert "rebuilt the outcome summaries" in capsys.readouterr().out
        assert_summaries_equal_live(center)
