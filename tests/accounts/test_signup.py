"""Signing up through allauth: trainee or employer, consents, and mandatory email verification."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.consents import DOCUMENTS
from accounts.models import Company, CompanyMembership, Consent, User
from tests.accounts.utils import PASSWORD, form_errors, has_hangul, korean, link_in
from tests.factories import CompanyFactory

SIGNUP = "/accounts/signup/"


def trainee_data(**overrides) -> dict:
    data = {
        "email": "hong@example.com",
        "name": "홍길동",
        "phone": "010 2345 6789",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "account_type": "trainee",
        "consent_terms": "on",
        "consent_privacy": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def employer_data(**overrides) -> dict:
    data = trainee_data(
        email="owner@gemworks.example",
        name="김사장",
        account_type="employer",
        company_name="(주)종로젬웍스",
        brn="220-81-62517",
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def counts() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        Company.objects.count(),
        Consent.objects.count(),
        EmailAddress.objects.count(),
    )


@pytest.fixture
def signup(client, django_capture_on_commit_callbacks):
    """POST the signup form; mail queued after commit is delivered to mail.outbox."""

    def post(data, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SIGNUP, data, headers=headers)

    return post


class TestTraineeSignup:
    def test_it_creates_the_trainee_with_a_normalized_phone(self, db, signup):
        response = signup(trainee_data())
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        user = User.objects.get()
        assert user.email == "hong@example.com"
        assert user.name == "홍길동"
        assert user.phone == "010-2345-6789"
        assert user.is_trainee
        assert user.roles == ["trainee"]
        assert user.language == "ko"
        assert not user.company_memberships.exists()

    def test_it_records_required_consents_with_version_and_time(self, db, signup):
        before = timezone.now()
        signup(trainee_data())
        consents = {c.document: c for c in Consent.objects.filter(user__email="hong@example.com")}
        assert set(consents) == {"terms", "privacy"}
        for key, consent in consents.items():
            assert consent.version == DOCUMENTS[key].version
            assert before <= consent.granted_at <= timezone.now()
            assert consent.withdrawn_at is None

    def test_it_records_optional_consents_only_when_ticked(self, db, signup):
        signup(trainee_data(consent_marketing="on", consent_employer_discovery="on"))
        documents = set(
            Consent.objects.filter(user__email="hong@example.com").values_list(
                "document", flat=True
            )
        )
        assert documents == {"terms", "privacy", "marketing", "employer_discovery"}

    def test_it_saves_the_language_the_person_signed_up_in(self, db, signup):
        signup(trainee_data(), **{"Accept-Language": "en"})
        assert User.objects.get().language == "en"

    def test_it_sends_a_verification_email(self, db, signup):
        signup(trainee_data())
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["hong@example.com"]
        assert "/accounts/confirm-email/" in message.body
        assert not EmailAddress.objects.get(email="hong@example.com").verified

    def test_it_refuses_login_before_the_email_is_verified(self, db, signup, client):
        signup(trainee_data())
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": "hong@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in client.session
        assert client.get(reverse("dashboard")).status_code == 302  # still sent to the login page

    def test_it_logs_the_person_in_after_the_confirm_link(self, db, signup, client):
        signup(trainee_data())
        path = link_in(mail.outbox[0].body, "/accounts/confirm-email/")
        assert client.get(path).status_code == 200  # a page with a button, not a change on GET
        assert not EmailAddress.objects.get(email="hong@example.com").verified
        response = client.post(path)
        assert response.status_code == 302
        assert EmailAddress.objects.get(email="hong@example.com").verified
        assert int(client.session["_auth_user_id"]) == User.objects.get().pk

    def test_it_lets_the_verified_person_log_in(self, db, signup, client):
        signup(trainee_data())
        client.post(link_in(mail.outbox[0].body, "/accounts/confirm-email/"))
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": "hong@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("dashboard")


class TestEmployerSignup:
    def test_it_creates_a_pending_company_owned_by_the_person(self, db, signup):
        response = signup(employer_data())
        assert response.status_code == 302
        user = User.objects.get()
        assert not user.is_trainee
        assert user.roles == ["employer"]
        company = Company.objects.get()
        assert company.name == "(주)종로젬웍스"
        assert company.brn == "2208162517"
        assert company.status == Company.Status.PENDING
        membership = CompanyMembership.objects.get()
        assert (membership.user, membership.company, membership.role) == (user, company, "owner")

    def test_it_does_not_ask_employers_for_trainee_consents(self, db, signup):
        signup(employer_data(consent_marketing="on", consent_employer_discovery="on"))
        documents = set(Consent.objects.values_list("document", flat=True))
        assert documents == {"terms", "privacy", "marketing"}


class TestSignupBadInput:
    """Every mistake: the form again (200) with the error on its field, and nothing written."""

    @pytest.mark.parametrize(
        "data, field",
        [
            (employer_data(brn="220-81-62518"), "brn"),  # check digit
            (employer_data(brn="220-81-6251"), "brn"),  # length
            (employer_data(brn="22O-81-62517"), "brn"),  # letter O
            (employer_data(brn=""), "brn"),
            (employer_data(company_name=""), "company_name"),
            (trainee_data(password1="password", password2="password"), "password1"),
            (trainee_data(password1="8264913570", password2="8264913570"), "password1"),
            (trainee_data(password2="a-Sturdy-pass-93"), "password2"),
            (trainee_data(consent_terms=None), "consent_terms"),
            (trainee_data(consent_privacy=None), "consent_privacy"),
            (trainee_data(phone="02-123-4567"), "phone"),
            (trainee_data(phone="010-CALL-ME"), "phone"),
            (trainee_data(email="hong@"), "email"),
            (trainee_data(email="hong at example.com"), "email"),
            (trainee_data(name="   "), "name"),
            (trainee_data(account_type="admin"), "account_type"),
            (trainee_data(name="가" * 101), "name"),
            (trainee_data(name="홍\x00길동"), "name"),
            (employer_data(company_name="x" * 121), "company_name"),
            (employer_data(brn="1" * 40), "brn"),
            (trainee_data(phone="0" * 500), "phone"),
        ],
        ids=[
            "brn-checksum",
            "brn-length",
            "brn-letters",
            "brn-missing",
            "company-missing",
            "password-common",
            "password-numeric",
            "password-mismatch",
            "no-terms",
            "no-privacy",
            "phone-landline",
            "phone-letters",
            "email-incomplete",
            "email-spaces",
            "name-blank",
            "account-type-unknown",
            "name-too-long",
            "name-null-byte",
            "company-too-long",
            "brn-too-long",
            "phone-too-long",
        ],
    )
    def test_it_shows_the_error_and_writes_nothing(self, db, signup, data, field):
        response = signup(data)
        assert response.status_code == 200
        assert form_errors(response, field)
        assert counts() == (0, 0, 0, 0)
        assert mail.outbox == []

    def test_it_refuses_a_registered_brn(self, db, signup):
        CompanyFactory(brn="2208162517")
        before = counts()
        response = signup(employer_data(brn="220-81-62517"))
        assert response.status_code == 200
        assert form_errors(response, "brn")
        assert counts() == before

    def test_each_brn_mistake_gets_its_own_message(self, db, signup):
        messages = {
            form_errors(signup(employer_data(brn=brn)), "brn")[0]
            for brn in ("220-81-62518", "220-81-6251", "22O-81-62517")
        }
        assert len(messages) == 3

    @pytest.mark.parametrize("email", ["alice@example.com", "ALICE@Example.COM"])
    def test_it_creates_no_second_account_for_a_registered_email(self, db, signup, alice, email):
        """allauth prevents account enumeration: the form goes through as if new, and the owner
        of the address is told by email that they already have an account."""
        before = counts()
        response = signup(employer_data(email=email, brn="124-81-00998"))
        assert response.status_code == 302
        assert counts() == before
        assert not Company.objects.filter(brn="1248100998").exists()
        assert [m.to for m in mail.outbox] == [["alice@example.com"]]
        assert "confirm-email" not in mail.outbox[0].body


class TestSignupLanguage:
    """Errors come in the language of the page: Korean by default, English when chosen."""

    def test_it_explains_a_weak_password_in_korean(self, db, signup):
        response = signup(trainee_data(password1="password", password2="password"))
        assert all(has_hangul(message) for message in form_errors(response, "password1"))

    def test_it_explains_a_weak_password_in_english(self, db, signup):
        response = signup(
            trainee_data(password1="password", password2="password"), **{"Accept-Language": "en"}
        )
        assert "This password is too common." in form_errors(response, "password1")

    def test_it_explains_a_missing_field_in_korean(self, db, signup):
        response = signup(trainee_data(name=None))
        [message] = form_errors(response, "name")
        assert has_hangul(message) and "필수" in message

    @pytest.mark.parametrize(
        "brn, msgid",
        [
            (
                "220-81-62518",
                "This business registration number is not valid: its check digit does not match.",
            ),
            ("220-81-6251", "A business registration number has exactly 10 digits."),
            (
                "22O-81-62517",
                "A business registration number has digits only, such as 123-45-67890.",
            ),
        ],
    )
    def test_it_explains_a_bad_brn_in_english(self, db, signup, brn, msgid):
        response = signup(employer_data(brn=brn), **{"Accept-Language": "en"})
        assert form_errors(response, "brn") == [msgid]

    @pytest.mark.parametrize(
        "brn, msgid",
        [
            (
                "220-81-62518",
                "This business registration number is not valid: its check digit does not match.",
            ),
            ("220-81-6251", "A business registration number has exactly 10 digits."),
            (
                "22O-81-62517",
                "A business registration number has digits only, such as 123-45-67890.",
            ),
        ],
    )
    def test_it_explains_a_bad_brn_in_korean(self, db, signup, brn, msgid):
        expected = korean(msgid)
        response = signup(employer_data(brn=brn))
        assert form_errors(response, "brn") == [expected]

    def test_it_explains_a_bad_phone_in_korean(self, db, signup):
        expected = korean("Enter a Korean mobile number such as 010-1234-5678.")
        response = signup(trainee_data(phone="02-123-4567"))
        assert form_errors(response, "phone") == [expected]

    def test_it_explains_a_bad_phone_in_english(self, db, signup):
        response = signup(trainee_data(phone="02-123-4567"), **{"Accept-Language": "en"})
        assert form_errors(response, "phone") == [
            "Enter a Korean mobile number such as 010-1234-5678."
        ]

    def test_it_explains_a_missing_consent_in_korean(self, db, signup):
        expected = korean("You must agree to this to use the service.")
        response = signup(trainee_data(consent_terms=None))
        assert form_errors(response, "consent_terms") == [expected]

    def test_it_explains_a_registered_brn_in_korean(self, db, signup):
        CompanyFactory(brn="2208162517")
        expected = korean(
            "This business registration number is already registered. Ask the company's owner to invite you."
        )
        response = signup(employer_data())
        assert form_errors(response, "brn") == [expected]


class TestSignupRace:
    """Two people of one company sign up at the same moment: both pass the form's check."""

    def test_it_shows_the_form_again_when_the_brn_was_just_taken(self, db, signup, monkeypatch):
        from accounts import services

        def taken(**kwargs):
            raise services.ValidationError(
                {"brn": "This business registration number is already registered."}
            )

        monkeypatch.setattr(services, "company_register", taken)
        response = signup(employer_data())
        assert response.status_code == 200
        assert form_errors(response, "brn")
        assert counts() == (0, 0, 0, 0)
        assert mail.outbox == []

    def test_it_shows_the_form_again_when_the_database_refuses(self, db, signup, monkeypatch):
        from django.db import IntegrityError

        from accounts import services

        def collides(**kwargs):
            raise IntegrityError("duplicate key value violates unique constraint")

        monkeypatch.setattr(services, "company_register", collides)
        response = signup(employer_data())
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [
            korean("Someone registered the same details a moment ago. Please check and try again.")
        ]
        assert counts() == (0, 0, 0, 0)
        assert mail.outbox == []
