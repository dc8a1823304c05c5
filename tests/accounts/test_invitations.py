"""Center staff invite counselors and staff with a one-time link."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.consents import DOCUMENTS
from accounts.models import CenterMembership, Consent, Invitation, User, hash_secret
from tests.accounts.utils import PASSWORD, form_errors, link_in
from tests.factories import UserFactory, add_totp, make_center_member


def make_invitation(
    center, *, email="erin@example.com", role="counselor", by=None, **fields
) -> tuple[Invitation, str]:
    """An invitation with a known raw token, as the email would carry it."""
    raw = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        center=center,
        email=email,
        name="박에린",
        role=role,
        token_hash=hash_secret(raw),
        invited_by=by,
        expires_at=fields.pop("expires_at", timezone.now() + timedelta(days=7)),
        **fields,
    )
    return invitation, raw


def accept_url(raw: str) -> str:
    return reverse("invitation_accept", args=[raw])


NEW_ACCOUNT = {
    "name": "박에린",
    "phone": "010-3456-7890",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


@pytest.fixture
def other_staff(other_center):
    """Staff of another center (with MFA), who must not touch the jongno center's invitations."""
    user = make_center_member(other_center, "staff", email="frank@example.com", name="강프랭크")
    add_totp(user)
    return user


class TestInviting:
    def test_it_sends_a_one_time_link_after_commit(
        self, client, dave, center, django_capture_on_commit_callbacks
    ):
        client.force_login(dave)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.post(
                reverse("staff_invitations"),
                {
                    "email": "Erin@Example.com",
                    "name": "박에린",
                    "role": "counselor",
                    "center": center.pk,
                },
            )
        assert response.status_code == 302
        assert mail.outbox == []  # nothing leaves before the transaction commits
        for callback in callbacks:
            callback()
        invitation = Invitation.objects.get()
        assert (invitation.center, invitation.email, invitation.role, invitation.invited_by) == (
            center,
            "erin@example.com",
            "counselor",
            dave,
        )
        assert [m.to for m in mail.outbox] == [["erin@example.com"]]
        path = link_in(mail.outbox[0].body, "/invitations/")
        raw = path.split("/")[2]
        assert invitation.token_hash == hash_secret(raw)
        assert raw not in invitation.token_hash

    def test_it_lists_the_centers_invitations(self, client, dave, center):
        make_invitation(center, email="erin@example.com")
        client.force_login(dave)
        response = client.get(reverse("staff_invitations"))
        assert response.status_code == 200
        assert "erin@example.com" in response.content.decode()

    def test_it_refuses_a_bad_email(self, client, dave, center):
        client.force_login(dave)
        response = client.post(
            reverse("staff_invitations"),
            {"email": "erin@", "role": "counselor", "center": center.pk},
        )
        assert response.status_code == 200
        assert form_errors(response, "email")
        assert not Invitation.objects.exists()

    def test_it_refuses_to_invite_to_another_center(self, client, dave, other_center):
        client.force_login(dave)
        response = client.post(
            reverse("staff_invitations"),
            {"email": "erin@example.com", "role": "staff", "center": other_center.pk},
        )
        assert response.status_code == 200
        assert form_errors(response, "center")
        assert not Invitation.objects.exists()

    def test_it_refuses_someone_who_already_has_the_role(self, client, dave, carol, center):
        client.force_login(dave)
        response = client.post(
            reverse("staff_invitations"),
            {"email": "CAROL@example.com", "role": "counselor", "center": center.pk},
        )
        assert response.status_code == 200
        assert form_errors(response, "email")
        assert not Invitation.objects.exists()

    def test_it_hides_the_staff_pages_from_everyone_else(
        self, client, alice, bob, carol, charlie, center
    ):
        invitation, _raw = make_invitation(center)
        for person in (alice, bob, carol, charlie):
            client.force_login(person)
            assert client.get(reverse("staff_invitations")).status_code == 404
            assert (
                client.post(reverse("staff_invitation_revoke", args=[invitation.pk])).status_code
                == 404
            )
        invitation.refresh_from_db()
        assert invitation.revoked_at is None


class TestRevoking:
    def test_it_revokes(self, client, dave, center):
        invitation, raw = make_invitation(center)
        client.force_login(dave)
        response = client.post(reverse("staff_invitation_revoke", args=[invitation.pk]))
        assert response.status_code == 302
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None
        client.logout()
        assert client.get(accept_url(raw)).status_code == 404

    def test_staff_of_another_center_cannot_revoke(self, client, other_staff, center):
        invitation, _raw = make_invitation(center)
        client.force_login(other_staff)
        assert (
            client.post(reverse("staff_invitation_revoke", args=[invitation.pk])).status_code == 404
        )
        invitation.refresh_from_db()
        assert invitation.revoked_at is None

    def test_staff_of_another_center_do_not_see_it(self, client, other_staff, center):
        make_invitation(center, email="erin@example.com")
        client.force_login(other_staff)
        response = client.get(reverse("staff_invitations"))
        assert response.status_code == 200
        assert "erin@example.com" not in response.content.decode()


class TestAccepting:
    def test_it_creates_the_account_of_a_new_person(self, client, center):
        invitation, raw = make_invitation(center)
        page = client.get(accept_url(raw))
        assert page.status_code == 200
        response = client.post(accept_url(raw), NEW_ACCOUNT)
        assert response.status_code == 302
        erin = User.objects.get(email="erin@example.com")
        assert erin.name == "박에린"
        assert erin.phone == "010-3456-7890"
        assert erin.check_password(PASSWORD)
        assert EmailAddress.objects.get(user=erin).verified  # the link reached this inbox
        assert erin.roles == ["counselor"]
        assert int(client.session["_auth_user_id"]) == erin.pk
        invitation.refresh_from_db()
        assert invitation.accepted_by == erin and invitation.accepted_at is not None

    def test_it_records_the_required_consents_of_a_new_person(self, client, center):
        _invitation, raw = make_invitation(center)
        client.post(accept_url(raw), NEW_ACCOUNT)
        consents = Consent.objects.filter(user__email="erin@example.com")
        assert {(c.document, c.version) for c in consents} == {
            (doc.key, doc.version) for doc in DOCUMENTS.values() if doc.required
        }

    def test_it_adds_the_role_to_the_signed_in_person_it_was_sent_to(self, client, alice, center):
        invitation, raw = make_invitation(center, email="ALICE@example.com", role="staff")
        client.force_login(alice)
        response = client.post(accept_url(raw))
        assert response.status_code == 302
        alice.refresh_from_db()
        assert CenterMembership.objects.filter(user=alice, center=center, role="staff").exists()
        assert User.objects.filter(email__iexact="alice@example.com").count() == 1

    def test_it_asks_a_person_with_an_account_to_sign_in_first(self, client, alice, center):
        _invitation, raw = make_invitation(center, email="alice@example.com")
        response = client.get(accept_url(raw))
        assert response.status_code == 200
        assert response.context["existing_account"]
        client.post(accept_url(raw), NEW_ACCOUNT)
        assert not CenterMembership.objects.filter(user=alice).exists()
        assert User.objects.filter(email="alice@example.com").count() == 1

    def test_it_refuses_a_second_use(self, client, center):
        _invitation, raw = make_invitation(center)
        client.post(accept_url(raw), NEW_ACCOUNT)
        client.logout()
        response = client.get(accept_url(raw))
        assert response.status_code == 404
        assert client.post(accept_url(raw), {**NEW_ACCOUNT, "name": "가짜"}).status_code == 404
        assert User.objects.filter(email="erin@example.com").count() == 1

    def test_it_refuses_an_expired_link(self, client, center):
        _invitation, raw = make_invitation(center, expires_at=timezone.now() - timedelta(minutes=1))
        response = client.get(accept_url(raw))
        assert response.status_code == 404
        assert response.templates[0].name == "accounts/invitation_invalid.html"
        client.post(accept_url(raw), NEW_ACCOUNT)
        assert not User.objects.filter(email="erin@example.com").exists()

    def test_it_refuses_a_tampered_token(self, client, center):
        _invitation, raw = make_invitation(center)
        for tampered in (raw[:-1], raw + "x", raw[::-1], "x" * 43):
            assert client.get(accept_url(tampered)).status_code == 404
            client.post(accept_url(tampered), NEW_ACCOUNT)
        assert not User.objects.filter(email="erin@example.com").exists()

    def test_it_refuses_a_revoked_link(self, client, center):
        _invitation, raw = make_invitation(center, revoked_at=timezone.now())
        assert client.get(accept_url(raw)).status_code == 404
        client.post(accept_url(raw), NEW_ACCOUNT)
        assert not User.objects.filter(email="erin@example.com").exists()

    def test_it_refuses_another_signed_in_account(self, client, alice, center):
        invitation, raw = make_invitation(center, email="erin@example.com", role="staff")
        client.force_login(alice)
        assert client.get(accept_url(raw)).status_code == 403
        assert client.post(accept_url(raw)).status_code == 403
        assert not CenterMembership.objects.exists()
        invitation.refresh_from_db()
        assert invitation.is_usable

    def test_it_refuses_a_weak_password_and_keeps_the_link_usable(self, client, center):
        invitation, raw = make_invitation(center)
        response = client.post(
            accept_url(raw), {**NEW_ACCOUNT, "password1": "password", "password2": "password"}
        )
        assert response.status_code == 200
        assert form_errors(response, "password1")
        assert not User.objects.filter(email="erin@example.com").exists()
        invitation.refresh_from_db()
        assert invitation.is_usable

    def test_it_refuses_a_bad_phone(self, client, center):
        _invitation, raw = make_invitation(center)
        response = client.post(accept_url(raw), {**NEW_ACCOUNT, "phone": "02-123-4567"})
        assert response.status_code == 200
        assert form_errors(response, "phone")
        assert not User.objects.filter(email="erin@example.com").exists()

    def test_it_does_not_log_in_an_existing_account_with_a_new_password(self, client, center):
        """A race: the account appeared after the page was shown; no second account, no takeover."""
        _invitation, raw = make_invitation(center)
        page = client.get(accept_url(raw))
        assert page.status_code == 200
        UserFactory(email="erin@example.com")
        client.post(accept_url(raw), NEW_ACCOUNT)
        assert "_auth_user_id" not in client.session
        assert User.objects.filter(email__iexact="erin@example.com").count() == 1
