"""``manage.py seed_demo``: realistic demo data, created once, with logins that work."""

from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import Center, Company, Consent, User
from accounts.validators import brn_checksum_ok
from core.seeding import DEMO_PASSWORD, demo_modules, totp_code


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def log_in(client, email: str) -> None:
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content[:500]


@pytest.mark.django_db
class TestSeedDemo:
    def test_it_creates_nothing_new_the_second_time(self):
        seed()
        first = row_counts()

        output = seed()

        assert row_counts() == first
        assert "nothing new was created" in output

    # Seeding runs every app's demo.py and takes seconds, so each test below seeds
    # once and checks a whole area rather than one fact.
    def test_it_creates_realistic_centers_people_and_companies(self):
        output = seed()

        jongno = Center.objects.get(slug="jongno-jewelry")
        assert jongno.name == "종로 주얼리산업지원센터"
        assert (jongno.region, jongno.industry) == ("서울 종로구", "주얼리")
        assert jongno.name_en == "Jongno Jewelry Industry Support Center"
        seongsu = Center.objects.get(slug="seongsu-shoes")
        assert (seongsu.region, seongsu.industry) == ("서울 성동구", "수제화")
        for center in (jongno, seongsu):
            roles = set(center.memberships.values_list("role", flat=True))
            assert roles == {"staff", "counselor"}, center.slug

        companies = Company.objects.all()
        assert companies.count() >= 3
        assert all(brn_checksum_ok(c.brn) for c in companies)
        assert {c.status for c in companies} == {Company.Status.VERIFIED, Company.Status.PENDING}
        assert all(c.memberships.filter(role="owner").exists() for c in companies)

        trainees = User.objects.filter(is_trainee=True)
        assert trainees.count() >= 5
        for user in trainees:
            assert all("가" <= ch <= "힣" for ch in user.name), user.name
            assert user.phone.startswith("010-") and len(user.phone) == 13
            documents = set(Consent.objects.filter(user=user).values_list("document", flat=True))
            assert {"terms", "privacy"} <= documents
        assert not EmailAddress.objects.filter(verified=False).exists()

        assert "Demo logins" in output
        assert DEMO_PASSWORD in output
        for email in ("staff.jongno@example.com", "minji.kim@example.com", "geumbang@example.com"):
            assert email in output

    def test_demo_accounts_log_in_with_the_demo_password(self):
        seed()

        for email in ("minji.kim@example.com", "geumbang@example.com"):
            client = Client()
            log_in(client, email)
            assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk), email

    def test_staff_log_in_with_the_demo_totp_code(self, client):
        seed()

        log_in(client, "staff.jongno@example.com")
        assert "_auth_user_id" not in client.session  # the second factor is still missing
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})

        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(
            User.objects.get(email="staff.jongno@example.com").pk
        )

    def test_the_totp_code_option_prints_only_the_code(self):
        out = StringIO()
        call_command("seed_demo", "--totp-code", stdout=out)

        assert out.getvalue().strip().isdigit()
        assert not Center.objects.exists()


class TestDemoModules:
    def test_apps_are_seeded_in_installed_apps_order(self):
        labels = [label for label, _module in demo_modules()]
        order = [apps.get_app_config(label).name for label in labels]

        assert "accounts" in labels
        assert order == sorted(order, key=settings.INSTALLED_APPS.index)
