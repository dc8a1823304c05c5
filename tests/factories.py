"""Factories shared by every test. Build data through services where a service exists."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import (
    Center,
    CenterMembership,
    Company,
    CompanyCenter,
    CompanyMembership,
    Role,
    User,
)


def valid_brn(seed: int) -> str:
    """A 10-digit 사업자등록번호 with a correct check digit, different for each seed."""
    from accounts.validators import brn_check_digit

    # Parts a tax office could issue: office 101–999, business type 01–99, serial 0001–9999.
    office = 101 + seed % 899
    kind = 1 + (seed // 899) % 99
    serial = 1 + (seed * 7919) % 9999
    body = f"{office:03d}{kind:02d}{serial:04d}"
    return body + brn_check_digit(body)


class CenterFactory(DjangoModelFactory):
    class Meta:
        model = Center
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"테스트 산업지원센터 {n}")
    name_en = factory.Sequence(lambda n: f"Test Industry Center {n}")
    slug = factory.Sequence(lambda n: f"center-{n}")
    region = "서울 종로구"
    region_en = "Jongno-gu, Seoul"
    industry = "주얼리"
    industry_en = "Jewelry"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Sequence(lambda n: f"사용자{n}")
    phone = ""
    language = "ko"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "correct-horse-battery-9")
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


def jongno_center() -> Center:
    """The jewelry center in Jongno (the ``center`` fixture), created once."""
    return CenterFactory(
        slug="jongno-jewelry",
        name="종로 주얼리산업지원센터",
        name_en="Jongno Jewelry Industry Support Center",
    )


class CompanyFactory(DjangoModelFactory):
    """A company registered with ``centers`` (default: the Jongno center) in its own status."""

    class Meta:
        model = Company
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"(주)테스트주얼리{n}")
    brn = factory.Sequence(valid_brn)
    status = Company.Status.VERIFIED

    @factory.post_generation
    def centers(self, create, extracted, **kwargs):
        if not create:
            return
        for center in [jongno_center()] if extracted is None else extracted:
            CompanyCenter.objects.create(
                company=self,
                center=center,
                status=self.status,
                decided_at=None if self.status == Company.Status.PENDING else timezone.now(),
            )


def make_trainee(**kwargs) -> User:
    return UserFactory(is_trainee=True, **kwargs)


def make_employer(company: Company | None = None, role: str = "owner", **kwargs) -> User:
    user = UserFactory(**kwargs)
    CompanyMembership.objects.create(company=company or CompanyFactory(), user=user, role=role)
    return user


def make_center_member(center: Center, role: str, **kwargs) -> User:
    user = UserFactory(**kwargs)
    CenterMembership.objects.create(center=center, user=user, role=role)
    return user


def make_admin_site_staff(center: Center, *permissions: str, **kwargs) -> User:
    """Staff of ``center`` with admin-site access (not a superuser), these permissions and TOTP."""
    from django.contrib.auth.models import Permission

    user = make_center_member(center, "staff", is_staff=True, **kwargs)
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    add_totp(user)
    return user


def add_totp(user: User) -> None:
    """Give a person a TOTP authenticator, as if they had set up MFA."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )


__all__ = [
    "CenterFactory",
    "CompanyFactory",
    "Role",
    "UserFactory",
    "add_totp",
    "jongno_center",
    "make_admin_site_staff",
    "make_center_member",
    "make_employer",
    "make_trainee",
    "valid_brn",
]
