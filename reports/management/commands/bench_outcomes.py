"""Benchmark the outcomes dashboard: ``python manage.py bench_outcomes [--trainees 50000]``.

Generates (once) a center with ``--trainees`` trainees and five years of runs, completions,
certificates, jobs, follow-ups, consultations, applications and fair registrations
(``reports.history.generate``, COPY on PostgreSQL), then rebuilds the center's outcome
summaries and times the recomputation after one change, then renders the dashboard
``--repeat`` times for this year and for the five years, printing p50/p95 and the queries
per page.
A benchmark, not a test: run it on PostgreSQL, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilteo_bench python manage.py bench_outcomes``.
Its data sits in a center of its own (slug ``bench-outcomes``); ``--drop`` deletes it.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from django.contrib.sessions.middleware import SessionMiddleware
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Center, CenterMembership, Company, Role, User
from consulting.models import ConsultationType
from jobs.models import Posting
from reports.history import generate
from reports.summaries import summaries_rebuild, summaries_recompute
from reports.views.staff import dashboard

SLUG = "bench-outcomes"
PREFIX = "bench-out"


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Generate five years of a 50k-trainee center and time the outcomes dashboard."

    def add_arguments(self, parser):
        parser.add_argument("--trainees", type=int, default=50_000)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--drop", action="store_true", help="delete the bench center")

    def handle(self, *args, trainees, years, repeat, drop, **options):
        if drop:
            self._drop()
            return
        center, staff = self._setup(trainees, years)
        started = time.perf_counter()
        counts = summaries_rebuild(center_id=center.pk)
        self.stdout.write(
            f"summaries rebuilt in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{n:,} {what}" for what, n in counts.items())
        )
        self._time_recompute(center)
        today = timezone.localdate()
        periods = {
            "this year": {"from": f"{today.year}-01-01", "to": today.isoformat()},
            "last year": {"from": f"{today.year - 1}-01-01", "to": f"{today.year - 1}-12-31"},
            f"{years} years": {
                "from": (today - dt.timedelta(days=365 * years)).isoformat(),
                "to": today.isoformat(),
            },
        }
        factory = RequestFactory()
        self.stdout.write(f"center {center.slug}: {self._sizes(center)}")
        for label, query in periods.items():
            times, queries = [], 0
            for i in range(repeat + 2):
                request = factory.get("/reports/", {**query, "center": center.pk})
                SessionMiddleware(lambda r: None).process_request(request)
                request.user = User.objects.get(pk=staff.pk)
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    response = dashboard(request)
                    elapsed = (time.perf_counter() - start) * 1000
                assert response.status_code == 200, response.status_code
                if i >= 2:  # two warm-up renders
                    times.append(elapsed)
                    queries = len(ctx)
            self.stdout.write(
                f"dashboard ({label}): p50 {statistics.median(times):.0f} ms, "
                f"p95 {_pct(times, 95):.0f} ms, max {max(times):.0f} ms, "
                f"{queries} queries, {repeat} renders"
            )

    def _time_recompute(self, center) -> None:
        """What the task costs after one change: an enrollment's run and person, a day."""
        from courses.models import Enrollment

        enrollment = Enrollment.objects.filter(run__course__center=center).order_by("pk").last()
        keys = [("enrollment", enrollment.pk), ("center_day", center.pk, "2025-05-02")]
        times = []
        for _ in range(10):
            start = time.perf_counter()
            summaries_recompute(keys=keys)
            times.append((time.perf_counter() - start) * 1000)
        self.stdout.write(
            f"recompute after one change: p50 {statistics.median(times):.0f} ms, "
            f"max {max(times):.0f} ms"
        )

    def _sizes(self, center) -> str:
        from courses.models import Completion, Enrollment
        from jobs.models import Employment

        enrollments = Enrollment.objects.filter(run__course__center=center).count()
        completions = Completion.objects.filter(enrollment__run__course__center=center).count()
        jobs = Employment.objects.filter(person__email__startswith=PREFIX).count()
        people = User.objects.filter(email__startswith=f"{PREFIX}-", is_trainee=True).count()
        return (
            f"{people:,} trainees, {enrollments:,} enrollments, {completions:,} completions, "
            f"{jobs:,} jobs"
        )

    @transaction.atomic
    def _setup(self, trainees: int, years: int):
        center = Center.objects.filter(slug=SLUG).first()
        staff_email = f"{PREFIX}-staff@bench.invalid"
        if center is not None:
            return center, User.objects.get(email=staff_email)
        center = Center.objects.create(
            slug=SLUG, name="벤치 주얼리센터", name_en="Bench jewelry center", region="서울 종로구",
            industry="주얼리",
        )  # fmt: skip
        staff = User.objects.create_user(email=staff_email, name="벤치 운영자", phone="")
        CenterMembership.objects.create(center=center, user=staff, role=Role.STAFF)
        counselor = User.objects.create_user(
            email=f"{PREFIX}-counselor@bench.invalid", name="벤치 상담사", phone=""
        )
        CenterMembership.objects.create(center=center, user=counselor, role=Role.COUNSELOR)
        for category in ConsultationType.Category.values[:3]:
            ConsultationType.objects.create(center=center, category=category, name=category)
        company = Company.objects.create(
            name="벤치 보석상사", brn="1018100340", status=Company.Status.VERIFIED
        )
        Posting.objects.create(
            company=company, center=center, title="귀금속 세공사", description="세공",
            status=Posting.Status.PUBLISHED, published_at=timezone.now(),
        )  # fmt: skip
        started = time.perf_counter()
        stats = generate(
            center,
            trainees_per_year=trainees // years,
            years=years,
            prefix=PREFIX,
            counselor=counselor,
            company=company,
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
        self.stdout.write(f"generated in {time.perf_counter() - started:.0f} s: {stats}")
        return center, staff

    @transaction.atomic
    def _drop(self):
        from consulting.models import Booking
        from courses.models import Certificate, Course, CourseRun
        from fairs.models import Fair
        from jobs.models import Employment

        center = Center.objects.filter(slug=SLUG).first()
        if center is None:
            self.stdout.write("nothing to drop")
            return
        Certificate.objects.filter(run__course__center=center).delete()
        Booking.objects.filter(center=center).delete()
        Employment.objects.filter(person__email__startswith=f"{PREFIX}-").delete()
        CourseRun.objects.filter(course__center=center).delete()
        Course.objects.filter(center=center).delete()
        Fair.objects.filter(center=center).delete()
        Posting.objects.filter(center=center).delete()
        Company.objects.filter(brn="1018100340").delete()
        User.objects.filter(email__startswith=f"{PREFIX}-").delete()
        center.delete()
        self.stdout.write("dropped the bench center")
