"""Center staff record, list and remove employment rate exclusions (audit-logged)."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from core.models import AuditEntry
from courses.models import Enrollment
from reports import selectors
from reports.models import RateExclusion
from tests.reports.scenario import build, now_at_today

pytestmark = pytest.mark.django_db

YEAR = {"from": "2026-01-01", "to": "2026-11-30"}


@pytest.fixture
def scenario(center, other_center, carol, django_capture_on_commit_callbacks):
    with time_machine.travel(now_at_today(), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            scenario = build(center, other_center, carol)
        yield scenario


def _rate(center) -> float:
    period = selectors.parse_period(YEAR)
    return selectors.outcomes(center, period)["employment"]["employment_rate"]


class TestExclusions:
    def test_staff_see_the_exclusions_of_their_center(self, scenario, client, dave):
        client.force_login(dave)
        page = client.get(reverse("reports:exclusions"), YEAR).content.decode()
        assert "교육생4" in page  # excluded for further education
        assert "진학" in page

    def test_excluding_a_completer_changes_the_rate_and_is_logged(
        self, scenario, client, dave, center, django_capture_on_commit_callbacks
    ):
        t2 = Enrollment.objects.get(run=scenario.run, user=scenario.trainees[1])
        client.force_login(dave)
        assert _rate(center) == 75.0
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"{reverse('reports:exclusions')}?from=2026-01-01&to=2026-11-30",
                {"enrollment": t2.pk, "reason": "military_service", "note": "입영통지서 확인"},
            )
        assert response.status_code == 302
        exclusion = RateExclusion.objects.get(enrollment=t2)
        assert exclusion.recorded_by == dave and exclusion.note == "입영통지서 확인"
        assert _rate(center) == 100.0  # 3 / (5 − 2)
        entry = AuditEntry.objects.get(action="reports.exclusion.recorded")
        assert entry.actor == dave and entry.data["reason"] == "military_service"

    def test_removing_asks_why_and_counts_the_person_again(
        self, scenario, client, dave, center, django_capture_on_commit_callbacks
    ):
        exclusion = RateExclusion.objects.get(enrollment__run=scenario.run)
        client.force_login(dave)
        url = reverse("reports:exclusion_remove", args=[exclusion.pk])
        assert client.post(url, {"why": ""}).status_code == 400
        assert RateExclusion.objects.filter(pk=exclusion.pk).exists()
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, {"why": "진학 취소"}).status_code == 302
        assert not RateExclusion.objects.filter(pk=exclusion.pk).exists()
        assert _rate(center) == 60.0  # 3 / 5
        entry = AuditEntry.objects.get(action="reports.exclusion.removed")
        assert entry.data["why"] == "진학 취소" and entry.data["reason"] == "further_education"

    def test_only_completers_of_the_center_not_yet_excluded_can_be_chosen(
        self, scenario, client, dave
    ):
        client.force_login(dave)
        url = f"{reverse('reports:exclusions')}?from=2026-01-01&to=2026-11-30"
        not_completed = Enrollment.objects.get(run=scenario.run, user=scenario.trainees[5])
        excluded = Enrollment.objects.get(run=scenario.run, user=scenario.trainees[3])
        other_center = Enrollment.objects.get(run=scenario.other_run)
        for enrollment in (not_completed, excluded, other_center):
            response = client.post(url, {"enrollment": enrollment.pk, "reason": "illness"})
            assert response.status_code == 400
        assert RateExclusion.objects.count() == 1

    def test_another_centers_staff_get_404(self, scenario, client, erin, center):
        exclusion = RateExclusion.objects.get(enrollment__run=scenario.run)
        client.force_login(erin)
        assert (
            client.get(reverse("reports:exclusions"), {**YEAR, "center": center.pk}).status_code
            == 404
        )
        remove = reverse("reports:exclusion_remove", args=[exclusion.pk])
        assert client.get(remove).status_code == 404
        assert client.post(remove, {"why": "x"}).status_code == 404
        assert RateExclusion.objects.filter(pk=exclusion.pk).exists()
        assert not AuditEntry.objects.filter(action__startswith="reports.exclusion").exists()
