"""Centers, companies and the personas; invitations and API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.utils import timezone

from accounts.models import ApiToken, Company, Invitation, User, hash_secret
from tests.authz import personas as p
from tests.factories import (
    CenterFactory,
    CompanyFactory,
    UserFactory,
    add_totp,
    make_center_member,
    make_employer,
    make_trainee,
)


def build(world) -> None:
    center_1 = world.add(
        "center_1", CenterFactory(slug="authz-center-1", name="종로 주얼리센터", name_en="Jongno")
    )
    center_2 = world.add(
        "center_2", CenterFactory(slug="authz-center-2", name="성수 수제화센터", name_en="Seongsu")
    )
    # Companies belong to the centers they registered with (CompanyCenter), verified there.
    company_a = world.add("company_a", CompanyFactory(name="A 보석공방", centers=[center_1]))
    company_b = world.add("company_b", CompanyFactory(name="B 주얼리", centers=[center_2]))
    # Registered by someone who is none of the personas, waiting for center 1's staff.
    pending = world.add(
        "company_pending",
        CompanyFactory(name="심사 대기 공방", status=Company.Status.PENDING, centers=[center_1]),
    )
    make_employer(company=pending, email="pending-owner@example.com", name="대기사장")

    users = world.users
    users[p.TRAINEE_A] = make_trainee(email="trainee-a@example.com", name="김에이")
    users[p.TRAINEE_B] = make_trainee(email="trainee-b@example.com", name="이비")
    users[p.EMPLOYER_A] = make_employer(company=company_a, email="employer-a@example.com")
    users[p.EMPLOYER_B] = make_employer(company=company_b, email="employer-b@example.com")
    users[p.COUNSELOR] = make_center_member(center_1, "counselor", email="counselor@example.com")
    users[p.STAFF] = make_center_member(center_1, "staff", email="staff@example.com")
    users[p.STAFF_OTHER] = make_center_member(center_2, "staff", email="staff-2@example.com")
    users[p.STAFF_NOTOTP] = make_center_member(center_1, "staff", email="staff-nototp@example.com")
    users[p.ADMIN] = UserFactory(
        email="admin@example.com", name="관리자", is_staff=True, is_superuser=True
    )
    for persona in (p.STAFF, p.STAFF_OTHER, p.ADMIN):
        add_totp(users[persona])

    # Personal API tokens, written directly: the service may refuse staff without TOTP.
    for persona, user in users.items():
        world.tokens[persona] = _token(user, "matrix")
    # Trainee A's second token, the one the revoke route names.
    world.add("token_a", _token(users[p.TRAINEE_A], "script", returning="token"))

    # Trainee A added a second address; the confirmation link's key goes in the URL.
    address = EmailAddress.objects.create(
        user=users[p.TRAINEE_A], email="trainee-a-work@example.com", verified=False
    )
    world.secrets["email_confirmation"] = EmailConfirmationHMAC(address).key

    # Center 1 invites a new counselor (by its staff); the link's raw token goes in the URL.
    raw = secrets.token_urlsafe(32)
    world.secrets["invitation"] = raw
    world.add(
        "invitation",
        Invitation.objects.create(
            center=center_1,
            email="new-counselor@example.com",
            name="새 상담사",
            role="counselor",
            token_hash=hash_secret(raw),
            invited_by=users[p.STAFF],
            expires_at=timezone.now() + timedelta(days=7),
        ),
    )


def _token(user: User, name: str, returning: str = "raw"):
    raw = "ilt_" + secrets.token_urlsafe(24)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:10], token_hash=hash_secret(raw)
    )
    return token if returning == "token" else raw
