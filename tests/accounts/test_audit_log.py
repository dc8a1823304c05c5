"""What staff do to other people's accounts leaves a trail: who, what, when and why."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import services
from accounts.models import CenterMembership, Company, Invitation
from core.audit import entries_about, entries_for
from tests.accounts.test_invitations import NEW_ACCOUNT, accept_url, make_invitation
from tests.factories import CompanyFactory, add_totp, make_center_member


def actions(obj) -> list[str]:
    return [e.action for e in entries_for(obj)]


@pytest.fixture
def pending(db):
    return CompanyFactory(name="(주)새보석", status=Company.Status.PENDING)


@pytest.fixture
def admin(admin_client, admin_user):
    add_totp(admin_user)
    return admin_client


class TestCompanyDecisions:
    def test_verifying_records_who_did_it(self, client, dave, pending):
        client.force_login(dave)
        client.post(reverse("staff_company_decide", args=[pending.pk]), {"decision": "verified"})

        [entry] = entries_for(pending)
        assert (entry.action, entry.actor) == ("accounts.company.verified", dave)

    def test_rejecting_records_the_reason_and_the_center(self, client, dave, pending, center):
        client.force_login(dave)
        client.post(
            reverse("staff_company_decide", args=[pending.pk]),
            {"decision": "rejected", "reason": "사업자등록증 사본이 필요합니다"},
        )

        [entry] = entries_for(pending)
        assert entry.action == "accounts.company.rejected"
        assert entry.data == {"reason": "사업자등록증 사본이 필요합니다", "center": center.name}

    def test_a_refused_decision_records_nothing(self, client, dave, pending):
        client.force_login(dave)
        client.post(
            reverse("staff_company_decide", args=[pending.pk]), {"decision": "rejected"}
        )  # no reason
        assert actions(pending) == []

    def test_the_staff_page_shows_each_companys_history(self, client, dave, pending):
        other = CompanyFactory(name="(주)다른보석", status=Company.Status.REJECTED)
        services.company_set_status(company=other, status="rejected", by=dave, reason="서류 미비")
        services.company_set_status(company=pending, status="rejected", by=dave, reason="폐업 확인")
        client.force_login(dave)

        with translation.override("ko"):
            body = client.get(reverse("staff_companies") + "?status=rejected").content.decode()

        assert body.count("<summary>변경 이력") == 2
        assert "서류 미비" in body and "폐업 확인" in body
        assert "기업 반려" in body and "정데이브" in body

    def test_the_page_reads_every_history_in_one_query(
        self, client, dave, django_assert_max_num_queries
    ):
        for n in range(5):
            company = CompanyFactory(name=f"회사{n}", status=Company.Status.REJECTED)
            services.company_set_status(company=company, status="rejected", by=dave, reason="x")
        client.force_login(dave)
        client.get(reverse("staff_companies") + "?status=rejected")  # warm up sessions and sites

        with django_assert_max_num_queries(12):
            client.get(reverse("staff_companies") + "?status=rejected")


class TestInvitations:
    def test_sending_and_revoking_are_recorded(self, client, dave, center):
        client.force_login(dave)
        client.post(
            reverse("staff_invitations"),
            {"email": "erin@example.com", "role": "counselor", "center": center.pk},
        )
        invitation = Invitation.objects.get()
        client.post(reverse("staff_invitation_revoke", args=[invitation.pk]))

        assert actions(invitation) == ["accounts.invitation.revoked", "accounts.invitation.sent"]
        assert {e.actor for e in entries_for(invitation)} == {dave}

    def test_revoking_twice_records_it_once(self, dave, center):
        invitation, _raw = make_invitation(center, by=dave)
        services.invitation_revoke(invitation=invitation, by=dave)
        services.invitation_revoke(invitation=invitation, by=dave)
        assert actions(invitation) == ["accounts.invitation.revoked"]

    def test_the_role_an_invitation_grants_is_recorded_as_the_inviters(self, client, dave, center):
        invitation, raw = make_invitation(center, role="counselor", by=dave)

        client.post(accept_url(raw), NEW_ACCOUNT)

        person = invitation.__class__.objects.get(pk=invitation.pk).accepted_by
        [entry] = entries_about(person)
        assert entry.action == "accounts.center_membership.added"
        assert entry.actor == dave
        assert entry.data == {
            "center": center.name,
            "role": "counselor",
            "invitation": invitation.pk,
        }


class TestApiTokens:
    def test_a_person_creating_and_revoking_their_own_token_is_recorded(self, bob):
        # Tokens are a way into the account: their life is a security trail (issue 9).
        token, _raw = services.api_token_create(user=bob, name="script")
        services.api_token_revoke(token=token, by=bob)
        assert sorted(actions(token)) == [
            "accounts.api_token.created",
            "accounts.api_token.revoked",
        ]
        assert {e.actor for e in entries_about(bob)} == {bob}

    def test_staff_revoking_someones_token_is_recorded_and_shown_to_them(self, admin, bob):
        token, _raw = services.api_token_create(user=bob, name="script")

        admin.post(
            reverse("admin:accounts_apitoken_changelist"),
            {"action": "revoke", "_selected_action": [token.pk]},
        )

        token.refresh_from_db()
        assert token.revoked_at is not None
        [entry] = [e for e in entries_about(bob) if e.action == "accounts.api_token.revoked"]
        assert entry.actor.is_superuser


@pytest.mark.django_db
class TestAdminGoesThroughTheServices:
    def test_it_verifies_companies_with_a_log_entry(self, admin, admin_user, pending):
        admin.post(
            reverse("admin:accounts_company_changelist"),
            {"action": "verify", "_selected_action": [pending.pk]},
        )
        pending.refresh_from_db()
        assert pending.status == Company.Status.VERIFIED
        assert [(e.action, e.actor) for e in entries_for(pending)] == [
            ("accounts.company.verified", admin_user)
        ]

    def test_the_status_cannot_be_edited_around_the_service(self, admin, pending):
        page = admin.get(reverse("admin:accounts_company_change", args=[pending.pk]))
        assert page.status_code == 200
        assert b'name="status"' not in page.content

    def test_it_revokes_invitations_with_a_log_entry(self, admin, admin_user, center):
        invitation, _raw = make_invitation(center)
        admin.post(
            reverse("admin:accounts_invitation_changelist"),
            {"action": "revoke", "_selected_action": [invitation.pk]},
        )
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None
        assert [e.actor for e in entries_for(invitation)] == [admin_user]

    def test_center_roles_added_and_removed_in_the_admin_are_logged(
        self, admin, admin_user, center, alice
    ):
        url = reverse("admin:accounts_user_change", args=[alice.pk])
        form = {
            "email": alice.email,
            "name": alice.name,
            "phone": "",
            "language": "ko",
            "is_trainee": "on",
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
            "center_memberships-TOTAL_FORMS": "1",
            "center_memberships-INITIAL_FORMS": "0",
            "center_memberships-0-center": center.pk,
            "center_memberships-0-role": "counselor",
        }
        response = admin.post(url, form)
        assert response.status_code == 302, response.content.decode()[:2000]
        membership = CenterMembership.objects.get(user=alice)

        response = admin.post(
            url,
            {
                **form,
                "center_memberships-INITIAL_FORMS": "1",
                "center_memberships-0-id": membership.pk,
                "center_memberships-0-user": alice.pk,
                "center_memberships-0-DELETE": "on",
            },
        )

        assert response.status_code == 302
        assert not CenterMembership.objects.filter(user=alice).exists()
        assert [(e.action, e.actor, e.data["role"]) for e in entries_about(alice)] == [
            ("accounts.center_membership.removed", admin_user, "counselor"),
            ("accounts.center_membership.added", admin_user, "counselor"),
        ]

    def test_a_role_someone_already_holds_is_not_logged_twice(self, dave, center):
        carol = make_center_member(center, "counselor", email="carol2@example.com")
        services.center_membership_add(center=center, user=carol, role="counselor", by=dave)
        assert list(entries_about(carol)) == []
