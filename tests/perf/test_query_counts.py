"""Query-count guards: every list page and API list runs the same number of queries for 3 rows
as for 30, and that number is written down here.

Each guard builds its rows in two steps (3, then 27 more) and requests the list after each
step; both requests must run exactly ``queries`` statements. An N+1 (a query per row) makes
the second count larger and fails the test; a new query on the page changes the written-down
number, which is then updated on purpose. A warm-up request after the first step fills the
process-wide caches (translations, content types) so they are not counted, and each count
must come with a list that changed, so a guard cannot pass on an empty page.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Company
from consulting.models import Booking, ConsultationType
from core import http_cache
from jobs import services as job_services
from skills.models import TraineeSkill
from tests.courses.factories import CourseFactory, CourseRunFactory, EnrollmentFactory, SkillFactory
from tests.factories import CompanyFactory, make_employer, make_trainee
from tests.fairs.conftest import make_fair
from tests.jobs.conftest import posting_data, publish

_serial = itertools.count(1)


@dataclass
class World:
    center: object
    staff: object
    trainee: object
    employer: object
    company: Company
    counselor: object
    extra: dict = field(default_factory=dict)


def _posting(world: World, *, company=None, by=None, publish_it=True, title=None):
    company = company or world.company
    posting = job_services.posting_create(
        company=company,
        by=by or world.employer,
        data=posting_data(title=title or f"귀금속 세공사 {next(_serial)}"),
        skills=[],
    )
    return publish(posting, world.staff) if publish_it else posting


def _other_company(world: World, **kwargs):
    company = CompanyFactory(centers=[world.center], **kwargs)
    return company, make_employer(company)


# --- builders: add n rows that the list shows ----------------------------------------------


def published_postings(world: World, n: int) -> None:
    for _ in range(n):
        company, owner = world.extra.setdefault("poster", _other_company(world))
        _posting(world, company=company, by=owner)


def own_postings(world: World, n: int) -> None:
    for _ in range(n):
        _posting(world)


def postings_in_review(world: World, n: int) -> None:
    for _ in range(n):
        posting = _posting(world, publish_it=False)
        job_services.posting_submit(posting=posting, by=world.employer)


def my_applications(world: World, n: int) -> None:
    for _ in range(n):
        company, owner = _other_company(world)
        posting = _posting(world, company=company, by=owner)
        job_services.application_create(posting=posting, applicant=world.trainee)


def applicants(world: World, n: int) -> None:
    posting = world.extra.get("posting")
    if posting is None:
        posting = world.extra["posting"] = _posting(world)
    for _ in range(n):
        job_services.application_create(posting=posting, applicant=make_trainee())


def published_courses(world: World, n: int) -> None:
    for _ in range(n):
        CourseRunFactory(course=CourseFactory(center=world.center))


def center_courses(world: World, n: int) -> None:
    published_courses(world, n)


def my_enrollments(world: World, n: int) -> None:
    for _ in range(n):
        EnrollmentFactory(
            run=CourseRunFactory(course=CourseFactory(center=world.center)), user=world.trainee
        )


def my_skills(world: World, n: int) -> None:
    for _ in range(n):
        TraineeSkill.objects.create(
            user=world.trainee, skill=SkillFactory(), level=3, source="self"
        )


def fairs(world: World, n: int) -> None:
    for _ in range(n):
        make_fair(world.center, title=f"주얼리 채용박람회 {next(_serial)}")


def _consultation_type(world: World) -> ConsultationType:
    type_ = world.extra.get("type")
    if type_ is None:
        type_ = ConsultationType.objects.create(
            center=world.center, name="창업 상담", name_en="Startup consulting"
        )
        type_.counselors.add(world.counselor)
        world.extra["type"] = type_
    return type_


def bookings(world: World, n: int) -> None:
    type_ = _consultation_type(world)
    base = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    for _ in range(n):
        start = base + dt.timedelta(hours=2 * next(_serial))
        Booking.objects.create(
            center=world.center,
            type=type_,
            counselor=world.counselor,
            person=world.trainee,
            status=Booking.Status.CONFIRMED,
            start=start,
            end=start + dt.timedelta(hours=1),
            blocked_start=start,
            blocked_end=start + dt.timedelta(hours=1),
        )


def companies_to_verify(world: World, n: int) -> None:
    for _ in range(n):
        _other_company(world, status=Company.Status.PENDING)


@dataclass(frozen=True)
class Guard:
    url: str | Callable[[World], str]
    persona: str  # "anon", "trainee", "employer", "counselor", "staff"
    build: Callable[[World, int], None]
    queries: int
    shows: Callable[[World], str] | None = None

    @property
    def id(self) -> str:
        name = self.url if isinstance(self.url, str) else self.url.__name__
        return f"{name}-{self.persona}-{self.build.__name__}"


def applicant_board(world: World) -> str:
    posting = world.extra.get("posting") or _posting(world)
    world.extra["posting"] = posting
    return reverse("jobs:employer_board", kwargs={"pk": posting.pk})


GUARDS = [
    # pages
    Guard("jobs:index", "anon", published_postings, queries=2),
    Guard("jobs:index", "trainee", published_postings, queries=9),
    Guard("jobs:my_applications", "trainee", my_applications, queries=10),
    Guard("jobs:employer_home", "employer", own_postings, queries=9),
    Guard(applicant_board, "employer", applicants, queries=11),
    Guard("jobs:staff_review", "staff", postings_in_review, queries=7),
    Guard("staff_companies", "staff", companies_to_verify, queries=11),
    Guard("courses:index", "anon", published_courses, queries=6),
    Guard("courses:my_enrollments", "trainee", my_enrollments, queries=7),
    Guard("courses:staff_courses", "staff", center_courses, queries=7),
    Guard("skills:mine", "trainee", my_skills, queries=8),
    Guard("fairs:index", "anon", fairs, queries=1),
    Guard("consulting:mine", "trainee", bookings, queries=7),
    Guard("consulting:agenda", "counselor", bookings, queries=6),
    # API lists
    Guard("api_jobs", "anon", published_postings, queries=2),
    Guard("api_my_applications", "trainee", my_applications, queries=7),
    Guard("api_courses", "anon", published_courses, queries=5),
    Guard("api_my_enrollments", "trainee", my_enrollments, queries=6),
    Guard("api_my_skills", "trainee", my_skills, queries=5),
    Guard("api_fairs", "anon", fairs, queries=1),
    Guard("api_my_consultations", "trainee", bookings, queries=6),
]


@pytest.fixture
def world(db, center, alice, bob, bob_company, carol, dave):
    return World(
        center=center, staff=dave, trainee=alice, employer=bob, company=bob_company, counselor=carol
    )


def _count(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response


@pytest.mark.parametrize("guard", GUARDS, ids=lambda g: g.id)
def test_a_list_runs_as_many_queries_for_30_rows_as_for_3(
    guard: Guard, world: World, client, monkeypatch
):
    if guard.persona != "anon":
        client.force_login(getattr(world, guard.persona))
    url = guard.url(world) if callable(guard.url) else reverse(guard.url)
    # An anonymous API answer kept for its validator would come back without a query
    # (tests/jobs/test_list_pages.py::TestKeptAnswers): the guard counts computing it.
    monkeypatch.setattr(http_cache, "KEEP_ANSWERS", False)
    empty = client.get(url).content
    guard.build(world, 3)
    client.get(url)  # warm-up: process-wide caches (content types, translations)
    few, with_few = _count(client, url)
    guard.build(world, 27)
    many, with_many = _count(client, url)
    # the rows are on the list: it changed with each batch
    assert empty != with_few.content != with_many.content
    assert (few, many) == (guard.queries, guard.queries)
