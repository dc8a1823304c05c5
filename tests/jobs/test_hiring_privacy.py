"""Interviews, offers and employments in the data download and in account deletion."""

from __future__ import annotations

import datetime as dt

from core import privacy
from jobs import services
from jobs.models import ApplicationEvent, Employment, Interview, Offer
from tests.jobs.hiring_fixtures import *  # noqa: F403
from tests.jobs.hiring_fixtures import NOW, kst, make_offer, propose

DAY = NOW.date() + dt.timedelta(days=3)


def _alices_hiring(application, bob, alice):
    interview = propose(application, bob, kst(DAY, 10), now=NOW)
    services.interview_request_times(
        interview=interview, by=alice, note="월요일만 가능합니다 (개인 사정)", now=NOW
    )
    offer = make_offer(application, bob, salary=30_000_000)
    services.offer_decline(offer=offer, by=alice, reason="연봉이 맞지 않습니다", now=NOW)
    services.offer_accept(offer=make_offer(application, bob, salary=33_000_000), by=alice, now=NOW)


def test_the_download_has_interviews_offers_and_employments(application, bob, alice):
    _alices_hiring(application, bob, alice)
    data = privacy.export_user_data(alice)["jobs"]
    assert data["interviews"][0]["your_note"] == "월요일만 가능합니다 (개인 사정)"
    assert {o["status"] for o in data["offers"]} == {"declined", "accepted"}
    assert data["employments"][0]["salary_band"] == "30m_35m"


def test_deletion_erases_what_the_person_wrote_and_keeps_the_outcome(application, bob, alice):
    _alices_hiring(application, bob, alice)
    privacy.erase_user_data(alice)
    assert Interview.objects.get().candidate_note == ""
    assert Offer.objects.get(status="declined").status_reason == ""
    written = ApplicationEvent.objects.filter(
        kind__in=["interview_times_requested", "offer_declined"]
    )
    assert written.count() == 2 and all(step.detail == {} for step in written)
    assert Employment.objects.filter(person=alice).count() == 1  # outcome reports still count it
