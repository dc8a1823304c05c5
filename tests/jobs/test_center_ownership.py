"""A posting names one of its company's centers, and only that center's staff review it.

dave runs the jewelry center (``center``), erin the shoe center (``other_center``); bob's company
is registered with the jewelry center. Another center's posting answers 404 to staff.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import services as account_services
from core.exceptions import ConflictError
from jobs import services
from jobs.models import Posting
from tests.factories import make_admin_site_staff

from .conftest import posting_data


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def submitted(draft, bob):
    return services.posting_submit(posting=draft, by=bob)


class TestThePostingsCenter:
    def test_a_new_posting_names_the_companys_center(self, draft, center):
        assert draft.center == center

    def test_the_employer_chooses_among_the_companys_centers(
        self, client, bob, bob_company, center, other_center
    ):
        account_services.company_center_request(company=bob_company, center=other_center, by=bob)
        client.force_login(bob)
        form = client.get(reverse("jobs:employer_posting_new")).context["form"]
        assert list(form.fields["center"].queryset) == [center, other_center]  # verified first
        response = client.post(
            reverse("jobs:employer_posting_new"),
            {
                **posting_data(title="수제화 기능공", deadline=""),
                "experience_level": "any",
                "education": "any",
                "openings": 1,
                "required_level": 2,
                "center": other_center.pk,
            },
        )
        assert response.status_code == 302
        assert Posting.objects.get(title="수제화 기능공").center == other_center

    def test_a_center_the_company_is_not_registered_with_is_refused(
        self, bob, bob_company, other_center
    ):
        with pytest.raises(ValidationError) as exc:
            services.posting_create(
                company=bob_company, by=bob, data={**posting_data(), "center": other_center}
            )
        assert "center" in exc.value.message_dict
        answer = api(bob).post(
            "/api/v1/jobs/", {**posting_data(), "center": other_center.pk}, format="json"
        )
        assert answer.status_code == 400 and "center" in answer.json()["errors"]
        assert not Posting.objects.exists()


class TestReviewByTheOwnCenter:
    def test_the_queue_and_the_dashboard_count_hold_only_the_own_centers_postings(
        self, client, submitted, dave, erin
    ):
        client.force_login(dave)
        assert list(client.get(reverse("jobs:staff_review")).context["postings"]) == [submitted]
        dashboard = client.get(reverse("dashboard_role", args=["staff"])).content.decode()
        assert "검토 대기 공고" in dashboard  # Korean, the default language
        client.force_login(erin)
        assert list(client.get(reverse("jobs:staff_review")).context["postings"]) == []

    def test_another_centers_posting_is_404_on_the_pages_and_in_the_api(
        self, client, submitted, erin
    ):
        client.force_login(erin)
        url = reverse("jobs:staff_posting", args=[submitted.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "approve"}).status_code == 404
        erin_api = api(erin)
        assert erin_api.post(f"/api/v1/jobs/{submitted.pk}/approve/").status_code == 404
        returned = erin_api.post(
            f"/api/v1/jobs/{submitted.pk}/return/", {"reason": "x"}, format="json"
        )
        assert returned.status_code == 404
        submitted.refresh_from_db()
        assert submitted.status == Posting.Status.PENDING

    def test_its_own_staff_approve_it(self, client, submitted, dave):
        client.force_login(dave)
        client.post(reverse("jobs:staff_posting", args=[submitted.pk]), {"action": "approve"})
        submitted.refresh_from_db()
        assert (submitted.status, submitted.reviewed_by) == (Posting.Status.PUBLISHED, dave)

    def test_a_center_publishes_only_once_it_has_verified_the_company(
        self, bob, bob_company, erin, other_center
    ):
        account_services.company_center_request(company=bob_company, center=other_center, by=bob)
        posting = services.posting_create(
            company=bob_company, by=bob, data={**posting_data(), "center": other_center}
        )
        services.posting_submit(posting=posting, by=bob)
        with pytest.raises(ConflictError):
            services.posting_approve(posting=posting, by=erin)
        account_services.company_set_status(company=bob_company, status="verified", by=erin)
        assert services.posting_approve(posting=posting, by=erin).status == "published"

    def test_admin_site_users_see_only_their_centers_postings(
        self, client, submitted, other_center
    ):
        user = make_admin_site_staff(
            other_center, "view_posting", email="seongsu.admin@example.com"
        )
        client.force_login(user)
        response = client.get("/admin/jobs/posting/")
        assert response.status_code == 200
        assert list(response.context["cl"].queryset) == []
