"""Demo skills taxonomy for ``manage.py seed_demo``: the jewelry trade and handmade shoes.

Skills map to NCS 능력단위 by *name* where the unit is known (보석가공: 보석 가공 계획 수립,
보석 원석 상태확인, 보석 원석 가공); the unit codes are left blank for staff to fill in
from the NCS site rather than guessed. Idempotent: looked up by category slug and name.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts.demo import TRAINEES
from accounts.models import User
from core.seeding import Demo

from .models import Skill, SkillCategory, TraineeSkill
from .services import trainee_skill_declare

JEWELRY = "주얼리"
SHOES = "수제화"

CATEGORIES = [
    ("design", "디자인", "Design", 10),
    ("manufacturing", "제조·가공", "Manufacturing", 20),
    ("appraisal", "감정·품질", "Appraisal and quality", 30),
    ("sales", "판매·마케팅", "Sales and marketing", 40),
    ("business", "창업·경영", "Business and startups", 50),
]


@dataclass(frozen=True)
class DemoSkill:
    category: str
    name: str
    name_en: str
    industry: str = JEWELRY
    ncs_name: str = ""
    ncs_level: int | None = None
    description: str = ""


SKILLS = [
    DemoSkill(
        "design",
        "주얼리 디자인 스케치",
        "Jewelry design sketching",
        description="착용감과 제작 공정을 고려한 반지·목걸이·귀걸이 디자인 도면을 손으로 그립니다.",
    ),
    DemoSkill(
        "design",
        "주얼리 CAD (Rhino/Matrix)",
        "Jewelry CAD (Rhino/Matrix)",
        description="Rhino와 Matrix로 출력·주조 가능한 3D 모델을 만듭니다.",
    ),
    DemoSkill(
        "manufacturing",
        "3D 프린팅",
        "3D printing for jewelry",
        description="레진·왁스 프린터로 원형을 출력하고 후처리합니다.",
    ),
    DemoSkill("manufacturing", "왁스 카빙", "Wax carving"),
    DemoSkill("manufacturing", "원형 제작", "Master model making"),
    DemoSkill(
        "manufacturing",
        "주조",
        "Casting",
        description="고무 몰드, 왁스 트리, 석고 매몰과 원심·진공 주조.",
    ),
    DemoSkill(
        "manufacturing",
        "물림·세팅",
        "Stone setting",
        description="발물림, 난집, 파베 등 보석 물림.",
    ),
    DemoSkill(
        "manufacturing",
        "귀금속 세공",
        "Precious-metal bench work",
        description="금·은 판재와 선재를 톱질·줄질·납땜해 반지와 체인을 만듭니다.",
    ),
    DemoSkill("manufacturing", "연마", "Polishing and finishing"),
    DemoSkill("manufacturing", "도금", "Plating", description="로듐·금 도금과 표면 처리."),
    DemoSkill(
        "manufacturing",
        "보석 원석 가공",
        "Lapidary (gemstone cutting)",
        ncs_name="보석가공 · 보석 원석 가공",
        ncs_level=5,
    ),
    DemoSkill(
        "manufacturing",
        "보석 가공 계획 수립",
        "Lapidary work planning",
        ncs_name="보석가공 · 보석 가공 계획 수립",
        ncs_level=4,
    ),
    DemoSkill(
        "appraisal",
        "보석 원석 상태 확인",
        "Rough gemstone assessment",
        ncs_name="보석가공 · 보석 원석 상태확인",
        ncs_level=5,
    ),
    DemoSkill(
        "appraisal",
        "보석 감별",
        "Gem identification",
        description="굴절계·편광기·분광기로 천연·합성·모조석을 구별합니다.",
    ),
    DemoSkill("appraisal", "다이아몬드 4C 등급 판정", "Diamond 4C grading"),
    DemoSkill(
        "appraisal", "귀금속 함량 분석", "Precious metal assay", description="금·은·백금 품위 측정."
    ),
    DemoSkill("sales", "주얼리 판매·VMD", "Jewelry sales and visual merchandising"),
    DemoSkill("sales", "온라인 쇼핑몰 운영", "Online store operation", industry=""),
    DemoSkill("sales", "해외 판로 개척", "Export market development", industry=""),
    DemoSkill("business", "협동조합 설립·운영", "Founding and running a cooperative", industry=""),
    DemoSkill("business", "창업 사업계획", "Startup business planning", industry=""),
    # 성수 수제화
    DemoSkill("design", "수제화 패턴 설계", "Shoe pattern making", industry=SHOES),
    DemoSkill("manufacturing", "갑피 재단", "Upper cutting", industry=SHOES),
    DemoSkill("manufacturing", "갑피 재봉", "Upper stitching", industry=SHOES),
    DemoSkill("manufacturing", "저부 제작 (라스팅)", "Lasting and bottoming", industry=SHOES),
    DemoSkill("manufacturing", "구두 마감·수선", "Shoe finishing and repair", industry=SHOES),
]

# What some demo trainees say they can already do (self-rated, 1–5).
DECLARED = {
    "minji.kim@example.com": [("주얼리 디자인 스케치", 3), ("주얼리 판매·VMD", 2)],
    "doyun.lee@example.com": [("왁스 카빙", 3), ("주조", 2)],
    "seojun.park@example.com": [("보석 감별", 2)],
    "jiwoo.choi@example.com": [("주얼리 CAD (Rhino/Matrix)", 2), ("3D 프린팅", 2)],
    "yerin.jung@example.com": [("수제화 패턴 설계", 3)],
    "hajun.kang@example.com": [("창업 사업계획", 1)],
}


def skill_by_name(name: str) -> Skill:
    return Skill.objects.get(name=name)


def _tally(demo: Demo, what: str, created: bool) -> None:
    """Count what was created, when the runner keeps a tally (older runners do not)."""
    count = getattr(demo, "count", None)
    if callable(count):
        count(what, created)


def seed(demo: Demo) -> None:
    seed_taxonomy(demo)
    seed_declared_skills(demo)


def seed_taxonomy(demo: Demo) -> None:
    demo.section("기술 분류 (skills taxonomy)")
    categories = {}
    for slug, name, name_en, order in CATEGORIES:
        category, created = SkillCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
        _tally(demo, "skill categories", created)
        categories[slug] = category
    for item in SKILLS:
        _skill, created = Skill.objects.get_or_create(
            category=categories[item.category],
            name=item.name,
            defaults={
                "name_en": item.name_en,
                "industry": item.industry,
                "ncs_name": item.ncs_name,
                "ncs_level": item.ncs_level,
                "description": item.description,
            },
        )
        _tally(demo, "skills", created)
    demo.log(f"{len(SKILLS)}개 기술, {len(CATEGORIES)}개 분야")


def seed_declared_skills(demo: Demo) -> None:
    demo.section("교육생이 직접 입력한 기술 (declared skills)")
    emails = {person.email for person, _optional in TRAINEES}
    for email, items in DECLARED.items():
        if email not in emails:
            continue
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            continue
        for name, level in items:
            skill = skill_by_name(name)
            exists = TraineeSkill.objects.filter(
                user=user, skill=skill, source=TraineeSkill.Source.DECLARED
            ).exists()
            if not exists:
                trainee_skill_declare(user=user, skill=skill, level=level)
            _tally(demo, "declared skills", not exists)
        demo.log(f"{user.name}: " + ", ".join(f"{n} {lv}" for n, lv in items))
