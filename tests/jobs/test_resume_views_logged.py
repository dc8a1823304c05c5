"""A profile view is logged once per viewer and Seoul day (held by the database); every download counts."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from jobs import services
from jobs.models import ResumeAccess

from .conftest import pdf_upload

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def application(posting, alice):
    return services.application_create(
        posting=posting, applicant=alice, cover_letter="지원합니다", resume_file=pdf_upload()
    )


def test_eleven_page_views_in_a_few_minutes_are_one_row(client, application, alice, bob):
    url = reverse("jobs:employer_application", args=[application.pk])
    with time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=SEOUL), tick=False) as clock:
        client.force_login(
            bob
        )  # signed in on that day (a session from the pinned clock has expired)
        for _ in range(11):
            assert client.get(url).status_code == 200
            clock.shift(20)
    assert ResumeAccess.objects.filter(owner=alice, viewer=bob, kind="profile").count() == 1


def test_a_new_seoul_day_counts_again_and_downloads_always_count(client, application, alice, bob):
    page = reverse("jobs:employer_application", args=[application.pk])
    pdf = reverse("jobs:employer_application_pdf", args=[application.pk])
    # 23:50 and 00:30 KST are the same UTC day (14:50 and 15:30 UTC) but two days in Seoul.
    with time_machine.travel(datetime(2026, 11, 29, 23, 50, tzinfo=SEOUL), tick=False):
        client.force_login(bob)
        client.get(page)
        client.get(pdf)
        client.get(pdf)
    with time_machine.travel(datetime(2026, 11, 30, 0, 30, tzinfo=SEOUL), tick=False):
        client.get(page)
        client.get(page)
    views = ResumeAccess.objects.filter(owner=alice, viewer=bob, kind="profile")
    assert sorted(str(v.day) for v in views) == ["2026-11-29", "2026-11-30"]
    assert ResumeAccess.objects.filter(owner=alice, viewer=bob, kind="pdf").count() == 2


def test_the_database_refuses_a_second_profile_row_for_the_same_day(application, alice, bob):
    row = {"owner": alice, "viewer": bob, "kind": "profile"}
    ResumeAccess.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResumeAccess.objects.create(**row)
