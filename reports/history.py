"""Years of a center's activity in bulk, for ``bench_outcomes``, the demo and query-count tests.

Rows go in with ``core.bulk.copy_rows`` (COPY on PostgreSQL): no services, no emails, no
per-row logic. Every figure is drawn from a seeded ``random.Random`` so a run is repeatable.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from accounts.consents import DOCUMENTS
from accounts.models import Center, Company, Consent, User
from consulting.models import Booking, ConsultationType, Outcome
from core.bulk import copy_rows
from courses.models import Certificate, Completion, Course, CourseCategory, CourseRun, Enrollment
from fairs.models import Fair, Registration
from jobs.models import Application, Employment, Posting, SalaryBand

from .models import FollowUp, RateExclusion

COURSES = [
    ("주얼리 디자인 기초", "Jewelry design basics"),
    ("주얼리 CAD 실무", "Jewelry CAD in practice"),
    ("왁스 카빙과 주조", "Wax carving and casting"),
    ("보석 세팅 전문가 과정", "Stone setting specialist"),
    ("귀금속 연마와 마감", "Precious metal polishing and finishing"),
    ("보석 감정사 양성", "Gem appraiser training"),
]
COMPANIES = ["세운주얼리", "종로보석상사", "돈화문공방", "익선귀금속", "낙원세팅", "인사동디자인"]
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = [
    "민준",
    "서연",
    "지우",
    "하은",
    "도윤",
    "서윤",
    "예준",
    "지민",
    "주원",
    "수아",
    "현우",
    "다은",
]


@dataclass
class HistoryStats:
    trainees: int = 0
    runs: int = 0
    enrollments: int = 0
    completions: int = 0
    employments: int = 0
    bookings: int = 0
    applications: int = 0
    counts: dict = field(default_factory=dict)


def insert(model, rows: list[dict]) -> None:
    """Insert plain rows: missing fields take their default (or empty), timestamps now."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    postgres = connection.vendor == "postgresql"

    def value(f, row):
        if f.attname in row:
            v = row[f.attname]
        elif f.name in row:
            v = row[f.name]
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            v = now
        elif f.has_default():
            v = f.get_default()
        elif f.null:
            v = None
        else:
            v = ""
        if postgres and v is not None and f.get_internal_type() == "JSONField":
            v = f.get_db_prep_save(v, connection)
        return v

    if postgres:
        copy_rows(model, [f.attname for f in fields], ([value(f, r) for f in fields] for r in rows))
    else:
        model.objects.bulk_create(
            [model(**{f.attname: value(f, r) for f in fields}) for r in rows], batch_size=1000
        )


def _ids(queryset) -> list[int]:
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def generate(
    center: Center,
    *,
    trainees_per_year: int,
    years: int = 5,
    today: dt.date | None = None,
    seed: int = 13,
    prefix: str = "hist",
    counselor: User | None = None,
    company: Company | None = None,
) -> HistoryStats:
    """``years`` of runs ending before ``today``, about ``trainees_per_year`` new trainees a year.

    Completion is drawn around 85 %, dropouts around 5 %, the employment of completers
    around 70 % within the window, consultations for a third of the trainees.
    """
    rng = random.Random(seed)  # noqa: S311 - repeatable made-up data, not a secret
    today = today or timezone.localdate()
    stats = HistoryStats()
    password = make_password(None)
    category, _ = CourseCategory.objects.get_or_create(
        slug="jewelry-making", defaults={"name": "주얼리 제작", "name_en": "Jewelry making"}
    )
    courses = []
    for i, (title, title_en) in enumerate(COURSES):
        course = Course.objects.filter(center=center, title=title).first()
        if course is None:
            course = Course.objects.create(
                center=center,
                category=category,
                title=title,
                title_en=title_en,
                summary=f"{title} 과정",
                summary_en=title_en,
                total_hours=120 + 40 * (i % 3),
                is_published=True,
            )
        courses.append(course)

    # runs: two per course per year, spring and autumn, each ~3 months
    first_year = today.year - years
    runs_before = CourseRun.objects.aggregate(m=Max("pk"))["m"] or 0
    capacity = max(20, round(trainees_per_year * 1.3 / (len(courses) * 2)))
    run_rows = []
    for year in range(first_year, today.year + 1):
        for course in courses:
            for starts in (dt.date(year, 3, 2), dt.date(year, 9, 1)):
                ends = starts + dt.timedelta(days=88)
                if ends >= today or starts < today - dt.timedelta(days=365 * years):
                    continue
                run_rows.append(
                    {
                        "course_id": course.pk,
                        "name": f"{year}년 {'1' if starts.month == 3 else '2'}기",
                        "starts_on": starts,
                        "ends_on": ends,
                        "capacity": capacity,
                        "enrollment_opens_at": _at(starts - dt.timedelta(days=60)),
                        "enrollment_closes_at": _at(starts - dt.timedelta(days=7)),
                        "status": CourseRun.Status.COMPLETED,
                    }
                )
    insert(CourseRun, run_rows)
    runs = list(CourseRun.objects.filter(course__in=courses, pk__gt=runs_before).order_by("pk"))
    stats.runs = len(runs)

    total = trainees_per_year * years
    user_rows = []
    joined = _at(today - dt.timedelta(days=365 * years))
    for i in range(total):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        user_rows.append(
            {
                "email": f"{prefix}-{i:06d}@example.com",
                "name": name,
                "password": password,
                "phone": f"010-0{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                "is_trainee": True,
                "date_joined": _at(today - dt.timedelta(days=365 * years)),
            }
        )
    insert(User, user_rows)
    user_ids = _ids(User.objects.filter(email__startswith=f"{prefix}-"))
    users_by_id = {uid: row["name"] for uid, row in zip(user_ids, user_rows, strict=False)}
    insert(
        Consent,
        [
            {"user_id": uid, "document": doc.key, "version": doc.version, "granted_at": joined}
            for uid in user_ids
            for doc in DOCUMENTS.values()
            if doc.required
        ],
    )
    stats.trainees = len(user_ids)
    if not runs or not user_ids:
        return stats

    # enrollments: each trainee takes one run (a fifth of them a second one)
    enrollment_rows = []
    plan = []  # (user, run, kind)
    for uid in user_ids:
        picks = [rng.choice(runs)]
        if rng.random() < 0.2:
            other = rng.choice(runs)
            if other.pk != picks[0].pk:
                picks.append(other)
        for run in picks:
            roll = rng.random()
            kind = "dropout" if roll < 0.05 else "cancelled" if roll < 0.08 else "confirmed"
            confirmed_at = _at(run.starts_on - dt.timedelta(days=10))
            enrollment_rows.append(
                {
                    "run_id": run.pk,
                    "user_id": uid,
                    "status": Enrollment.Status.CONFIRMED
                    if kind == "confirmed"
                    else Enrollment.Status.CANCELLED,
                    "confirmed_at": confirmed_at,
                    "cancelled_at": None
                    if kind == "confirmed"
                    else _at(run.starts_on + dt.timedelta(days=20))
                    if kind == "dropout"
                    else _at(run.starts_on - dt.timedelta(days=5)),
                    "answers": {},
                }
            )
            plan.append((uid, run, kind))
    insert(Enrollment, enrollment_rows)
    enrollment_ids = _ids(Enrollment.objects.filter(run__in=runs))
    stats.enrollments = len(enrollment_ids)

    completion_rows, cert_rows, employment_rows, exclusion_rows, employed = [], [], [], [], []
    course_by_id = {c.pk: c for c in courses}
    for eid, (uid, run, kind) in zip(enrollment_ids, plan, strict=True):
        if kind != "confirmed":
            continue
        completed = rng.random() < 0.9
        rate = rng.randint(82, 100) if completed else rng.randint(40, 79)
        completion_rows.append(
            {
                "enrollment_id": eid,
                "status": Completion.Status.COMPLETED
                if completed
                else Completion.Status.NOT_COMPLETED,
                "attendance_rate": rate,
                "hours_attended": rate,
                "evaluated_at": _at(run.ends_on + dt.timedelta(days=1)),
            }
        )
        if not completed:
            continue
        course = course_by_id[run.course_id]
        cert_rows.append(
            {
                "enrollment_id": eid,
                "user_id": uid,
                "run_id": run.pk,
                "serial": f"{prefix.upper()}-{eid}",
                "code": secrets.token_urlsafe(18),
                "holder_name": users_by_id.get(uid, "교육생"),
                "course_title": course.title,
                "course_title_en": course.title_en,
                "hours_attended": rate,
                "attendance_rate": rate,
                "issued_at": _at(run.ends_on + dt.timedelta(days=2)),
            }
        )
        roll = rng.random()
        if roll < 0.7:
            start = run.ends_on + dt.timedelta(days=rng.randint(-20, 170))
            employment_rows.append(
                {
                    "person_id": uid,
                    "company_name": rng.choice(COMPANIES),
                    "position": "주얼리 제작",
                    "start_date": start,
                    "employment_type": rng.choice(["full_time", "full_time", "contract"]),
                    "salary_band": rng.choice(SalaryBand.values),
                    "source": rng.choice(
                        [Employment.Source.STAFF, Employment.Source.SELF_REPORTED]
                    ),
                    "created_at": _at(min(start, today)),
                    "company_id": company.pk if company and rng.random() < 0.2 else None,
                }
            )
            employed.append(start)
        elif roll < 0.75:
            exclusion_rows.append(
                {
                    "enrollment_id": eid,
                    "reason": rng.choice(RateExclusion.Reason.values),
                }
            )
    insert(Completion, completion_rows)
    insert(Certificate, cert_rows)
    insert(Employment, employment_rows)
    insert(RateExclusion, exclusion_rows)
    stats.completions = len(completion_rows)
    stats.employments = len(employment_rows)

    # follow-ups of the jobs whose 6 and 12 months have passed
    employment_ids = _ids(Employment.objects.filter(person_id__in=user_ids).only("pk"))
    starts = dict(Employment.objects.filter(pk__in=employment_ids).values_list("pk", "start_date"))
    follow_rows = []
    for emp_id in employment_ids:
        start = starts[emp_id]
        for months, keep in ((6, 0.85), (12, 0.75)):
            due = start + dt.timedelta(days=round(months * 30.4))
            if due > today:
                continue
            answered = rng.random() < 0.8
            follow_rows.append(
                {
                    "employment_id": emp_id,
                    "months": months,
                    "due_on": due,
                    "sent_at": _at(due),
                    "expires_at": _at(due + dt.timedelta(days=30)),
                    "answered_at": _at(due + dt.timedelta(days=3)) if answered else None,
                    "still_employed": (rng.random() < keep) if answered else None,
                }
            )
    insert(FollowUp, follow_rows)

    # consultations for a third of the trainees, each at its own hour
    if counselor is not None:
        types = list(ConsultationType.objects.filter(center=center))
        if types:
            booking_rows = []
            base = _at(today - dt.timedelta(days=365 * years), 9)
            outcomes = [
                Outcome.BUSINESS_REGISTERED,
                Outcome.COOPERATIVE_FOUNDED,
                Outcome.REFERRED_TO_COURSE,
                Outcome.FOLLOW_UP,
                Outcome.HIRED,
                "",
                "",
            ]
            span_hours = max(1, (today - dt.timedelta(days=2) - base.date()).days * 24)
            chosen = rng.sample(user_ids, k=len(user_ids) // 3)
            step = max(1, span_hours // max(1, len(chosen)))
            for n, uid in enumerate(chosen):
                start = base + dt.timedelta(hours=n * step)
                ctype = rng.choice(types)
                outcome = rng.choice(outcomes)
                booking_rows.append(
                    {
                        "center_id": center.pk,
                        "type_id": ctype.pk,
                        "counselor_id": counselor.pk,
                        "person_id": uid,
                        "status": Booking.Status.COMPLETED,
                        "start": start,
                        "end": start + dt.timedelta(minutes=50),
                        "blocked_start": start,
                        "blocked_end": start + dt.timedelta(minutes=50),
                        "answers": [],
                        "outcome": outcome,
                        "outcome_recorded_at": start + dt.timedelta(hours=1) if outcome else None,
                    }
                )
            insert(Booking, booking_rows)
            stats.bookings = len(booking_rows)

    # applications to one posting of the company, a quarter of the trainees
    if company is not None:
        posting = Posting.objects.filter(company=company, center=center).first()
        if posting is not None:
            app_rows = [
                {
                    "posting_id": posting.pk,
                    "applicant_id": uid,
                    "status": rng.choice(
                        [Application.Status.SUBMITTED, Application.Status.REJECTED]
                    ),
                    "created_at": _at(today - dt.timedelta(days=rng.randint(1, 365 * years))),
                }
                for uid in rng.sample(user_ids, k=len(user_ids) // 4)
            ]
            insert(Application, app_rows)
            stats.applications = len(app_rows)

    # fairs twice a year, a fifth of the trainees registered
    fairs_before = Fair.objects.aggregate(m=Max("pk"))["m"] or 0
    fair_rows = []
    for year in range(first_year, today.year):
        for month in (5, 11):
            day = dt.date(year, month, 15)
            fair_rows.append(
                {
                    "center_id": center.pk,
                    "title": f"{year} {center.industry} {'봄' if month == 5 else '가을'} 채용박람회",
                    "title_en": f"{year} {center.industry_en or center.industry} job fair "
                    f"({'spring' if month == 5 else 'autumn'})",
                    "starts_on": day,
                    "ends_on": day + dt.timedelta(days=1),
                    "registration_opens_at": _at(day - dt.timedelta(days=30)),
                    "registration_closes_at": _at(day),
                    "slots_open_at": _at(day - dt.timedelta(days=7)),
                    "status": "closed",
                }
            )
    insert(Fair, fair_rows)
    fair_ids = _ids(Fair.objects.filter(center=center, pk__gt=fairs_before))
    if fair_ids:
        insert(
            Registration,
            [
                {"fair_id": rng.choice(fair_ids), "attendee_id": uid}
                for uid in rng.sample(user_ids, k=len(user_ids) // 5)
            ],
        )
    return stats
