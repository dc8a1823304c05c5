"""Drill-downs into runs, fairs, booths, interviews and offers: the list behind each figure."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from fairs.models import Booth, Registration
from jobs.models import Application, Interview, Offer
from reports import selectors
from reports.selectors.period import Period
from tests.factories import CompanyFactory
from tests.fairs.conftest import make_booth, make_fair
from tests.jobs.conftest import posting, posting_data, publish, skills  # noqa: F401
from tests.reports.scenario import build, now_at_today

pytestmark = pytest.mark.django_db

YEAR = {"from": "2026-01-01", "to": "2026-11-30"}
PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30))
FIGURES = {
    "runs": ("training", "runs"),
    "fairs": ("fairs", "fairs"),
    "booths": ("fairs", "booths"),
    "conversations": ("fairs", "conversations"),
    "fair_interviews": ("fairs", "interviews_booked"),
    "fair_interviews_held": ("fairs", "interviews_held"),
    "interviews": ("jobs", "interviews"),
    "offers": ("jobs", "offers"),
    "offers_accepted": ("jobs", "offers_accepted"),
}


@pytest.fixture
def world(
    center, other_center, carol, bob, bob_company, alice, posting,  # noqa: F811
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with time_machine.travel(now_at_today(), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            scenario = build(center, other_center, carol)
            fair = make_fair(center, starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2026, 10, 2))
            make_booth(fair, bob_company)
            Booth.objects.create(fair=fair, company=CompanyFactory(), status=Booth.Status.DECLINED)
            Registration.objects.create(fair=fair, attendee=alice)
            make_fair(other_center, starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2026, 10, 2))
            application = Application.objects.create(posting=posting, applicant=alice)
            Interview.objects.create(
                application=application, candidate=alice, created_by=bob,
                mode=Interview.Mode.PHONE, phone="010-0123-4567",
            )  # fmt: skip
            Offer.objects.create(
                application=application, position="세공사",
                start_date=dt.date(2027, 1, 4), employment_type="full_time", salary=30_000_000,
                expires_at=now_at_today() + dt.timedelta(days=7), status=Offer.Status.ACCEPTED,
                made_by=bob,
            )  # fmt: skip
        yield scenario


class TestDrillDowns:
    @pytest.mark.parametrize("metric", FIGURES)
    def test_each_list_has_as_many_rows_as_its_figure(self, world, center, metric):
        report = selectors.outcomes(center, PERIOD)
        section, key = FIGURES[metric]
        drill = selectors.drill(center, PERIOD, metric, {})
        assert drill.total == report[section][key]
        assert len(drill.rows) == drill.total

    def test_the_dashboard_links_each_figure_to_its_list(self, world, client, dave):
        client.force_login(dave)
        page = client.get(reverse("reports:dashboard"), YEAR).content.decode()
        for metric in FIGURES:
            assert reverse("reports:drill", args=[metric]) in page

    def test_the_lists_name_the_records(self, world, client, dave, alice):
        client.force_login(dave)
        runs = client.get(reverse("reports:drill", args=["runs"]), YEAR).content.decode()
        assert "왁스 카빙과 주조" in runs and "수제화 패턴" not in runs  # the other center's run
        booths = client.get(reverse("reports:drill", args=["booths"]), YEAR).content.decode()
        assert world and booths.count("<tr>") == 2  # the header and the approved booth only
        offers = client.get(reverse("reports:drill", args=["offers_accepted"]), YEAR)
        assert alice.name in offers.content.decode()

    @pytest.mark.parametrize("metric", FIGURES)
    def test_another_centers_staff_get_404(self, world, client, erin, center, metric):
        client.force_login(erin)
        url = reverse("reports:drill", args=[metric])
        assert client.get(url, {**YEAR, "center": center.pk}).status_code == 404

    def test_a_list_takes_as_many_queries_for_three_rows_as_for_one(
        self, world, center, bob, alice
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries(metric: str) -> int:
            with CaptureQueriesContext(connection) as ctx:
                selectors.drill(center, PERIOD, metric, {})
            return len(ctx)

        before = {m: queries(m) for m in ("booths", "offers", "runs")}
        fair = make_fair(center, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 9, 2))
        for _ in range(2):
            make_booth(fair, CompanyFactory())
        application = Application.objects.get(applicant=alice)
        for _ in range(2):
            Offer.objects.create(
                application=application, position="세공사",
                start_date=dt.date(2027, 1, 4), employment_type="full_time", salary=1,
                expires_at=now_at_today(), status=Offer.Status.DECLINED, made_by=bob,
            )  # fmt: skip
        assert selectors.drill(center, PERIOD, "booths", {}).total == 3
        assert {m: queries(m) for m in before} == before
