"""Companies register with centers; each center's staff verify them for their own center only.

dave runs the jewelry center in Jongno (``center``), erin the shoe center in Seongsu
(``other_center``). Another center's company answers 404 to staff, on pages and in the API.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import selectors, services
from accounts.models import Company, CompanyCenter, CompanyMembership
from core.audit import entries_for
from core.exceptions import ConflictError
from tests.accounts.test_signup import SIGNUP, employer_data
from tests.factories import CompanyFactory, UserFactory, add_totp, make_admin_site_staff


@pytest.fixture
def gem(db, center):
    """A new company waiting for the jewelry center."""
    company = CompanyFactory(name="(주)새보석", status=Company.Status.PENDING, centers=[center])
    CompanyMembership.objects.create(
        company=company, user=UserFactory(email="owner@newgem.example"), role="owner"
    )
    return company


@pytest.fixture
def shoes(db, other_center):
    """A new company waiting for the shoe center."""
    return CompanyFactory(name="(주)새구두", status=Company.Status.PENDING, centers=[other_center])


def registration(company, center) -> CompanyCenter:
    return CompanyCenter.objects.get(company=company, center=center)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


class TestSignup:
    def test_an_employer_chooses_the_center_and_the_first_one_is_preselected(
        self, client, center, other_center
    ):
        form = client.get(SIGNUP).context["form"]
        assert form["center"].initial == center  # the demo's Jongno center, created first
        assert list(form.fields["center"].queryset) == [center, other_center]
        assert client.get(SIGNUP + "?center=seongsu-shoes").context["form"]["center"].initial == (
            other_center
        )

        client.post(SIGNUP, employer_data(center=other_center.pk))
        company = Company.objects.get(brn="2208162517")
        assert [(r.center, r.status) for r in company.registrations.all()] == [
            (other_center, "pending")
        ]

    def test_without_a_choice_the_company_registers_with_the_first_center(
        self, client, center, other_center
    ):
        client.post(SIGNUP, employer_data())
        company = Company.objects.get(brn="2208162517")
        assert list(company.centers.all()) == [center]


class TestStaffSeeTheirOwnCenters:
    def test_each_center_lists_and_counts_only_its_companies(self, client, dave, erin, gem, shoes):
        client.force_login(dave)
        assert client.get(reverse("staff_companies")).context["companies"] == [gem]
        dashboard = client.get(reverse("dashboard_role", args=["staff"]))
        assert dashboard.context["pending_companies"] == 1
        client.force_login(erin)
        assert client.get(reverse("staff_companies")).context["companies"] == [shoes]

    def test_another_centers_company_is_404_on_the_page_and_in_the_api(
        self, client, erin, gem, django_capture_on_commit_callbacks
    ):
        client.force_login(erin)
        with django_capture_on_commit_callbacks(execute=True):
            page = client.post(
                reverse("staff_company_decide", args=[gem.pk]), {"decision": "verified"}
            )
            answer = api(erin).post(
                f"/api/v1/companies/{gem.pk}/verify/", {"status": "verified"}, format="json"
            )
        assert (page.status_code, answer.status_code) == (404, 404)
        gem.refresh_from_db()
        assert gem.status == Company.Status.PENDING
        assert entries_for(gem).count() == 0 and mail.outbox == []

    def test_its_own_staff_verify_it_in_the_api(self, dave, gem, center):
        answer = api(dave).post(f"/api/v1/companies/{gem.pk}/verify/", {}, format="json")
        assert answer.status_code == 200 and answer.json()["status"] == "verified"
        assert registration(gem, center).status == "verified"

    def test_naming_a_center_the_person_does_not_run_is_404(self, dave, erin, center, other_center):
        both = CompanyFactory(status=Company.Status.PENDING, centers=[center, other_center])
        answer = api(dave).post(
            f"/api/v1/companies/{both.pk}/verify/", {"center": other_center.pk}, format="json"
        )
        assert answer.status_code == 404
        assert registration(both, other_center).status == "pending"


class TestJoiningAnotherCenter:
    def test_the_owner_asks_and_that_centers_staff_decide(
        self,
        client,
        bob,
        bob_company,
        dave,
        erin,
        center,
        other_center,
        django_capture_on_commit_callbacks,
    ):
        client.force_login(bob)
        page = client.get(reverse("jobs:employer_company", args=[bob_company.pk]))
        assert list(page.context["join_form"].fields["center"].queryset) == [other_center]
        client.post(
            reverse("jobs:employer_company_join", args=[bob_company.pk]),
            {"center": other_center.pk},
        )
        assert registration(bob_company, other_center).status == "pending"

        client.force_login(dave)  # the jewelry center has nothing new to decide
        assert client.get(reverse("staff_companies")).context["companies"] == []
        client.force_login(erin)
        [listed] = client.get(reverse("staff_companies")).context["companies"]
        assert listed == bob_company and listed.registration.center == other_center
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("staff_company_decide", args=[bob_company.pk]), {"decision": "verified"}
            )
        assert registration(bob_company, other_center).status == "verified"
        assert registration(bob_company, center).status == "verified"  # untouched
        assert other_center.name in mail.outbox[0].body
        actions = [e.action for e in entries_for(bob_company).order_by("pk")]
        assert actions == ["accounts.company.center_requested", "accounts.company.verified"]

    def test_a_recruiter_cannot_ask(self, client, charlie, other_center):
        company = charlie.company_memberships.get().company
        client.force_login(charlie)
        response = client.post(
            reverse("jobs:employer_company_join", args=[company.pk]), {"center": other_center.pk}
        )
        assert response.status_code == 404
        assert not CompanyCenter.objects.filter(company=company, center=other_center).exists()

    def test_asking_twice_is_a_conflict_and_a_refusal_can_be_asked_again(
        self, bob, bob_company, erin, other_center
    ):
        services.company_center_request(company=bob_company, center=other_center, by=bob)
        with pytest.raises(ConflictError):
            services.company_center_request(company=bob_company, center=other_center, by=bob)
        services.company_set_status(
            company=bob_company, status="rejected", by=erin, reason="업종 불일치"
        )
        assert registration(bob_company, other_center).status == "rejected"
        services.company_center_request(company=bob_company, center=other_center, by=bob)
        assert registration(bob_company, other_center).status == "pending"


class TestTheCompanysStatusSumsUpItsCenters:
    def test_verified_by_one_center_is_verified_rejected_by_all_is_rejected(
        self, dave, erin, center, other_center
    ):
        both = CompanyFactory(status=Company.Status.PENDING, centers=[center, other_center])
        services.company_set_status(company=both, status="rejected", by=erin, reason="관할 아님")
        both.refresh_from_db()
        assert both.status == "pending"  # the jewelry center has not decided yet
        services.company_set_status(company=both, status="verified", by=dave)
        both.refresh_from_db()
        assert (both.status, both.verified_by) == ("verified", dave)
        services.company_set_status(company=both, status="rejected", by=dave, reason="폐업")
        both.refresh_from_db()
        assert (both.status, both.status_reason, both.verified_at) == ("rejected", "폐업", None)


class TestAdmin:
    def test_admin_site_users_who_are_not_superusers_see_their_centers_companies(
        self, client, gem, shoes, other_center
    ):
        user = make_admin_site_staff(
            other_center, "view_company", email="seongsu.admin@example.com"
        )
        client.force_login(user)
        response = client.get("/admin/accounts/company/")
        assert response.status_code == 200
        assert list(response.context["cl"].queryset) == [shoes]

    def test_the_admins_verify_action_decides_for_the_users_centers(
        self, admin_client, admin_user, gem, shoes, center, other_center
    ):
        add_totp(admin_user)
        admin_client.post(
            "/admin/accounts/company/",
            {"action": "verify", "_selected_action": [gem.pk, shoes.pk]},
        )
        assert registration(gem, center).status == "verified"  # a superuser decides for any
        assert registration(shoes, other_center).status == "verified"


def test_pending_counts_follow_the_registrations(dave, gem, shoes):
    assert selectors.pending_registration_count(dave) == 1
