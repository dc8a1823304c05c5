"""Demo jobs for ``manage.py seed_demo`` (docs/demo-data.md): jewelry employers in Jongno, postings,
discoverable trainees with verified skills, and applications at every pipeline stage.

Idempotent: companies are found by 사업자등록번호, people by email, postings by (company, title),
applications by (posting, applicant). Rows are written directly (no email goes out).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from accounts.consents import EMPLOYER_DISCOVERY
from accounts.demo import JONGNO, STAFF, with_check_digit
from accounts.models import Center, Company, CompanyCenter, CompanyMembership, User
from accounts.services import consents_record, user_create
from core.seeding import Demo
from skills.evidence import course_completion
from skills.models import Skill, TraineeSkill

from ..models import (
    Application,
    ApplicationEvent,
    Bookmark,
    EmployerNote,
    JobSeekerProfile,
    Posting,
    PostingSkill,
)
from ..services import posting_sync_match_rows
from .hiring import seed_hiring_steps
from .messages import seed_threads
from .resume import seed_resumes

# Postings require the skills of the shared taxonomy (skills/demo.py, seeded first), so the
# skills trainees verify by completing a course are the ones employers ask for.
# Fictional employers in 종로구 (봉익동, 묘동, 익선동, 종로3가 주얼리 거리). The first nine digits of
# each 사업자등록번호 start with 101 (종로세무서); the check digit is computed.
EMPLOYERS = [
    ("봉익동 골드웍스", "101814001", "귀금속 제조", "small"),
    ("묘동 세팅하우스", "101814002", "보석 세팅", "micro"),
    ("익선 주얼리랩", "101814003", "주얼리 디자인", "small"),
    ("종로 캐스팅센터", "101814004", "주조", "small"),
    ("돈화문 감정연구소", "101814005", "보석 감정", "micro"),
    ("(주)청계 파인주얼리", "101814006", "주얼리 제조·유통", "medium"),
    ("서순라길 공방", "101814007", "수제 주얼리", "micro"),
    ("운니동 다이아몬드", "101814008", "다이아몬드 유통", "small"),
    ("종로3가 금은방 연합", "101814009", "귀금속 소매", "small"),
    ("(주)피카디리 주얼리", "101814010", "주얼리 브랜드", "medium"),
    ("낙원 CAD 스튜디오", "101814011", "주얼리 CAD", "micro"),
    ("권농동 광택공업사", "101814012", "연마·도금", "micro"),
    ("(주)와룡 보석", "101814013", "유색보석 수입", "small"),
    ("창덕 웨딩링", "101814014", "웨딩 주얼리", "small"),
]

# The owners of the companies above, in the same order (fictional).
OWNER_NAMES = [
    "조성민",
    "김현정",
    "박지훈",
    "이정호",
    "최수빈",
    "정민석",
    "강은영",
    "윤재원",
    "장혜진",
    "임동현",
    "한승우",
    "오미경",
    "서태호",
    "신유리",
]

# title, employment type, work mode, (salary min, max) in 만원 or None, required skills, preferred skills
POSTINGS = [
    (
        "귀금속 세공사",
        "full_time",
        "onsite",
        (3000, 4200),
        ["귀금속 세공", "연마"],
        ["왁스 카빙"],
    ),
    (
        "주얼리 CAD 디자이너",
        "full_time",
        "hybrid",
        (3200, 4500),
        ["주얼리 CAD (Rhino/Matrix)"],
        ["3D 프린팅", "주얼리 디자인 스케치"],
    ),
    (
        "보석 감정사",
        "full_time",
        "onsite",
        (3400, 5000),
        ["다이아몬드 4C 등급 판정"],
        ["보석 감별"],
    ),
    (
        "주얼리 판매 매니저",
        "full_time",
        "onsite",
        (2900, 3800),
        ["주얼리 판매·VMD"],
        ["온라인 쇼핑몰 운영"],
    ),
    ("주조 기능공", "full_time", "onsite", (2800, 3600), ["주조"], ["왁스 카빙"]),
    ("세팅 기능공", "full_time", "onsite", (3000, 4500), ["물림·세팅"], ["연마"]),
    ("왁스 카빙 견습생", "work_study", "onsite", (2600, 2900), ["왁스 카빙"], []),
    ("광택·도금 기능공", "contract", "onsite", (2700, 3300), ["연마", "도금"], []),
    (
        "주얼리 디자이너 (인턴)",
        "intern",
        "hybrid",
        (2400, 2400),
        ["주얼리 디자인 스케치"],
        ["주얼리 CAD (Rhino/Matrix)"],
    ),
    ("온라인 쇼핑몰 MD", "part_time", "remote", None, ["온라인 쇼핑몰 운영"], ["주얼리 판매·VMD"]),
    (
        "유색보석 감별 보조",
        "contract",
        "onsite",
        (2800, 3200),
        ["보석 감별"],
        ["다이아몬드 4C 등급 판정"],
    ),
    (
        "3D 프린팅 오퍼레이터",
        "full_time",
        "onsite",
        (2900, 3500),
        ["3D 프린팅"],
        ["주얼리 CAD (Rhino/Matrix)"],
    ),
]

# Discoverable trainees (Korean names, 010-0xxx numbers that reach nobody) and their skills:
# (skill, level, verified?)
TRAINEES = [
    (
        "ga-eun.song@example.com",
        "송가은",
        "주얼리 CAD 디자이너 지망",
        [
            ("주얼리 CAD (Rhino/Matrix)", 4, True),
            ("3D 프린팅", 3, True),
            ("주얼리 디자인 스케치", 3, False),
        ],
    ),
    (
        "tae-yang.ryu@example.com",
        "류태양",
        "세공·세팅 기능인",
        [("귀금속 세공", 4, True), ("물림·세팅", 3, True), ("연마", 4, False)],
    ),
    (
        "so-hee.moon@example.com",
        "문소희",
        "보석 감정 전문가 지망",
        [("다이아몬드 4C 등급 판정", 3, True), ("보석 감별", 2, True)],
    ),
    (
        "jun-seo.hwang@example.com",
        "황준서",
        "주조 기능공",
        [("주조", 4, True), ("왁스 카빙", 3, True)],
    ),
    (
        "ha-eun.yoon@example.com",
        "윤하은",
        "주얼리 판매 상담",
        [("주얼리 판매·VMD", 4, True), ("온라인 쇼핑몰 운영", 3, False)],
    ),
    (
        "min-jae.jang@example.com",
        "장민재",
        "왁스 카빙 입문",
        [("왁스 카빙", 2, True), ("주얼리 디자인 스케치", 2, False)],
    ),
    ("ye-jin.lim@example.com", "임예진", "광택·도금", [("연마", 3, True), ("도금", 3, True)]),
    (
        "woo-jin.han@example.com",
        "한우진",
        "세팅 기능공",
        [("물림·세팅", 4, True), ("귀금속 세공", 3, False)],
    ),
    (
        "seo-yeon.oh@example.com",
        "오서연",
        "주얼리 디자이너",
        [("주얼리 디자인 스케치", 4, True), ("주얼리 CAD (Rhino/Matrix)", 2, True)],
    ),
    (
        "ji-ho.seo@example.com",
        "서지호",
        "쇼핑몰 운영",
        [("온라인 쇼핑몰 운영", 4, True), ("주얼리 판매·VMD", 2, False)],
    ),
    (
        "na-yeon.kwon@example.com",
        "권나연",
        "보석 감별",
        [("보석 감별", 3, True), ("다이아몬드 4C 등급 판정", 2, False)],
    ),
    (
        "hyun-woo.shin@example.com",
        "신현우",
        "3D 프린팅",
        [("3D 프린팅", 4, True), ("주얼리 CAD (Rhino/Matrix)", 3, False)],
    ),
]

# What the postings ask for, in turn: the job list's 신입/경력/무관 and education filters.
DEMO_EXPERIENCE = ["entry", "any", "junior", "entry", "mid", "any", "senior"]
DEMO_EDUCATION = ["any", "high_school", "any", "college", "bachelor"]

PIPELINE = ["submitted", "screening", "interview", "offer", "hired"]
STAGES = ["submitted", "screening", "interview", "offer", "hired", "rejected", "withdrawn"]


def seed(demo: Demo) -> None:
    rng = random.Random(2026)  # noqa: S311 — demo data, not security
    skills = seed_skills(demo)
    companies = seed_employers(demo)
    postings = seed_postings(demo, companies, skills, rng)
    trainees = seed_trainees(demo, skills)
    seed_applications(demo, postings, trainees, rng)
    seed_bookmarks(demo, postings, trainees)
    owner = User.objects.filter(company_memberships__company=companies[0]).first()
    seed_threads(demo, employer=owner, trainee=trainees[0])
    seed_resumes(demo)


def seed_skills(demo: Demo) -> dict[str, Skill]:
    """The taxonomy's skills that the demo postings and trainees name."""
    names = {name for _title, _type, _mode, _salary, req, pref in POSTINGS for name in req + pref}
    names |= {
        name for _email, _name, _headline, held in TRAINEES for name, _level, _verified in held
    }
    skills = {skill.name: skill for skill in Skill.objects.filter(name__in=names)}
    missing = sorted(names - skills.keys())
    if missing:
        raise RuntimeError(f"skills/demo.py must seed these skills first: {', '.join(missing)}")
    return skills


def _user(demo: Demo, email: str, name: str, phone: str, *, trainee: bool = False) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_create(
            email=email,
            password=demo.password,
            name=name,
            phone=phone,
            is_trainee=trainee,
            email_verified=True,
        )
    return user


def seed_employers(demo: Demo) -> list[Company]:
    """Jewelry employers registered with, and verified by, the Jongno center."""
    demo.section("Jewelry employers in Jongno (fictional)")
    staff = User.objects.filter(email=STAFF[JONGNO][0].email).first()
    jongno = Center.objects.get(slug=JONGNO)
    mine = [with_check_digit(body) for _name, body, _industry, _size in EMPLOYERS]
    # The verified Jongno companies accounts/demo.py made, then ours, in a fixed order.
    companies = list(
        Company.objects.filter(status=Company.Status.VERIFIED, district="jongno")
        .exclude(brn__in=mine)
        .order_by("brn")
    )
    for i, (name, brn_body, industry, size) in enumerate(EMPLOYERS, start=1):
        brn = with_check_digit(brn_body)
        company = Company.objects.filter(brn=brn).first()
        if company is None:
            owner = _user(
                demo, f"employer{i:02d}@example.com", OWNER_NAMES[i - 1], f"010-0210-{i:04d}"
            )
            consents_record(user=owner, granted={"terms": True, "privacy": True})
            company = Company.objects.create(
                name=name,
                brn=brn,
                industry=industry,
                size=size,
                district="jongno",
                address=f"서울특별시 종로구 (데모 주소 {i})",
                status=Company.Status.VERIFIED,
                verified_at=timezone.now(),
                verified_by=staff,
                description=f"{name}은(는) 종로 주얼리 거리의 {industry} 업체입니다. (데모용 가상 기업)",
            )
            CompanyMembership.objects.create(
                company=company, user=owner, role=CompanyMembership.CompanyRole.OWNER
            )
            CompanyCenter.objects.create(
                company=company,
                center=jongno,
                status=Company.Status.VERIFIED,
                requested_by=owner,
                decided_by=staff,
                decided_at=timezone.now(),
            )
            if i == 1:
                demo.add_login(
                    "employer", owner.email, owner.name, f"{company.name} · owner · 10+ postings"
                )
        companies.append(company)
    demo.log(f"{len(companies)} verified jewelry employers in Jongno")
    return companies


def seed_postings(
    demo: Demo, companies: list[Company], skills: dict[str, Skill], rng: random.Random
) -> list[Posting]:
    demo.section("Job postings (published, under review, drafts, closed)")
    today = timezone.localdate()
    now = timezone.now()
    staff = User.objects.filter(email=STAFF[JONGNO][0].email).first()
    jongno = Center.objects.get(slug=JONGNO)  # every demo posting is reviewed by the Jongno staff
    postings = []
    n = 0
    for c_index, company in enumerate(companies):
        owner = User.objects.filter(company_memberships__company=company).first()
        count = 4 if c_index == 0 else 3
        for p_index in range(count):
            title, etype, mode, salary, required, preferred = POSTINGS[
                (c_index * 3 + p_index) % len(POSTINGS)
            ]
            n += 1
            status = "published"
            if n % 13 == 0:
                status = "pending"
            elif n % 17 == 0:
                status = "draft"
            elif n % 11 == 0:
                status = "closed"
            posting = Posting.objects.filter(company=company, title=title).first()
            if posting is None:
                published = now - dt.timedelta(days=rng.randrange(0, 20))
                days_left = rng.randrange(7, 60)
                if n % 7 == 1:  # a few close soon, for the D-day badges (D-day … D-3)
                    days_left = n % 4
                posting = Posting.objects.create(
                    company=company,
                    center=jongno,
                    title=title,
                    created_by=owner,
                    employment_type=etype,
                    work_mode=mode,
                    district="jongno",
                    address=company.address,
                    description=(
                        f"**{company.name}**에서 {title}를 모십니다.\n\n"
                        "- 종로 주얼리 거리 도보 5분\n- 4대 보험, 중식 제공\n- 센터 교육 수료생 우대"
                    ),
                    duties=f"{title} 업무 전반, 선임 지도 아래 실무 수행",
                    salary_min=None if salary is None else salary[0] * 10_000,
                    salary_max=None if salary is None else salary[1] * 10_000,
                    work_hours="09:00–18:00 (주 5일)",
                    openings=rng.randint(1, 3),
                    deadline=None if n % 5 == 0 else today + dt.timedelta(days=days_left),
                    experience_level=DEMO_EXPERIENCE[n % len(DEMO_EXPERIENCE)],
                    education=DEMO_EDUCATION[n % len(DEMO_EDUCATION)],
                    status=status,
                    submitted_at=None if status == "draft" else published,
                    published_at=published if status in ("published", "closed") else None,
                    closed_at=now if status == "closed" else None,
                    reviewed_by=staff if status in ("published", "closed") else None,
                    last_activity_at=published,
                )
                rows = [
                    PostingSkill(
                        posting=posting, skill=skills[s], kind="required", min_level=2, weight=3
                    )
                    for s in required
                ]
                rows += [
                    PostingSkill(
                        posting=posting, skill=skills[s], kind="preferred", min_level=1, weight=1
                    )
                    for s in preferred
                ]
                PostingSkill.objects.bulk_create(rows)
                posting_sync_match_rows(posting)
            postings.append(posting)
    published = sum(1 for p in postings if p.status == "published")
    demo.log(f"{len(postings)} postings ({published} published)")
    return postings


def seed_trainees(demo: Demo, skills: dict[str, Skill]) -> list[User]:
    demo.section("Discoverable trainees with verified skills")
    users = []
    for i, (email, name, headline, held) in enumerate(TRAINEES, start=1):
        user = _user(demo, email, name, f"010-0310-{i:04d}", trainee=True)
        # Discoverable because they consent to it ("employer_discovery"), nothing else.
        consents_record(
            user=user, granted={"terms": True, "privacy": True, EMPLOYER_DISCOVERY: True}
        )
        JobSeekerProfile.objects.get_or_create(
            user=user,
            defaults={
                "headline": headline,
                "education": "college",
                "experience_years": i % 4,
                "education_detail": "종로 주얼리산업지원센터 교육과정 수료",
                "preferred_districts": "jongno,jung",
                "employment_types": "full_time,contract",
                "salary_expectation": (2800 + (i % 5) * 200) * 10_000,
            },
        )
        for skill_name, level, verified in held:
            TraineeSkill.objects.get_or_create(
                user=user,
                skill=skills[skill_name],
                source="verified" if verified else "declared",
                defaults={
                    "level": level,
                    "evidence": course_completion(
                        course_title="종로 주얼리센터 과정 (데모)",
                        course_title_en="Jongno jewelry center course (demo)",
                        run_name="2025년 2기",
                        serial="DEMO",
                        completed_on="2025-12-19",
                    )
                    if verified
                    else {},
                },
            )
        if i == 1:
            demo.add_login(
                "trainee", email, name, "discoverable, verified CAD skills, applications"
            )
        users.append(user)
    demo.log(f"{len(users)} discoverable trainees")
    return users


def seed_applications(
    demo: Demo, postings: list[Posting], trainees: list[User], rng: random.Random
) -> None:
    demo.section("Applications at every stage, with interviews, offers and employments")
    open_postings = [p for p in postings if p.status in ("published", "closed")]
    created = 0
    for i, trainee in enumerate(trainees):
        for j in range(3):
            posting = open_postings[(i * 3 + j) % len(open_postings)]
            if Application.objects.filter(posting=posting, applicant=trainee).exists():
                continue
            stage = STAGES[(i + j) % len(STAGES)]
            # An offer or a hire follows a held interview: their story needs ten days or more.
            low = 10 if stage in ("offer", "hired") else 3
            start = timezone.now() - dt.timedelta(days=rng.randrange(low, low + 12))
            application = Application.objects.create(
                posting=posting,
                applicant=trainee,
                status=stage,
                use_platform_resume=True,
                cover_letter=f"{posting.company.name} {posting.title} 공고에 지원합니다. 센터 과정을 수료했습니다.",
            )
            Application.objects.filter(pk=application.pk).update(created_at=start)
            path = (
                PIPELINE[: PIPELINE.index(stage) + 1] if stage in PIPELINE else ["submitted", stage]
            )
            previous = ""
            owner = User.objects.filter(company_memberships__company=posting.company).first()
            # 제안 and 취업 come with the offer that causes them (jobs/demo/hiring.py).
            path = [step for step in path if step not in ("offer", "hired")]
            for k, step in enumerate(path):
                ApplicationEvent.objects.create(
                    application=application,
                    from_status=previous,
                    to_status=step,
                    actor=trainee if step in ("submitted", "withdrawn") else owner,
                    created_at=start + dt.timedelta(days=k),
                )
                previous = step
            if stage in ("interview", "offer"):
                EmployerNote.objects.create(
                    application=application,
                    author=owner,
                    body="포트폴리오 확인, 실기 테스트 일정 조율 (데모 메모)",
                )
            steps = seed_hiring_steps(application, stage, owner, created, start)
            if steps:
                demo.log(f"{trainee.name} → {posting.title}: {steps}")
            created += 1
    demo.log(
        f"{created} applications created "
        f"({', '.join(sorted(set(Application.objects.values_list('status', flat=True))))})"
    )


def seed_bookmarks(demo: Demo, postings: list[Posting], trainees: list[User]) -> None:
    """관심 공고: each demo trainee keeps two or three open postings, one of them closing soon."""
    demo.section("Bookmarked postings (관심 공고)")
    today = timezone.localdate()
    open_postings = [
        p
        for p in postings
        if p.status == "published" and (p.deadline is None or p.deadline >= today)
    ]
    closing = sorted((p for p in open_postings if p.deadline is not None), key=lambda p: p.deadline)
    created = 0
    for index, trainee in enumerate(trainees):
        chosen = open_postings[index::5][:2]
        if closing:
            chosen.append(closing[index % min(3, len(closing))])
        for posting in chosen:
            _bookmark, made = Bookmark.objects.get_or_create(user=trainee, posting=posting)
            created += made
    demo.log(f"{created} bookmarks")
