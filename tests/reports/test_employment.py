"""Jobs reported by the person or by staff, and the follow-up questions at 6 and 12 months."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from jobs.models import Employment
from reports import services
from reports.models import FollowUp
from tests.factories import valid_brn
from tests.reports.scenario import SEOUL, build, now_at_today

pytestmark = pytest.mark.django_db

JOB = {
    "company_name": "익선공방",
    "position": "세공사",
    "employment_type": "full_time",
    "salary_band": "30m_35m",
}


@pytest.fixture
def clock():
    with time_machine.travel(now_at_today(), tick=False):
        yield


@pytest.fixture
def scenario(clock, center, other_center, carol):
    return build(center, other_center, carol)


class TestReportedByThePerson:
    def test_it_records_a_job_found_elsewhere_with_a_valid_brn(self, clock, client, alice):
        client.force_login(alice)
        brn = valid_brn(7)
        response = client.post(
            reverse("reports:report_employment"),
            {**JOB, "company_brn": brn, "start_date": "2026-12-14"},
        )
        assert response.status_code == 302
        job = Employment.objects.get(person=alice)
        assert job.source == "self_reported" and job.company_brn == re.sub(r"\D", "", brn)

    def test_it_refuses_a_start_more_than_a_year_ahead_and_a_bad_brn(self, clock, client, alice):
        client.force_login(alice)
        far = client.post(reverse("reports:report_employment"), {**JOB, "start_date": "2027-12-31"})
        good = valid_brn(7)
        wrong_check_digit = good[:-1] + str((int(good[-1]) + 1) % 10)
        bad = client.post(
            reverse("reports:report_employment"),
            {**JOB, "start_date": "2026-12-14", "company_brn": wrong_check_digit},
        )
        assert far.status_code == 400 and "1년 이내" in far.content.decode()
        assert bad.status_code == 400
        assert not Employment.objects.exists()


class TestRecordedByStaff:
    def test_staff_record_a_job_of_their_trainee(self, scenario, client, dave, center):
        client.force_login(dave)
        response = client.post(
            reverse("reports:record_employment") + f"?center={center.pk}",
            {**JOB, "email": "t6@example.com", "start_date": "2026-11-02", "note": "전화 확인"},
        )
        assert response.status_code == 302
        job = Employment.objects.get(person=scenario.trainees[5])
        assert job.source == "staff" and job.recorded_by == dave and job.reason == "전화 확인"

    def test_staff_cannot_record_for_someone_who_never_trained_there(
        self, scenario, client, dave, alice
    ):
        client.force_login(dave)
        response = client.post(
            reverse("reports:record_employment"),
            {**JOB, "email": alice.email, "start_date": "2026-11-02"},
        )
        assert response.status_code == 400
        assert not Employment.objects.filter(person=alice).exists()


class TestFollowUps:
    def _job(self, alice, start):
        return Employment.objects.create(
            person=alice, company_name="익선공방", position="세공사", start_date=start,
            employment_type="full_time", source="self_reported",
        )  # fmt: skip

    def test_it_asks_once_at_six_months_and_the_answer_feeds_retention(
        self, client, alice, django_capture_on_commit_callbacks
    ):
        job = self._job(alice, dt.date(2026, 5, 30))
        with time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=SEOUL), tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                assert services.follow_ups_send() == 1
                assert services.follow_ups_send() == 0  # idempotent
            assert len(mail.outbox) == 1
            links = re.findall(r"http\S+/follow-up/\S+/", mail.outbox[0].body)
            yes = links[0].split("testserver")[-1].split("8000")[-1]
            assert client.get(yes).status_code == 200
            assert FollowUp.objects.get(employment=job).answered_at is None  # GET changes nothing
            assert client.post(yes).status_code == 200
            again = client.post(yes)
            assert again.status_code == 409 and "바뀐 것은 없습니다" in again.content.decode()
            no = links[1].split("8000")[-1]
            assert client.post(no).status_code == 409
        follow_up = FollowUp.objects.get(employment=job)
        assert follow_up.still_employed is True and follow_up.months == 6

    def test_an_expired_link_changes_nothing(self, client, alice):
        job = self._job(alice, dt.date(2026, 5, 30))
        with time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=SEOUL), tick=False):
            services.follow_ups_send()
        follow_up = FollowUp.objects.get(employment=job)
        token = services.follow_up_token(follow_up, "no")
        with time_machine.travel(dt.datetime(2027, 1, 15, 9, tzinfo=SEOUL), tick=False):
            response = client.post(reverse("reports:follow_up", args=[token]))
        assert response.status_code == 410
        follow_up.refresh_from_db()
        assert follow_up.answered_at is None and follow_up.still_employed is None

    def test_a_tampered_link_is_a_clear_400(self, client):
        response = client.get(reverse("reports:follow_up", args=["nonsense"]))
        assert response.status_code == 400
