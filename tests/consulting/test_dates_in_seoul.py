"""Dates shown to people are Seoul dates: an application made at 00:30 on 11-30 in Seoul
(15:30 on 11-29 in UTC) reads 11-30 on every page that shows it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from accounts.services import consents_record
from jobs.models import Application

from .test_person_context import apply_to_a_new_posting, book

SEOUL = ZoneInfo("Asia/Seoul")
HALF_PAST_MIDNIGHT = datetime(2026, 11, 30, 0, 30, tzinfo=SEOUL)


def test_an_application_at_0030_kst_reads_11_30_everywhere(
    client, alice, bob, bob_company, dave, carol, startup_type, answers
):
    with time_machine.travel(HALF_PAST_MIDNIGHT, tick=False):
        apply_to_a_new_posting(alice, bob, bob_company, dave, title="세팅 기능공")
        url = book(alice, carol, startup_type, answers, hour=11)
        consents_record(user=alice, granted={"counselor_sharing": True})
        application = Application.objects.get()
        pages = [
            (carol, url),  # the counselor's view of the person's applications
            (alice, reverse("jobs:my_applications")),
            (bob, reverse("jobs:employer_application", args=[application.pk])),
        ]
        for user, page_url in pages:
            client.force_login(user)
            page = client.get(page_url).content.decode()
            assert "2026-11-30" in page, page_url
            assert "2026-11-29" not in page, page_url
    assert str(application.created_at.date()) == "2026-11-29"  # the UTC date the bug showed
