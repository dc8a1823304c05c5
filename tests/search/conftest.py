"""Search fixtures: a small catalog of postings, courses and companies with Korean text."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from accounts.models import Company
from jobs.models import Posting, PostingSkill
from search import indexing
from skills.models import Skill, SkillCategory
from tests.factories import CompanyFactory

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 2)

# title, description, district, employment type, salary max (KRW), deadline offset, skills
POSTINGS = [
    (
        "귀금속 세공사",
        "반지와 목걸이를 세공합니다. 경력자 우대",
        "jongno",
        "full_time",
        42_000_000,
        20,
        ["세공"],
    ),
    (
        "주얼리 디자이너 (신입)",
        "쥬얼리 브랜드의 반지 디자인 업무",
        "jongno",
        "full_time",
        33_000_000,
        10,
        ["디자인"],
    ),
    (
        "다이아몬드 등급 감정 보조",
        "보석 감정 업무를 돕습니다",
        "jung",
        "contract",
        30_000_000,
        5,
        ["감정"],
    ),
    (
        "주얼리 CAD 모델러",
        "라이노로 반지 모델링, 3D 프린팅 출력 검수",
        "jongno",
        "full_time",
        48_000_000,
        40,
        ["CAD", "디자인"],
    ),
    (
        "보석 장신구 판매원",
        "매장에서 보석 장신구를 판매합니다",
        "gangnam",
        "part_time",
        None,
        None,
        [],
    ),
    ("왁스카빙 기능공", "왁스 원형 제작", "jongno", "contract", 36_000_000, 30, ["세공"]),
]


# What each posting asks for (experience, education): the job list's filters (jobs.filters).
LEVELS = {
    "귀금속 세공사": ("mid", "high_school"),
    "주얼리 디자이너 (신입)": ("entry", "college"),
    "다이아몬드 등급 감정 보조": ("any", "any"),
    "주얼리 CAD 모델러": ("junior", "bachelor"),
    "보석 장신구 판매원": ("any", "high_school"),
    "왁스카빙 기능공": ("senior", "master"),
}


@pytest.fixture
def search_skills(db):
    category = SkillCategory.objects.create(slug="search-test", name="제조", name_en="Making")
    return {
        name: Skill.objects.create(category=category, name=name, name_en=name, industry="주얼리")
        for name in ("세공", "디자인", "감정", "CAD")
    }


@pytest.fixture
def catalog(db, search_skills):
    """Six published postings of two verified companies, plus ones that must never be found."""
    gold = CompanyFactory(name="봉익동 골드웍스", district="jongno", size="small")
    gem = CompanyFactory(name="돈화문 감정연구소", district="jung", size="micro")
    hidden = CompanyFactory(name="미인증 공방", status=Company.Status.PENDING)
    postings = {}
    for number, (title, body, district, kind, salary, days, skills) in enumerate(POSTINGS):
        posting = Posting.objects.create(
            company=gem if "감정" in title else gold,
            title=title,
            description=body,
            district=district,
            employment_type=kind,
            salary_min=salary - 5_000_000 if salary else None,
            salary_max=salary,
            deadline=TODAY + dt.timedelta(days=days) if days else None,
            status=Posting.Status.PUBLISHED,
            published_at=NOW - dt.timedelta(days=number),
            experience_level=LEVELS[title][0],
            education=LEVELS[title][1],
        )
        for name in skills:
            PostingSkill.objects.create(posting=posting, skill=search_skills[name])
        postings[title] = posting
    # never to be found: a draft, a closed one, an unverified company's, one past its deadline
    for key, company, title, status, extra in (
        ("draft", gold, "세공 보조 (작성 중)", Posting.Status.DRAFT, {}),
        ("closed", gold, "세공 경력직 (마감)", Posting.Status.CLOSED, {"published_at": NOW}),
        ("unverified", hidden, "세공 직원 모집", Posting.Status.PUBLISHED, {"published_at": NOW}),
        (
            "expired",
            gold,
            "세공 단기 아르바이트",
            Posting.Status.PUBLISHED,
            {"published_at": NOW, "deadline": TODAY - dt.timedelta(days=1)},
        ),
    ):
        postings[key] = Posting.objects.create(
            company=company, title=title, description="반지 세공", status=status, **extra
        )
    for kind in ("jobs", "companies"):
        indexing.rebuild(kind)
    return postings


def elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture
def frozen_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture(autouse=True)
def _fresh_breaker():
    from search import breaker

    breaker.reset()
    yield
    breaker.reset()


@pytest.fixture
def courses(db, search_skills):
    """Three published courses of the jewelry center (one with an open run), one unpublished."""
    from accounts.models import Center
    from courses.models import Course, CourseCategory, CourseRun

    center = Center.objects.create(
        slug="search-jongno", name="종로 주얼리센터", region="서울 종로구", industry="주얼리"
    )
    making = CourseCategory.objects.create(slug="search-making", name="제조 실무")
    appraisal = CourseCategory.objects.create(slug="search-appraisal", name="감정")
    found = {}
    for title, category, level in (
        ("왁스카빙 기초", making, "beginner"),
        ("보석 감정 입문", appraisal, "beginner"),
        ("주얼리 CAD 실무", making, "intermediate"),
    ):
        found[title] = Course.objects.create(
            center=center,
            category=category,
            title=title,
            summary=f"{title} 과정입니다. 반지 제작을 실습합니다.",
            level=level,
            total_hours=40,
            is_published=True,
        )
    found["hidden"] = Course.objects.create(
        center=center, category=making, title="왁스카빙 심화 (준비 중)", total_hours=40
    )
    now = timezone.now()
    CourseRun.objects.create(
        course=found["왁스카빙 기초"],
        name="2026년 1기",
        starts_on=timezone.localdate() + dt.timedelta(days=30),
        ends_on=timezone.localdate() + dt.timedelta(days=60),
        capacity=10,
        enrollment_opens_at=now - dt.timedelta(days=1),
        enrollment_closes_at=now + dt.timedelta(days=20),
    )
    indexing.rebuild("courses")
    return found
