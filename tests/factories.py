"""Factories shared by every test. Build data through services where a service exists."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from accounts.models import Center, CenterMembership, Company, CompanyMembership, Role, User


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


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"(주)테스트주얼리{n}")
    brn = factory.Sequence(valid_brn)
    status = Company.Status.VERIFIED


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
    "make_center_member",
    "make_employer",
    "make_trainee",
    "valid_brn",
]
