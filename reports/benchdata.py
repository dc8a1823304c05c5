"""The data set of the page-load harness (``bench_pages``): generated once at a stated scale,
tagged so ``--drop`` removes it, reused by later runs."""

from __future__ import annotations

import datetime as dt
import random

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Center, CenterMembership, CompanyMembership, User
from consulting.models import Booking, ConsultationType
from courses.models import Attendance, ClassMeeting, Course, CourseCategory, CourseRun, Enrollment
from jobs.management.commands.bench_matching import EMAIL_DOMAIN
from jobs.management.commands.bench_matching import Command as MatchingBench
from jobs.models import Application, Posting

BENCH_CENTER = "bench-center"


class BenchData:
    def __init__(self, *, rng: random.Random, stdout, stderr):
        self.rng = rng
        self.stdout = stdout
        self.stderr = stderr

    def generate(self, opts) -> None:
        matching = MatchingBench(stdout=self.stdout, stderr=self.stderr)
        matching.rng = self.rng
        matching.vendor = connection.vendor
        matching.ensure_data(
            {
                "postings": opts["postings"],
                "trainees": opts["trainees"],
                "companies": opts["companies"],
                "skills": 150,
                "seed": opts["seed"],
            }
        )
        center = self._center()
        self._courses(center, opts["course_runs"])
        self._consultations(center, opts["consultations"])
        self._applications()
        indexed = connection.cursor()
        indexed.execute("SELECT count(*) FROM search_entry WHERE kind = 'jobs'")
        if indexed.fetchone()[0] < Posting.objects.count() * 0.9:
            self.stdout.write("indexing postings for search …")
            call_command("search_index", "--rebuild", "--type", "jobs", stdout=self.stdout)

    def _center(self) -> Center:
        center, _ = Center.objects.get_or_create(
            slug=BENCH_CENTER,
            defaults={
                "name": "벤치마크 센터",
                "name_en": "Benchmark center",
                "region": "서울 종로구",
                "industry": "주얼리",
            },
        )
        return center

    def _courses(self, center: Center, runs: int) -> None:
        have = CourseRun.objects.filter(course__center=center).count()
        if have >= runs:
            return
        self.stdout.write(f"course runs: {have} → {runs}")
        category, _ = CourseCategory.objects.get_or_create(
            slug="bench", defaults={"name": "벤치 과정", "name_en": "Bench courses"}
        )
        trainees = list(
            User.objects.filter(email__endswith="@" + EMAIL_DOMAIN, is_trainee=True).values_list(
                "pk", flat=True
            )
        )
        today = timezone.localdate()
        tz = timezone.get_default_timezone()
        rng = self.rng
        with transaction.atomic():
            courses = Course.objects.bulk_create(
                Course(
                    center=center,
                    category=category,
                    title=f"벤치 귀금속 세공 실무 {i:04d}",
                    title_en=f"Bench metalwork {i:04d}",
                    summary="반지와 펜던트를 직접 만들어 봅니다.",
                    total_hours=40,
                    is_published=i % 10 == 0,  # a catalog of a few hundred, history of thousands
                )
                for i in range(have // 5, runs // 5 + 1)
            )
            new_runs = []
            for n in range(runs - have):
                starts = today + dt.timedelta(days=rng.randint(-5 * 365, 60))
                new_runs.append(
                    CourseRun(
                        course=courses[n % len(courses)],
                        name=f"{starts.year}년 {n % 4 + 1}기",
                        starts_on=starts,
                        ends_on=starts + dt.timedelta(days=27),
                        capacity=20,
                        place="센터 3층 실습실",
                        enrollment_opens_at=timezone.make_aware(
                            dt.datetime.combine(starts - dt.timedelta(days=30), dt.time(9)), tz
                        ),
                        enrollment_closes_at=timezone.make_aware(
                            dt.datetime.combine(starts, dt.time.min), tz
                        ),
                    )
                )
            new_runs = CourseRun.objects.bulk_create(new_runs, batch_size=2000)
            meetings = ClassMeeting.objects.bulk_create(
                (
                    ClassMeeting(
                        run=run,
                        starts_at=timezone.make_aware(
                            dt.datetime.combine(
                                run.starts_on + dt.timedelta(days=7 * k), dt.time(10)
                            ),
                            tz,
                        ),
                        ends_at=timezone.make_aware(
                            dt.datetime.combine(
                                run.starts_on + dt.timedelta(days=7 * k), dt.time(14)
                            ),
                            tz,
                        ),
                        topic="실습",
                    )
                    for run in new_runs
                    for k in range(4)
                ),
                batch_size=5000,
            )
            by_run: dict[int, list[ClassMeeting]] = {}
            for meeting in meetings:
                by_run.setdefault(meeting.run_id, []).append(meeting)
            enrollments = Enrollment.objects.bulk_create(
                (
                    Enrollment(
                        run=run,
                        user_id=user_id,
                        status=Enrollment.Status.CONFIRMED,
                        confirmed_at=timezone.now(),
                    )
                    for run in new_runs
                    for user_id in rng.sample(trainees, min(12, len(trainees)))
                ),
                batch_size=5000,
                ignore_conflicts=True,
            )
            enrollments = list(
                Enrollment.objects.filter(run__in=new_runs).values_list("pk", "run_id")
            )
            past = timezone.now()
            Attendance.objects.bulk_create(
                (
                    Attendance(
                        meeting=meeting,
                        enrollment_id=enrollment_id,
                        status=rng.choice(["present"] * 8 + ["late", "absent"]),
                    )
                    for enrollment_id, run_id in enrollments
                    for meeting in by_run.get(run_id, [])
                    if meeting.starts_at < past
                ),
                batch_size=10000,
                ignore_conflicts=True,
            )

    def _consultations(self, center: Center, count: int) -> None:
        counselor = self.user("bench-counselor", center_role="counselor", center=center)
        type_, _ = ConsultationType.objects.get_or_create(
            center=center, name="벤치 창업 상담", defaults={"name_en": "Bench startup consulting"}
        )
        type_.counselors.add(counselor)
        have = Booking.objects.filter(type=type_).count()
        if have >= count:
            return
        self.stdout.write(f"consultations: {have} → {count}")
        trainees = list(
            User.objects.filter(email__endswith="@" + EMAIL_DOMAIN, is_trainee=True).values_list(
                "pk", flat=True
            )[:count]
        )
        first = timezone.now().replace(minute=0, second=0, microsecond=0) - dt.timedelta(
            hours=count
        )
        rows = []
        for n in range(have, count):
            start = first + dt.timedelta(hours=n)  # one counselor, never overlapping
            rows.append(
                Booking(
                    center=center,
                    type=type_,
                    counselor=counselor,
                    person_id=trainees[n % len(trainees)],
                    status=Booking.Status.COMPLETED
                    if start < timezone.now()
                    else Booking.Status.CONFIRMED,
                    start=start,
                    end=start + dt.timedelta(minutes=50),
                    blocked_start=start,
                    blocked_end=start + dt.timedelta(minutes=50),
                )
            )
        Booking.objects.bulk_create(rows, batch_size=5000)

    def _applications(self) -> None:
        if Application.objects.filter(applicant__email__endswith="@" + EMAIL_DOMAIN).exists():
            return
        postings = list(
            Posting.objects.filter(company__name__startswith="BENCH ").values_list("pk", flat=True)[
                :2000
            ]
        )
        trainees = list(
            User.objects.filter(email__endswith="@" + EMAIL_DOMAIN, is_trainee=True).values_list(
                "pk", flat=True
            )[:5000]
        )
        Application.objects.bulk_create(
            (
                Application(posting_id=self.rng.choice(postings), applicant_id=user_id)
                for user_id in trainees
                for _ in range(3)
            ),
            batch_size=5000,
            ignore_conflicts=True,
        )

    def user(self, local: str, *, center_role: str = "", center=None, company=None) -> User:
        user, created = User.objects.get_or_create(
            email=f"{local}@{EMAIL_DOMAIN}", defaults={"name": local}
        )
        if center_role:
            CenterMembership.objects.get_or_create(center=center, user=user, role=center_role)
        if company is not None:
            CompanyMembership.objects.get_or_create(company=company, user=user, role="owner")
        return user

    def drop(self) -> None:
        center = Center.objects.filter(slug=BENCH_CENTER).first()
        if center is not None:
            Booking.objects.filter(center=center).delete()
            ConsultationType.objects.filter(center=center).delete()
            CourseRun.objects.filter(course__center=center).delete()
            Course.objects.filter(center=center).delete()
            center.delete()
        call_command("bench_matching", "--drop", stdout=self.stdout)

    # --- sessions and the plan the locustfile reads -----------------------------------------------
