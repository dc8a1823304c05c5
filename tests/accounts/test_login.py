"""Logging in and out, resetting a password, and changing the email address."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.accounts.utils import link_in

PASSWORD = "correct-horse-battery-9"  # the factories' password


def signed_in_as(client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None


class TestLogin:
    def test_it_logs_in_by_email(self, client, alice):
        response = client.post(
            reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("dashboard")
        assert signed_in_as(client) == alice.pk

    def test_it_ignores_the_case_of_the_email(self, client, alice):
        client.post(reverse("account_login"), {"login": "Alice@EXAMPLE.com", "password": PASSWORD})
        assert signed_in_as(client) == alice.pk

    def test_it_refuses_a_wrong_password(self, client, alice):
        response = client.post(
            reverse("account_login"), {"login": "alice@example.com", "password": "nope-nope-1"}
        )
        assert response.status_code == 200
        assert response.context["form"].errors
        assert signed_in_as(client) is None

    def test_it_refuses_a_deactivated_account(self, client, alice):
        alice.is_active = False
        alice.save()
        client.post(reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD})
        assert signed_in_as(client) is None

    def test_it_logs_out(self, client, alice):
        client.force_login(alice)
        response = client.post(reverse("account_logout"))
        assert response.status_code == 302
        assert signed_in_as(client) is None

    def test_it_sends_anonymous_visitors_of_the_dashboard_to_login(self, client, db):
        response = client.get(reverse("dashboard"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


class TestPasswordReset:
    def test_it_emails_a_reset_link_that_sets_a_new_password(
        self, client, alice, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("account_reset_password"), {"email": "ALICE@example.com"}
            )
        assert response.status_code == 302
        assert [m.to for m in mail.outbox] == [["alice@example.com"]]

        path = link_in(mail.outbox[0].body, "/accounts/password/reset/key/")
        form_page = client.get(path, follow=True)
        assert form_page.status_code == 200
        set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
        response = client.post(
            set_password_url, {"password1": "a-Brand-new-pass-7", "password2": "a-Brand-new-pass-7"}
        )
        assert response.status_code == 302
        alice.refresh_from_db()
        assert alice.check_password("a-Brand-new-pass-7")

    def test_it_sends_nothing_to_an_unknown_address_without_saying_so(
        self, client, db, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("account_reset_password"), {"email": "nobody@example.com"}
            )
        assert response.status_code == 302  # the same answer as for a real account
        assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)


class TestEmailChange:
    def test_it_asks_for_the_password_again_before_changing_the_email(self, client, alice):
        client.force_login(alice)  # signed in earlier: no recent authentication in this session
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "alice.new@example.com"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_reauthenticate"))
        assert not EmailAddress.objects.filter(email="alice.new@example.com").exists()

    def test_it_changes_the_email_after_reauthenticating(
        self, client, alice, django_capture_on_commit_callbacks
    ):
        client.force_login(alice)
        response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        assert response.status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("account_email"), {"action_add": "", "email": "alice.new@example.com"}
            )
        assert response.status_code == 302
        new = EmailAddress.objects.get(email="alice.new@example.com")
        assert new.user == alice and not new.verified
        assert [m.to for m in mail.outbox] == [["alice.new@example.com"]]

    def test_it_refuses_reauthentication_with_a_wrong_password(self, client, alice):
        client.force_login(alice)
        response = client.post(reverse("account_reauthenticate"), {"password": "not-my-password-1"})
        assert response.status_code == 200
        assert response.context["form"].errors


class TestRateLimits:
    def test_it_stops_guessing_after_five_wrong_passwords(self, client, alice):
        for _ in range(5):
            client.post(
                reverse("account_login"), {"login": "alice@example.com", "password": "guess-1234"}
            )
        response = client.post(
            reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD}
        )
        assert "_auth_user_id" not in client.session
        assert response.status_code in (200, 429)

    def test_other_people_can_still_log_in(self, client, alice, bob):
        for _ in range(5):
            client.post(
                reverse("account_login"), {"login": "alice@example.com", "password": "guess-1234"}
            )
        client.post(reverse("account_login"), {"login": "bob@example.com", "password": PASSWORD})
        assert int(client.session["_auth_user_id"]) == bob.pk


class TestLoginLanguage:
    def test_the_signed_in_message_speaks_the_accounts_language(self, client, alice):
        # A browser that asks for English, an account set to Korean, no language cookie yet.
        response = client.post(
            "/accounts/login/",
            {"login": alice.email, "password": "correct-horse-battery-9"},
            HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
            follow=True,
        )
        messages = [str(m) for m in response.context["messages"]]
        assert any("로그인" in m for m in messages), messages
