"""Roles and the dashboards: one person may hold several roles; each sees only their own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import CenterMembership, CompanyMembership
from tests.factories import CompanyFactory, UserFactory


def dashboard(role: str) -> str:
    return reverse("dashboard_role", args=[role])


class TestRoles:
    def test_it_gives_each_persona_their_role(self, alice, bob, carol, dave):
        assert alice.roles == ["trainee"]
        assert bob.roles == ["employer"]
        assert carol.roles == ["counselor"]
        assert dave.roles == ["staff"]

    def test_it_lets_one_person_hold_several_roles(self, alice, center):
        CompanyMembership.objects.create(company=CompanyFactory(), user=alice, role="recruiter")
        CenterMembership.objects.create(center=center, user=alice, role="counselor")
        alice.refresh_from_db()
        assert alice.roles == ["trainee", "employer", "counselor"]


class TestDashboard:
    def test_it_sends_each_person_to_their_first_role(self, client, alice, bob, carol, dave):
        for person, role in (
            (alice, "trainee"),
            (bob, "employer"),
            (carol, "counselor"),
            (dave, "staff"),
        ):
            client.force_login(person)
            response = client.get(reverse("dashboard"))
            assert response.status_code == 302
            assert response["Location"] == dashboard(role)

    def test_it_shows_a_person_with_several_roles_each_dashboard(self, client, alice, center):
        CompanyMembership.objects.create(company=CompanyFactory(), user=alice, role="recruiter")
        CenterMembership.objects.create(center=center, user=alice, role="counselor")
        client.force_login(alice)
        assert client.get(reverse("dashboard"))["Location"] == dashboard("trainee")
        for role in ("trainee", "employer", "counselor"):
            assert client.get(dashboard(role)).status_code == 200, role
        assert client.get(dashboard("staff")).status_code == 404

    @pytest.mark.parametrize("role", ["trainee", "employer", "counselor", "staff"])
    def test_it_renders_each_role_dashboard(self, client, alice, bob, carol, dave, role):
        person = {"trainee": alice, "employer": bob, "counselor": carol, "staff": dave}[role]
        client.force_login(person)
        response = client.get(dashboard(role))
        assert response.status_code == 200
        assert person.name in response.content.decode()

    def test_it_hides_the_staff_dashboard_from_everyone_else(
        self, client, alice, bob, carol, charlie
    ):
        for person in (alice, bob, carol, charlie):
            client.force_login(person)
            assert client.get(dashboard("staff")).status_code == 404

    def test_it_answers_404_for_an_unknown_role(self, client, alice):
        client.force_login(alice)
        assert client.get(dashboard("superuser")).status_code == 404

    def test_it_shows_staff_the_companies_waiting_for_them(self, client, dave):
        CompanyFactory(status="pending", name="(주)대기중공방")
        client.force_login(dave)
        response = client.get(dashboard("staff"))
        assert response.context["pending_companies"] == 1

    def test_it_tells_a_person_without_roles_what_to_do(self, client, db):
        client.force_login(UserFactory())
        response = client.get(reverse("dashboard"))
        assert response.status_code == 200
