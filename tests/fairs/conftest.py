"""Fairs fixtures: a live fair of the jewelry center, bob's and charlie's booths, slots, alice registered.

Times are built around the real clock (the API takes no ``now``): the fair runs from
today for three days, around the clock, so a slot tomorrow at 10:00 is always ahead.
Service tests pass ``now=`` where the rule depends on it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fairs import services
from fairs.models import Booth, Fair, InterviewSlot, Registration, Representative
from tests.factories import make_trainee
from tests.jobs.conftest import posting, posting_data, publish, skills  # noqa: F401

SEOUL = timezone.get_default_timezone()


def seoul(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)), SEOUL)


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def make_fair(center, **overrides) -> Fair:
    now = timezone.now()
    today = timezone.localdate()
    values = {
        "center": center,
        "title": "2026 종로 주얼리 온라인 채용박람회",
        "title_en": "2026 Jongno Jewelry Online Job Fair",
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=2),
        "opens_at": dt.time(0, 0),
        "closes_at": dt.time(23, 59),
        "registration_opens_at": now - dt.timedelta(days=1),
        "registration_closes_at": now + dt.timedelta(days=1),
        "slots_open_at": now - dt.timedelta(hours=1),
        "status": Fair.Status.LIVE,
        "max_interviews_per_attendee": 3,
    }
    values.update(overrides)
    return Fair.objects.create(**values)


def make_booth(fair, company, reps=(), postings=()) -> Booth:
    booth = Booth.objects.create(fair=fair, company=company, status=Booth.Status.APPROVED)
    for user in reps:
        Representative.objects.create(
            booth=booth, user=user, is_online=True, last_seen_at=timezone.now()
        )
    booth.postings.set(postings)
    return booth


def make_slot(booth, rep, start, minutes=15, buffer=5) -> InterviewSlot:
    return InterviewSlot.objects.create(
        booth=booth,
        representative=rep,
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        blocked_until=start + dt.timedelta(minutes=minutes + buffer),
    )


def register(fair, user, **sharing) -> Registration:
    values = {"consent_to_apply": True, **sharing}
    return services.registration_create(fair=fair, attendee=user, sharing=values)


@pytest.fixture
def fair(center):
    return make_fair(center)


@pytest.fixture
def booth(fair, bob_company, bob, posting):  # noqa: F811
    return make_booth(fair, bob_company, reps=[bob], postings=[posting])


@pytest.fixture
def other_booth(fair, charlie):
    return make_booth(fair, charlie.company_memberships.get().company, reps=[charlie])


@pytest.fixture
def slot(booth, bob):
    return make_slot(booth, bob, seoul(tomorrow(), 10))


@pytest.fixture
def registration(fair, alice):
    return register(fair, alice)


@pytest.fixture
def erin(db):
    return make_trainee(email="erin@example.com", name="한에린")


__all__ = ["make_booth", "make_fair", "make_slot", "register", "seoul", "tomorrow"]
