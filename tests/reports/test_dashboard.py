"""The outcomes dashboard: figures a person can count, drill-downs, files, access, speed."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from reports import selectors
from reports.history import generate
from reports.selectors.period import Period
from reports.summaries import summaries_rebuild
from tests.core.test_pdf import pdf_text
from tests.reports.scenario import build, now_at_today

pytestmark = pytest.mark.django_db

YEAR = {"from": "2026-01-01", "to": "2026-11-30"}


@pytest.fixture
def clock():
    with time_machine.travel(now_at_today(), tick=False):
        yield


@pytest.fixture
def scenario(clock, center, other_center, carol, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the summaries follow
        return build(center, other_center, carol)


class TestFigures:
    def test_it_counts_training_as_the_scenario_says(self, scenario, center):
        report = selectors.outcomes(center, Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30)))
        t = report["training"]
        assert (t["enrolled"], t["completed"], t["dropouts"], t["not_completed"]) == (7, 5, 1, 1)
        assert t["completion_rate"] == 71.4
        assert t["certificates"] == 2
        assert t["attendance_rate"] == pytest.approx((90 * 5 + 50) / 6, abs=0.05)

    def test_it_computes_the_employment_rate_with_exclusions_and_the_window(self, scenario, center):
        e = selectors.outcomes(center, Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30)))[
            "employment"
        ]
        # t1, t3 (during training) and t5 (business) count; t2 started after 30 Oct; t4 excluded
        assert (e["completers"], e["employed"], e["excluded"]) == (5, 3, 1)
        assert e["employment_rate"] == 75.0
        runs = selectors.run_rates(center, Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30)))
        assert [(r["run_id"], r["employment_rate"], r["final"]) for r in runs] == [
            (scenario.run.pk, 75.0, True)
        ]

    def test_retention_counts_answers_for_jobs_in_the_window_only(
        self, scenario, center, django_capture_on_commit_callbacks
    ):
        from jobs.models import Employment
        from reports.models import FollowUp

        for person, still in ((scenario.trainees[0], True), (scenario.trainees[1], False)):
            job = Employment.objects.get(person=person)
            with django_capture_on_commit_callbacks(execute=True):
                FollowUp.objects.create(
                    employment=job,
                    months=6,
                    due_on=job.start_date,
                    sent_at=now_at_today(),
                    answered_at=now_at_today(),
                    still_employed=still,
                )
        retention = selectors.outcomes(center, Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30)))[
            "employment"
        ]["retention"]
        # t2's job started after the window: its "no" is not part of this period's figure
        assert retention["6m"] == {"asked": 1, "answered": 1, "retained": 1, "rate": 100.0}
        assert retention["12m"]["rate"] is None

    def test_it_counts_consultation_outcomes(self, scenario, center):
        c = selectors.outcomes(center, Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30)))[
            "consulting"
        ]
        assert c["consultations"] == 1
        assert c["by_category"]["startup"] == 1
        assert c["outcomes"]["business_registered"] == 1

    def test_it_leaves_out_runs_ending_outside_the_period(self, scenario, center):
        report = selectors.outcomes(center, Period(dt.date(2026, 5, 1), dt.date(2026, 11, 30)))
        assert report["training"]["enrolled"] == 0
        assert report["employment"]["employment_rate"] is None


class TestDashboardPage:
    def test_it_shows_the_figures_with_links_to_their_lists(self, scenario, client, dave):
        client.force_login(dave)
        response = client.get(reverse("reports:dashboard"), YEAR)
        assert response.status_code == 200
        page = response.content.decode()
        assert "75.0%" in page
        assert reverse("reports:drill", args=["employed"]) in page
        assert "<svg" in page
        assert "&lt;3" in page or "<3" in page  # the suppression note

    def test_drill_down_lists_the_people_behind_a_number(self, scenario, client, dave):
        client.force_login(dave)
        response = client.get(
            reverse("reports:drill", args=["employed"]), {**YEAR, "run": scenario.run.pk}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "교육생1" in page and "교육생3" in page and "교육생5" in page
        assert "교육생2" not in page and "교육생4" not in page

    def test_another_centers_staff_get_404(self, scenario, client, erin, center):
        client.force_login(erin)
        for url in (
            reverse("reports:dashboard"),
            reverse("reports:drill", args=["enrolled"]),
            reverse("reports:export", args=["csv"]),
        ):
            assert client.get(url, {**YEAR, "center": center.pk}).status_code == 404

    @pytest.mark.parametrize(
        "period",
        [{"from": "2026-05-01", "to": "2026-04-01"}, {"from": "2026-02-30", "to": "2026-03-01"}],
    )
    def test_a_bad_period_is_a_clear_400(self, scenario, client, dave, period):
        client.force_login(dave)
        response = client.get(reverse("reports:dashboard"), period)
        assert response.status_code == 400
        page = response.content.decode()
        assert "YYYY-MM-DD" in page or "시작보다 앞섭니다" in page


class TestFiles:
    def test_csv_suppresses_counts_under_three(self, scenario, client, dave):
        client.force_login(dave)
        response = client.get(reverse("reports:export", args=["csv"]), YEAR)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        values = {r[0]: r[1] for r in rows if len(r) == 2}
        assert values["훈련 인원"] == "7" and values["수료"] == "5"
        assert "<3" in values.values()  # dropouts (1), certificates (2)
        assert "1" not in values.values() and "2" not in values.values()

    def test_excel_opens_with_the_same_figures(self, scenario, client, dave):
        from openpyxl import load_workbook

        client.force_login(dave)
        response = client.get(reverse("reports:export", args=["xlsx"]), YEAR)
        book = load_workbook(io.BytesIO(response.content))
        values = [row[1] for row in book.worksheets[0].iter_rows(values_only=True) if len(row) > 1]
        assert 7 in values and 5 in values and "<3" in values

    def test_pdf_shows_the_figures_of_the_api(self, scenario, client, dave, center):
        client.force_login(dave)
        api = client.get(reverse("api_reports_outcomes"), {**YEAR, "center": center.pk}).json()
        pdf = client.get(reverse("reports:export", args=["pdf"]), YEAR)
        assert pdf["Content-Type"] == "application/pdf"
        text = pdf_text(pdf.content)
        rate = api["employment"]["employment_rate"]
        assert f"{rate}%" in text
        assert str(api["training"]["enrolled"]) in text
        assert f"{api['training']['completion_rate']}%" in text
        root = PdfReader(io.BytesIO(pdf.content)).trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged
        assert str(root["/Lang"]) == "ko"


class TestApi:
    def test_it_answers_the_dashboards_figures(self, scenario, client, dave, center):
        client.force_login(dave)
        data = client.get(reverse("api_reports_outcomes"), {**YEAR, "center": center.pk}).json()
        assert data == selectors.outcomes(
            center, Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30))
        )
        runs = client.get(reverse("api_reports_runs"), YEAR).json()["runs"]
        assert runs[0]["employment_rate"] == 75.0

    def test_bad_periods_and_other_centers(self, scenario, client, dave, erin, center):
        client.force_login(dave)
        bad = client.get(reverse("api_reports_outcomes"), {"from": "2026-13-01"})
        assert bad.status_code == 400
        backwards = client.get(
            reverse("api_reports_runs"), {"from": "2026-05-01", "to": "2026-01-01"}
        )
        assert backwards.status_code == 400
        client.force_login(erin)
        assert client.get(reverse("api_reports_outcomes"), {"center": center.pk}).status_code == 404


class TestQueryCount:
    @pytest.mark.parametrize("per_year", [20, 120])
    def test_the_dashboard_takes_the_same_queries_whatever_the_size(
        self, clock, center, carol, client, dave, django_assert_num_queries, per_year
    ):
        generate(
            center,
            trainees_per_year=per_year,
            years=2,
            today=dt.date(2026, 11, 30),
            counselor=carol,
        )
        summaries_rebuild()
        client.force_login(dave)
        client.get(reverse("reports:dashboard"), YEAR)  # warm the session
        with django_assert_num_queries(QUERIES):
            response = client.get(reverse("reports:dashboard"), YEAR)
        assert response.status_code == 200


QUERIES = 21  # session, user, roles, centers, two periods of seven summary reads, the run table
