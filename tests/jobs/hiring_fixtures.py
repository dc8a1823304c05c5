"""Fixtures for interviews and offers: alice's application to bob's posting, times in KST.

Import the fixtures into a test module with ``from tests.jobs.hiring_fixtures import *``.
Times are built from ``NOW`` (a fixed moment passed to the services as ``now=``) or, for
pages and the API, which read the clock, from days ahead of today, never minutes.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from jobs import services
from jobs.models import Application

SEOUL = ZoneInfo("Asia/Seoul")
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=SEOUL)  # a Tuesday morning in Seoul


def kst(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SEOUL)


def days_ahead(days: int, hour: int = 14, minute: int = 0) -> dt.datetime:
    """A time on a day ahead of today (KST), for pages and the API that read the clock."""
    return kst(timezone.localdate() + dt.timedelta(days=days), hour, minute)


@pytest.fixture
def application(posting, alice) -> Application:
    return services.application_create(posting=posting, applicant=alice)


def propose(application, by, *times, now=None, mode="in_person", **kwargs):
    kwargs.setdefault("address", "서울 종로구 돈화문로 11 3층")
    return services.interview_propose(
        application=application, by=by, mode=mode, times=list(times), now=now, **kwargs
    )


def make_offer(application, by, *, now=NOW, expires_in=7, **overrides):
    """An offer starting in two weeks, to answer within ``expires_in`` days of ``now``."""
    today = now.astimezone(SEOUL).date() if now else timezone.localdate()
    data = {
        "position": "귀금속 세공사",
        "start_date": today + dt.timedelta(days=14),
        "employment_type": "full_time",
        "salary": 32_000_000,
        "expires_on": today + dt.timedelta(days=expires_in),
        "note": "수습 3개월",
    }
    data.update(overrides)
    return services.offer_make(application=application, by=by, now=now, **data)


def pick(interview, by, start, now=None):
    slot = interview.slots.get(start=start)
    return services.interview_pick(interview=interview, by=by, slot_id=slot.pk, now=now)


__all__ = [
    "NOW",
    "SEOUL",
    "application",
    "days_ahead",
    "kst",
    "make_offer",
    "pick",
    "propose",
]
