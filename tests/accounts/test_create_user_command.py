"""``manage.py create_user``: ready accounts for operators and scripts."""

from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from accounts.models import ApiToken, CenterMembership, Company, CompanyMembership, User
from tests.factories import CompanyFactory

PASSWORD = "Seoul-jewelry-2026"
VALID_BRN = "101-86-01233"


def run(*args: str) -> str:
    out = StringIO()
    call_command("create_user", *args, stdout=out)
    return out.getvalue()


def last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


def assert_nothing_created() -> None:
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert not Company.objects.exists()
    assert not CompanyMembership.objects.exists()
    assert not CenterMembership.objects.exists()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
class TestCreateUser:
    def test_it_creates_a_trainee_with_a_verified_email(self):
        run(
            "--email",
            "Kim@Example.com",
            "--password",
            PASSWORD,
            "--role",
            "trainee",
            "--name",
            "김민지",
        )

        user = User.objects.get(email="kim@example.com")
        assert user.name == "김민지"
        assert user.roles == ["trainee"]
        assert user.check_password(PASSWORD)
        assert EmailAddress.objects.get(user=user).verified

    def test_the_account_can_log_in(self, client):
        run("--email", "kim@example.com", "--password", PASSWORD, "--role", "trainee")

        response = client.post(
            "/accounts/login/", {"login": "kim@example.com", "password": PASSWORD}
        )

        assert response.status_code == 302
        assert client.session.get("_auth_user_id") == str(User.objects.get().pk)

    def test_it_prints_a_token_that_works_for_the_api_as_the_last_line(self, client):
        output = run(
            "--email",
            "kim@example.com",
            "--password",
            PASSWORD,
            "--role",
            "trainee",
            "--print-token",
        )
        token = last_line(output)

        response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}")

        assert response.status_code == 200
        body = response.json()
        assert body["email"] == "kim@example.com"
        assert body["roles"] == ["trainee"]

    def test_it_prints_no_token_unless_asked(self):
        output = run("--email", "kim@example.com", "--password", PASSWORD, "--role", "trainee")

        assert not ApiToken.objects.exists()
        assert "Bearer" not in output

    def test_it_creates_an_employer_with_a_company_awaiting_verification(self, client):
        output = run(
            "--email",
            "hr@example.com",
            "--password",
            PASSWORD,
            "--role",
            "employer",
            "--company",
            "종로금방공방",
            "--brn",
            VALID_BRN,
            "--print-token",
        )

        company = Company.objects.get()
        assert company.name == "종로금방공방"
        assert company.brn == "1018601233"
        assert company.status == Company.Status.PENDING
        assert CompanyMembership.objects.get().role == CompanyMembership.CompanyRole.OWNER
        assert "awaits verification" in output
        me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {last_line(output)}").json()
        assert me["roles"] == ["employer"]

    def test_an_employers_company_registers_with_the_center_given(self, center, other_center):
        output = run(
            "--email",
            "hr@example.com",
            "--password",
            PASSWORD,
            "--role",
            "employer",
            "--company",
            "성수구두",
            "--brn",
            VALID_BRN,
            "--center",
            other_center.slug,
        )
        company = Company.objects.get()
        assert [(r.center, r.status) for r in company.registrations.all()] == [
            (other_center, Company.Status.PENDING)
        ]
        assert f"verification by the staff of {other_center.name}" in output

    def test_it_makes_staff_a_member_of_the_center(self, center):
        output = run(
            "--email",
            "ops@example.com",
            "--password",
            PASSWORD,
            "--role",
            "staff",
            "--center",
            center.slug,
            "--name",
            "정운영",
        )

        user = User.objects.get(email="ops@example.com")
        assert user.roles == ["staff"]
        assert list(user.staff_center_ids()) == [center.pk]
        assert "two-factor" in output

    def test_it_gives_staff_no_token_before_they_set_up_totp(self, center):
        with pytest.raises(CommandError, match="not for staff"):
            run(
                "--email",
                "ops@example.com",
                "--password",
                PASSWORD,
                "--role",
                "staff",
                "--center",
                center.slug,
                "--print-token",
            )
        assert_nothing_created()

    def test_it_accepts_several_roles(self, center):
        run(
            "--email",
            "multi@example.com",
            "--password",
            PASSWORD,
            "--role",
            "counselor",
            "--role",
            "trainee",
            "--role",
            "counselor",
            "--center",
            center.slug,
        )

        user = User.objects.get()
        assert user.roles == ["trainee", "counselor"]
        assert CenterMembership.objects.filter(user=user).count() == 1

    def test_it_normalizes_the_phone_number(self):
        run(
            "--email",
            "kim@example.com",
            "--password",
            PASSWORD,
            "--role",
            "trainee",
            "--phone",
            "01012345678",
        )

        assert User.objects.get().phone == "010-1234-5678"


@pytest.mark.django_db
class TestCreateUserBadInput:
    def test_it_requires_a_center_for_counselors(self):
        with pytest.raises(CommandError, match="--center SLUG is required"):
            run("--email", "c@example.com", "--password", PASSWORD, "--role", "counselor")
        assert_nothing_created()

    def test_it_names_the_known_centers_when_the_slug_is_unknown(self, center):
        with pytest.raises(CommandError, match="No center with the slug 'nowhere'.*jongno-jewelry"):
            run(
                "--email",
                "s@example.com",
                "--password",
                PASSWORD,
                "--role",
                "staff",
                "--center",
                "nowhere",
            )
        assert_nothing_created()

    def test_it_requires_company_and_brn_for_employers(self):
        with pytest.raises(CommandError, match="--company NAME and --brn"):
            run(
                "--email",
                "e@example.com",
                "--password",
                PASSWORD,
                "--role",
                "employer",
                "--company",
                "세운주얼리",
            )
        assert_nothing_created()

    @pytest.mark.parametrize(
        ("brn", "message"),
        [
            ("101-86-01234", "check digit"),
            ("10186012", "exactly 10 digits"),
            ("10186O1233", "digits only"),
        ],
    )
    def test_it_rejects_a_bad_business_registration_number(self, brn, message):
        with pytest.raises(CommandError, match=message):
            run(
                "--email",
                "e@example.com",
                "--password",
                PASSWORD,
                "--role",
                "employer",
                "--company",
                "세운주얼리",
                "--brn",
                brn,
            )
        assert_nothing_created()

    def test_it_rejects_a_weak_password(self):
        with pytest.raises(CommandError, match="The password is not accepted.*too short"):
            run("--email", "kim@example.com", "--password", "abc123", "--role", "trainee")
        assert_nothing_created()

    def test_it_rejects_a_common_password(self):
        with pytest.raises(CommandError, match="too common"):
            run("--email", "kim@example.com", "--password", "password123", "--role", "trainee")
        assert_nothing_created()

    def test_it_rejects_an_invalid_email(self):
        with pytest.raises(CommandError, match="Not a valid email address"):
            run("--email", "not-an-email", "--password", PASSWORD, "--role", "trainee")
        assert_nothing_created()

    def test_it_rejects_a_duplicate_account(self, alice):
        with pytest.raises(CommandError, match="already exists"):
            run("--email", "ALICE@example.com", "--password", PASSWORD, "--role", "trainee")
        assert User.objects.count() == 1

    def test_it_rejects_a_company_already_registered(self):
        CompanyFactory(brn="1018601233")
        with pytest.raises(CommandError, match="already registered"):
            run(
                "--email",
                "e@example.com",
                "--password",
                PASSWORD,
                "--role",
                "employer",
                "--company",
                "세운주얼리",
                "--brn",
                VALID_BRN,
            )
        assert not User.objects.exists()

    def test_it_rolls_back_the_account_when_a_later_step_fails(self, monkeypatch):
        """A company registered between the checks and the write must not leave a half account."""
        from django.core.exceptions import ValidationError

        from accounts import services

        def fail(**kwargs):
            raise ValidationError(
                {"brn": "This business registration number is already registered."}
            )

        monkeypatch.setattr(services, "company_register", fail)
        with pytest.raises(CommandError, match="already registered"):
            run(
                "--email",
                "e@example.com",
                "--password",
                PASSWORD,
                "--role",
                "employer",
                "--company",
                "세운주얼리",
                "--brn",
                VALID_BRN,
                "--print-token",
            )
        assert_nothing_created()

    def test_it_refuses_a_center_for_roles_without_one(self, center):
        with pytest.raises(CommandError, match="only for the employer, counselor and staff"):
            run(
                "--email",
                "kim@example.com",
                "--password",
                PASSWORD,
                "--role",
                "trainee",
                "--center",
                center.slug,
            )
        assert_nothing_created()

    def test_it_refuses_an_unknown_role(self):
        with pytest.raises(CommandError, match="invalid choice"):
            run("--email", "kim@example.com", "--password", PASSWORD, "--role", "admin")
