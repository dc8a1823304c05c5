"""Booth conversations and fair interviews reach the dashboard's fair figures after commit.

Everything goes through the fairs services (queue, call, accept; book, cancel, mark), each
step in its own transaction, and after each commit the summary figures (``outcomes()``) must
equal the live ones (``live_outcomes()``) and the counts a user would see. Registrations and
booths are made before the conversations and interviews, so only the receivers of those two
models can keep the figures right (checked by disconnecting them: the figures then stay at
zero and the test fails).
"""

from __future__ import annotations

import datetime as dt

import pytest

from fairs import services
from fairs.models import Conversation
from fairs.models import Interview as FairInterview
from reports import selectors
from reports.selectors.period import Period
from tests.factories import make_trainee
from tests.fairs.conftest import make_booth, make_fair, make_slot, register, seoul, tomorrow

pytestmark = pytest.mark.django_db

PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def fair_figures(center) -> dict:
    """The dashboard's fair figures, checked against the live aggregates first."""
    summary = selectors.outcomes(center, PERIOD)
    live = selectors.live_outcomes(center, PERIOD)
    assert summary == live
    return {
        k: summary["fairs"][k] for k in ("conversations", "interviews_booked", "interviews_held")
    }


@pytest.fixture
def fair_world(center, bob, bob_company, charlie, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fair = make_fair(center)
        booth = make_booth(fair, bob_company, reps=[bob])
        other = make_booth(fair, charlie.company_memberships.get().company, reps=[charlie])
        erin = make_trainee(email="erin@example.com", name="한에린")
        for person in (alice, erin):
            register(fair, person)
    return booth, other, erin


def talk(booth, rep, attendee) -> Conversation:
    entry = services.queue_join(booth=booth, attendee=attendee)
    services.queue_call_next(booth=booth, representative=rep)
    return services.call_accept(entry=entry, attendee=attendee)


def test_booth_conversations_count_as_they_start_and_leave_when_deleted(
    center, fair_world, bob, charlie, alice, django_capture_on_commit_callbacks
):
    booth, other, erin = fair_world
    assert fair_figures(center)["conversations"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        first = talk(booth, bob, alice)
    assert fair_figures(center)["conversations"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.conversation_end(conversation=first, by=bob)
        second = talk(other, charlie, erin)
    with django_capture_on_commit_callbacks(execute=True):
        services.conversation_end(conversation=second, by=charlie)
        talk(booth, bob, erin)
    # every conversation held counts, ended or not
    assert fair_figures(center)["conversations"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        Conversation.objects.get(pk=first.pk).delete()
    assert fair_figures(center)["conversations"] == 2


def test_fair_interviews_booked_cancelled_and_held_move_the_figures(
    center, fair_world, bob, charlie, alice, django_capture_on_commit_callbacks
):
    booth, other, erin = fair_world
    day = tomorrow()
    slots = [make_slot(booth, bob, seoul(day, hour)) for hour in (10, 11, 12)]
    other_slot = make_slot(other, charlie, seoul(day, 14))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.interview_book(booth=booth, slot=slots[0], attendee=alice)
    assert fair_figures(center) == {
        "conversations": 0,
        "interviews_booked": 1,
        "interviews_held": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        second = services.interview_book(booth=booth, slot=slots[1], attendee=erin)
        third = services.interview_book(booth=other, slot=other_slot, attendee=alice)
    assert fair_figures(center)["interviews_booked"] == 3

    with django_capture_on_commit_callbacks(execute=True):
        services.interview_cancel(interview=second, by=erin)
    assert fair_figures(center)["interviews_booked"] == 2
    # the freed slot is booked again by someone else
    with django_capture_on_commit_callbacks(execute=True):
        rebooked = services.interview_book(booth=booth, slot=slots[1], attendee=alice)
    assert fair_figures(center)["interviews_booked"] == 3

    after = seoul(day, 18)
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_mark(interview=first, status="held", by=bob, now=after)
        services.interview_mark(interview=third, status="held", by=charlie, now=after)
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_mark(interview=rebooked, status="no_show", by=bob, now=after)
    # a no-show was booked and not held
    assert fair_figures(center) == {
        "conversations": 0,
        "interviews_booked": 3,
        "interviews_held": 2,
    }

    with django_capture_on_commit_callbacks(execute=True):
        services.interview_mark(interview=third, status="no_show", by=charlie, now=after)
    assert fair_figures(center)["interviews_held"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        FairInterview.objects.get(pk=first.pk).delete()
    assert fair_figures(center) == {
        "conversations": 0,
        "interviews_booked": 2,
        "interviews_held": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        FairInterview.objects.filter(pk__in=[second.pk, third.pk, rebooked.pk]).delete()
    assert fair_figures(center) == {
        "conversations": 0,
        "interviews_booked": 0,
        "interviews_held": 0,
    }
