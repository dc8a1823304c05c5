"""Center staff verify or reject the companies that signed up; members hear about it by email."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.forms import CompanyDecisionForm
from accounts.models import Company, CompanyMembership
from tests.accounts.utils import has_hangul, korean
from tests.factories import CompanyFactory, UserFactory


@pytest.fixture
def pending(db):
    company = CompanyFactory(name="(주)새보석", status=Company.Status.PENDING)
    owner = UserFactory(email="owner@newgem.example", name="오너")
    recruiter = UserFactory(email="hr@newgem.example", name="인사", language="en")
    CompanyMembership.objects.create(company=company, user=owner, role="owner")
    CompanyMembership.objects.create(company=company, user=recruiter, role="recruiter")
    return company


def decide(client, company, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("staff_company_decide", args=[company.pk]), data)


class TestCompanyVerification:
    def test_it_lists_companies_waiting_for_verification(self, client, dave, pending, bob_company):
        client.force_login(dave)
        response = client.get(reverse("staff_companies"))
        assert response.status_code == 200
        assert list(response.context["companies"]) == [pending]  # bob's company is already verified

    def test_it_verifies_and_tells_every_member(
        self, client, dave, pending, django_capture_on_commit_callbacks
    ):
        client.force_login(dave)
        response = decide(client, pending, django_capture_on_commit_callbacks, decision="verified")
        assert response.status_code == 302
        pending.refresh_from_db()
        assert pending.status == Company.Status.VERIFIED
        assert pending.verified_by == dave and pending.verified_at is not None
        assert sorted(m.to[0] for m in mail.outbox) == ["hr@newgem.example", "owner@newgem.example"]

    def test_it_needs_a_reason_to_reject(
        self, client, dave, pending, django_capture_on_commit_callbacks
    ):
        client.force_login(dave)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("staff_company_decide", args=[pending.pk]),
                {"decision": "rejected", "reason": "  "},
                follow=True,
            )
        assert (
            escape(korean("Give the company a reason for the rejection."))
            in response.content.decode()
        )
        pending.refresh_from_db()
        assert pending.status == Company.Status.PENDING
        assert mail.outbox == []

    def test_it_rejects_with_the_reason_in_the_email(
        self, client, dave, pending, django_capture_on_commit_callbacks
    ):
        client.force_login(dave)
        decide(
            client,
            pending,
            django_capture_on_commit_callbacks,
            decision="rejected",
            reason="사업자등록증 사본이 필요합니다",
        )
        pending.refresh_from_db()
        assert pending.status == Company.Status.REJECTED
        assert pending.status_reason == "사업자등록증 사본이 필요합니다"
        assert pending.verified_at is None
        assert len(mail.outbox) == 2
        assert all("사업자등록증 사본이 필요합니다" in m.body for m in mail.outbox)

    def test_it_refuses_an_unknown_decision(
        self, client, dave, pending, django_capture_on_commit_callbacks
    ):
        client.force_login(dave)
        response = decide(client, pending, django_capture_on_commit_callbacks, decision="delete")
        assert response.status_code == 302
        pending.refresh_from_db()
        assert pending.status == Company.Status.PENDING
        assert mail.outbox == []

    def test_it_explains_a_reason_that_is_too_long(
        self, client, dave, pending, django_capture_on_commit_callbacks
    ):
        client.force_login(dave)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("staff_company_decide", args=[pending.pk]),
                {"decision": "rejected", "reason": "가" * 301},
                follow=True,
            )
        with translation.override("ko"):
            form = CompanyDecisionForm({"decision": "rejected", "reason": "가" * 301})
            [expected] = form.errors["reason"]
        assert has_hangul(expected)
        assert escape(expected) in response.content.decode()
        pending.refresh_from_db()
        assert pending.status == Company.Status.PENDING
        assert mail.outbox == []

    def test_it_answers_404_for_an_unknown_company(self, client, dave, db):
        client.force_login(dave)
        assert (
            client.post(
                reverse("staff_company_decide", args=[999999]), {"decision": "verified"}
            ).status_code
            == 404
        )

    def test_it_is_only_for_staff(self, client, alice, bob, carol, charlie, pending):
        for person in (alice, bob, carol, charlie):
            client.force_login(person)
            assert client.get(reverse("staff_companies")).status_code == 404
            response = client.post(
                reverse("staff_company_decide", args=[pending.pk]), {"decision": "verified"}
            )
            assert response.status_code == 404
        pending.refresh_from_db()
        assert pending.status == Company.Status.PENDING
