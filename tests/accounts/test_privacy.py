"""PIPA rights: withdraw optional consents, download my data, delete my account."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile, FileField
from django.urls import reverse

from accounts import selectors, services
from accounts.models import ApiToken, Company, Consent, User
from core import privacy
from core.files import delete_on_commit
from tests.accounts.utils import form_errors
from tests.factories import add_totp

PASSWORD = "correct-horse-battery-9"


def give_signup_consents(user, **optional):
    services.consents_record(user=user, granted={"terms": True, "privacy": True, **optional})


class TestConsents:
    def test_it_shows_the_optional_consents(self, client, alice):
        give_signup_consents(alice, marketing=True)
        client.force_login(alice)
        response = client.get(reverse("settings_privacy"))
        assert response.status_code == 200
        form = response.context["form"]
        assert set(form.fields) == {"marketing", "counselor_sharing", "employer_discovery"}
        assert form.fields["marketing"].initial is True
        assert form.fields["employer_discovery"].initial is False

    def test_it_withdraws_and_grants_again_keeping_the_history(self, client, alice):
        give_signup_consents(alice, marketing=True)
        client.force_login(alice)

        response = client.post(reverse("settings_privacy"), {})  # every box unticked
        assert response.status_code == 302
        assert not selectors.has_consent(alice, "marketing")
        assert selectors.has_consent(alice, "terms")  # required ones are not on this form

        client.post(reverse("settings_privacy"), {"marketing": "on", "employer_discovery": "on"})
        assert selectors.has_consent(alice, "marketing")
        assert selectors.has_consent(alice, "employer_discovery")
        marketing = Consent.objects.filter(user=alice, document="marketing").order_by(
            "granted_at", "pk"
        )
        assert [c.withdrawn_at is None for c in marketing] == [False, True]

    def test_employers_are_not_offered_trainee_consents(self, client, bob):
        client.force_login(bob)
        response = client.get(reverse("settings_privacy"))
        assert set(response.context["form"].fields) == {"marketing"}
        client.post(reverse("settings_privacy"), {"marketing": "on", "employer_discovery": "on"})
        assert not selectors.has_consent(bob, "employer_discovery")


class TestExport:
    def test_it_downloads_my_account_as_json(self, client, bob, bob_company):
        give_signup_consents(bob)
        services.api_token_create(user=bob, name="roster script")
        client.force_login(bob)
        response = client.get(reverse("settings_export"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        assert "attachment" in response["Content-Disposition"]
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
        data = json.loads(response.content)
        account = data["account"]
        assert account["email"] == "bob@example.com"
        assert account["name"] == "박보브"
        assert account["roles"] == ["employer"]
        assert account["companies"][0]["company"] == bob_company.name
        assert {c["document"] for c in account["consents"]} == {"terms", "privacy"}
        assert [t["name"] for t in account["api_tokens"]] == ["roster script"]
        assert "token_hash" not in response.content.decode()

    def test_it_is_only_for_the_signed_in_person(self, client, db):
        response = client.get(reverse("settings_export"))
        assert response.status_code == 302


class TestDeleteAccount:
    def test_it_needs_the_right_password(self, client, alice):
        client.force_login(alice)
        response = client.post(
            reverse("settings_delete"), {"password": "wrong-password-1", "confirm": "on"}
        )
        assert response.status_code == 200
        assert form_errors(response, "password")
        alice.refresh_from_db()
        assert alice.is_active and alice.email == "alice@example.com"

    def test_it_needs_the_confirmation(self, client, alice):
        client.force_login(alice)
        response = client.post(reverse("settings_delete"), {"password": PASSWORD})
        assert response.status_code == 200
        assert form_errors(response, "confirm")
        alice.refresh_from_db()
        assert alice.is_active

    def test_it_erases_personal_data_and_keeps_the_company(self, client, bob, bob_company):
        bob.phone = "010-9876-5432"
        bob.save()
        give_signup_consents(bob, marketing=True)
        services.api_token_create(user=bob, name="roster script")
        add_totp(bob)
        client.force_login(bob)

        response = client.post(reverse("settings_delete"), {"password": PASSWORD, "confirm": "on"})
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session

        bob.refresh_from_db()
        assert "bob" not in bob.email and bob.email.endswith(".invalid")
        assert bob.name != "박보브"
        assert bob.phone == ""
        assert not bob.is_active and not bob.has_usable_password()
        assert bob.anonymized_at is not None
        assert not EmailAddress.objects.filter(user=bob).exists()
        assert not EmailAddress.objects.filter(email__iexact="bob@example.com").exists()
        assert not ApiToken.objects.filter(user=bob).exists()
        assert not Authenticator.objects.filter(user=bob).exists()
        consents = Consent.objects.filter(user=bob)
        assert consents.count() == 3 and all(
            c.withdrawn_at for c in consents
        )  # history kept, all withdrawn
        assert Company.objects.filter(pk=bob_company.pk).exists()
        assert not bob_company.memberships.exists()

    def test_the_deleted_person_cannot_log_in(self, client, alice):
        client.force_login(alice)
        client.post(reverse("settings_delete"), {"password": PASSWORD, "confirm": "on"})
        response = client.post(
            reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD}
        )
        assert "_auth_user_id" not in client.session
        assert response.status_code == 200

    def test_the_email_can_sign_up_again(self, client, alice):
        client.force_login(alice)
        client.post(reverse("settings_delete"), {"password": PASSWORD, "confirm": "on"})
        assert not User.objects.filter(email__iexact="alice@example.com").exists()

    def test_other_sessions_end_too(self, client, alice):
        from django.test import Client

        other_device = Client()
        other_device.force_login(alice)
        client.force_login(alice)
        client.post(reverse("settings_delete"), {"password": PASSWORD, "confirm": "on"})
        response = other_device.get(reverse("settings_profile"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


class TestDeletedFilesWaitForTheCommit:
    """Apps' erasers remove stored files with core.files.delete_on_commit."""

    @pytest.fixture
    def letter(self, tmp_path, monkeypatch):
        storage = FileSystemStorage(location=tmp_path)
        name = storage.save("cover-letter.pdf", ContentFile(b"%PDF-1.7"))
        stored = FieldFile(None, FileField(storage=storage), name)
        monkeypatch.setitem(privacy._erasers, "test_letters", lambda user: delete_on_commit(stored))
        return stored

    def test_a_deletion_that_fails_half_way_keeps_the_files_and_the_account(
        self, alice, letter, monkeypatch, django_capture_on_commit_callbacks
    ):
        def broken_eraser(user):
            raise RuntimeError("an app's eraser failed")

        monkeypatch.setitem(privacy._erasers, "test_broken", broken_eraser)

        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            services.account_delete(user=alice)

        assert letter.storage.exists(letter.name)
        alice.refresh_from_db()
        assert alice.is_active and alice.email == "alice@example.com"

    def test_a_finished_deletion_removes_them(
        self, alice, letter, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.account_delete(user=alice)
        assert letter.storage.exists(letter.name)  # not while the transaction is open

        for callback in callbacks:
            callback()

        assert not letter.storage.exists(letter.name)
