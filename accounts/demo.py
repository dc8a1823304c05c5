"""Demo centers, people and companies for ``manage.py seed_demo`` (see docs/demo-data.md).

Everything is looked up by its natural key (center slug, email, 사업자등록번호) and
created only when missing, so running the command again changes nothing. Later
apps find these rows through the constants below.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.utils import timezone

from core.seeding import Demo

from . import services
from .consents import DOCUMENTS
from .models import Center, Company, CompanyMembership, Role, User
from .validators import brn_check_digit, format_brn

JONGNO = "jongno-jewelry"
SEONGSU = "seongsu-shoes"

CENTERS = [
    {
        "slug": JONGNO,
        "name": "종로 주얼리산업지원센터",
        "name_en": "Jongno Jewelry Industry Support Center",
        "region": "서울 종로구",
        "region_en": "Jongno-gu, Seoul",
        "industry": "주얼리",
        "industry_en": "Jewelry",
        "address": "서울특별시 종로구 돈화문로 26 (데모)",
        "phone": "02-000-1001",
    },
    {
        "slug": SEONGSU,
        "name": "성수 수제화산업지원센터",
        "name_en": "Seongsu Handmade Shoe Industry Support Center",
        "region": "서울 성동구",
        "region_en": "Seongdong-gu, Seoul",
        "industry": "수제화",
        "industry_en": "Handmade shoes",
        "address": "서울특별시 성동구 성수이로 00 (데모)",
        "phone": "02-000-2002",
    },
]


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    phone: str = ""
    note: str = ""


# Center staff (운영자) and counselors (컨설턴트), per center.
STAFF = {
    JONGNO: [
        Person("staff.jongno@example.com", "정하늘", "010-0100-1001", "센터 운영 · 기업 승인")
    ],
    SEONGSU: [Person("staff.seongsu@example.com", "최유진", "010-0100-2001", "센터 운영")],
}
COUNSELORS = {
    JONGNO: [
        Person("counselor.startup@example.com", "이서연", "010-0100-1002", "창업·협동조합 컨설팅"),
        Person("counselor.career@example.com", "박준호", "010-0100-1003", "취업 컨설팅"),
    ],
    SEONGSU: [
        Person("counselor.seongsu@example.com", "한지민", "010-0100-2002", "창업·취업 컨설팅")
    ],
}


@dataclass(frozen=True)
class DemoCompany:
    name: str
    brn_body: str  # the first nine digits; the check digit is computed
    verified: bool
    owner: Person
    recruiters: tuple[Person, ...] = ()
    # The public profile (Company.industry, size, address, district, description).
    profile: tuple[tuple[str, str], ...] = ()


# Fictional companies. 101 is 종로세무서's office code and 206 성동세무서's;
# 81/86 mark corporations, 01–79 individual businesses.
COMPANIES = [
    DemoCompany(
        "종로금방공방",
        "101234567",
        True,
        Person("geumbang@example.com", "김대현", "010-0200-0001", "귀금속 제조 공방"),
        profile=(
            ("industry", "귀금속 제조"),
            ("size", "micro"),
            ("district", "jongno"),
            ("address", "서울특별시 종로구 돈화문로 (데모)"),
            (
                "description",
                "봉익동에서 20년째 금·은 반지와 목걸이를 만드는 공방입니다. 주문 제작과 수리를 함께 합니다.",
            ),
        ),
    ),
    DemoCompany(
        "(주)세운주얼리",
        "101812345",
        True,
        Person("sewoon@example.com", "이상훈", "010-0200-0002", "대표"),
        (Person("sewoon.hr@example.com", "오나래", "010-0200-0003", "채용담당"),),
        profile=(
            ("industry", "주얼리 디자인·제조"),
            ("size", "small"),
            ("district", "jongno"),
            ("address", "서울특별시 종로구 청계천로 (데모)"),
            (
                "description",
                "CAD 설계부터 캐스팅, 물림, 광택까지 한곳에서 하는 주얼리 제조사입니다. 국내 브랜드 납품과 자체 브랜드를 운영합니다.",
            ),
        ),
    ),
    DemoCompany(
        "다이아랩 감정원",
        "101865678",
        False,
        Person("dialab@example.com", "윤보석", "010-0200-0004", "승인 대기 중"),
        profile=(
            ("industry", "보석 감정"),
            ("size", "micro"),
            ("district", "jongno"),
            ("description", "다이아몬드와 유색보석 감정서를 발급하는 감정원입니다."),
        ),
    ),
    DemoCompany(
        "(주)성수슈메이커스",
        "206812222",
        True,
        Person("shoemakers@example.com", "배지훈", "010-0200-0005", "수제화 제조"),
        profile=(
            ("industry", "수제화 제조"),
            ("size", "small"),
            ("district", "seongdong"),
            ("address", "서울특별시 성동구 성수이로 (데모)"),
            (
                "description",
                "남녀 구두와 로퍼를 손으로 만드는 성수동 제화 공장입니다. 패턴, 재단, 제갑, 저부 공정을 모두 합니다.",
            ),
        ),
    ),
    DemoCompany(
        "뚝도수제화",
        "206023456",
        False,
        Person("ttukdo@example.com", "서민호", "010-0200-0006", "승인 대기 중"),
        profile=(("industry", "수제화 수선·제작"), ("size", "micro"), ("district", "seongdong")),
    ),
]

# Trainees (교육생·구직자). Numbers in the 010-0xxx block are not issued to
# subscribers, so the demo reaches nobody's phone.
TRAINEES = [
    (
        Person("minji.kim@example.com", "김민지", "010-0300-0001", "주얼리 디자인"),
        {"marketing", "counselor_sharing", "employer_discovery"},
    ),
    (
        Person("doyun.lee@example.com", "이도윤", "010-0300-0002", "왁스 카빙 · 캐스팅"),
        {"employer_discovery"},
    ),
    (
        Person("seojun.park@example.com", "박서준", "010-0300-0003", "보석 감정"),
        {"counselor_sharing"},
    ),
    (
        Person("jiwoo.choi@example.com", "최지우", "010-0300-0004", "주얼리 CAD"),
        {"marketing", "employer_discovery"},
    ),
    (
        Person("yerin.jung@example.com", "정예린", "010-0300-0005", "수제화 패턴"),
        {"counselor_sharing", "employer_discovery"},
    ),
    (Person("hajun.kang@example.com", "강하준", "010-0300-0006", "창업 준비"), set()),
]

ADMIN = Person("admin@example.com", "플랫폼 관리자", "", "Django admin (/admin/)")


def with_check_digit(body: str) -> str:
    """Append the 사업자등록번호 check digit (국세청 algorithm) to nine digits."""
    return body + brn_check_digit(body)


def seed(demo: Demo) -> None:
    centers = seed_centers(demo)
    staff = seed_center_people(demo, centers)
    seed_admin(demo)
    seed_companies(demo, verified_by=staff[JONGNO])
    seed_trainees(demo)


def seed_centers(demo: Demo) -> dict[str, Center]:
    demo.section("Centers (운영기관)")
    centers = {}
    for data in CENTERS:
        center, _created = Center.objects.get_or_create(slug=data["slug"], defaults=data)
        demo.log(f"{center.name} ({center.slug}) · {center.region} · {center.industry}")
        centers[center.slug] = center
    return centers


def _person(demo: Demo, person: Person, *, is_trainee: bool = False) -> User:
    """The demo account for ``person``, created with a verified email and the demo password if missing."""
    user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        user = services.user_create(
            email=person.email,
            password=demo.password,
            name=person.name,
            phone=person.phone,
            is_trainee=is_trainee,
            email_verified=True,
        )
    return user


def _consents(user: User, optional: Collection[str] = ()) -> None:
    """Required consents for everyone, plus the optional ones given; idempotent at the current versions."""
    granted = {key: True for key, doc in DOCUMENTS.items() if doc.required}
    granted.update(dict.fromkeys(optional, True))
    services.consents_record(user=user, granted=granted)


def _totp(demo: Demo, user: User) -> None:
    """Staff must use MFA: give them the shared demo TOTP secret unless they set up their own."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, demo.totp_secret)  # stores it through the MFA adapter's encrypt()


def seed_center_people(demo: Demo, centers: dict[str, Center]) -> dict[str, User]:
    """Staff (with TOTP) and counselors of each center; returns the first staff member per center."""
    demo.section("Center staff and counselors")
    first_staff: dict[str, User] = {}
    for slug, center in centers.items():
        for person in STAFF.get(slug, []):
            user = _person(demo, person)
            services.center_membership_add(center=center, user=user, role=Role.STAFF, by=None)
            _consents(user)
            _totp(demo, user)
            first_staff.setdefault(slug, user)
            demo.add_login(
                "staff", person.email, person.name, f"{center.name} · {person.note} · TOTP"
            )
            demo.log(f"{center.name} 운영자 {person.name} <{person.email}>")
        for person in COUNSELORS.get(slug, []):
            user = _person(demo, person)
            services.center_membership_add(center=center, user=user, role=Role.COUNSELOR, by=None)
            _consents(user)
            demo.add_login("counselor", person.email, person.name, f"{center.name} · {person.note}")
            demo.log(f"{center.name} 컨설턴트 {person.name} <{person.email}>")
    return first_staff


def seed_admin(demo: Demo) -> User:
    demo.section("Platform administrator")
    user = _person(demo, ADMIN)
    if not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    _totp(demo, user)
    demo.add_login("admin", ADMIN.email, ADMIN.name, f"{ADMIN.note} · TOTP")
    demo.log(f"{ADMIN.name} <{ADMIN.email}>")
    return user


def seed_companies(demo: Demo, *, verified_by: User) -> list[Company]:
    demo.section("Employers and companies (verified and awaiting verification)")
    companies = []
    for spec in COMPANIES:
        brn = with_check_digit(spec.brn_body)
        owner = _person(demo, spec.owner)
        _consents(owner)
        company = Company.objects.filter(brn=brn).first()
        if company is None:
            company = services.company_register(owner=owner, name=spec.name, brn=brn)
            # The profile is what the company's members would fill in on their company page.
            profile = dict(spec.profile)
            if profile:
                for key, value in profile.items():
                    setattr(company, key, value)
                company.save(update_fields=list(profile))
            if spec.verified:
                # Set directly rather than through company_set_status: the demo sends no email.
                company.status = Company.Status.VERIFIED
                company.verified_at = timezone.now()
                company.verified_by = verified_by
                company.save(update_fields=["status", "verified_at", "verified_by"])
        status = "verified" if company.is_verified else "awaiting verification"
        demo.add_login(
            "employer", spec.owner.email, spec.owner.name, f"{company.name} · owner · {status}"
        )
        for person in spec.recruiters:
            recruiter = _person(demo, person)
            _consents(recruiter)
            CompanyMembership.objects.get_or_create(
                company=company,
                user=recruiter,
                defaults={"role": CompanyMembership.CompanyRole.RECRUITER},
            )
            demo.add_login("employer", person.email, person.name, f"{company.name} · recruiter")
        demo.log(
            f"{company.name} ({format_brn(brn)}) · {company.get_status_display()} · {owner.name}"
        )
        companies.append(company)
    return companies


def seed_trainees(demo: Demo) -> list[User]:
    demo.section("Trainees and job seekers (교육생·구직자)")
    users = []
    for person, optional in TRAINEES:
        user = _person(demo, person, is_trainee=True)
        _consents(user, optional)
        demo.add_login("trainee", person.email, person.name, person.note)
        demo.log(f"{person.name} <{person.email}> {person.phone}")
        users.append(user)
    return users
