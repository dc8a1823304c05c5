"""The live queue: places, honest estimates, calls, held places, missed calls, one conversation at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ConflictError
from fairs import selectors, services
from fairs.models import Conversation, QueueEntry
from tests.factories import make_trainee

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(fair):
    users = [make_trainee(email=f"q{i}@example.com", name=f"대기자{i}") for i in range(4)]
    for user in users:
        register(fair, user)
    return users


def _join_all(booth, users, now):
    return [
        services.queue_join(booth=booth, attendee=u, now=now + dt.timedelta(seconds=i))
        for i, u in enumerate(users)
    ]


def test_positions_follow_the_order_of_joining(booth, people):
    now = timezone.now()
    entries = _join_all(booth, people, now)
    assert [selectors.queue_place(e).position for e in entries] == [1, 2, 3, 4]


def test_the_estimate_is_people_ahead_over_reps_online_times_the_median(booth, people, bob):
    now = timezone.now()
    entries = _join_all(booth, people, now)
    place = selectors.queue_place(entries[3], now)
    # Three ahead, one representative online, no finished conversation: 8 minutes assumed each.
    assert place.estimate.ahead == 3
    assert place.estimate.reps_online == 1
    assert place.estimate.sample == 0
    assert place.estimate.minutes == 3 * 8


def test_no_estimate_when_nobody_is_online(booth, people, bob):
    booth.representatives.update(is_online=False)
    entry = services.queue_join(booth=booth, attendee=people[0])
    assert selectors.queue_place(entry).estimate.minutes is None


def test_the_estimate_uses_recent_conversation_lengths(booth, people, bob):
    now = timezone.now()
    entry = services.queue_join(booth=booth, attendee=people[0], now=now)
    services.queue_call_next(booth=booth, representative=bob, now=now)
    conversation = services.call_accept(entry=entry, attendee=people[0], now=now)
    services.conversation_end(conversation=conversation, by=bob, now=now + dt.timedelta(minutes=12))
    estimate = selectors.booth_estimate(booth.pk, ahead=2, now=now)
    assert (estimate.median_minutes, estimate.sample, estimate.minutes) == (12.0, 1, 24)


def test_joining_needs_a_registration_and_a_live_fair(client, booth, fair, alice, erin):
    client.force_login(erin)
    response = client.post(f"/api/v1/booths/{booth.pk}/queue/")
    assert response.status_code == 400
    register(fair, erin)
    fair.status = "registration"
    fair.save()
    assert client.post(f"/api/v1/booths/{booth.pk}/queue/").status_code == 400
    assert not QueueEntry.objects.exists()


def test_joining_twice_is_409_and_leaving_removes_the_place(client, booth, alice, registration):
    client.force_login(alice)
    assert client.post(f"/api/v1/booths/{booth.pk}/queue/").status_code == 201
    assert client.post(f"/api/v1/booths/{booth.pk}/queue/").status_code == 409
    place = client.get(f"/api/v1/booths/{booth.pk}/queue/").json()
    assert place["position"] == 1 and place["representatives_online"] == 1
    assert client.delete(f"/api/v1/booths/{booth.pk}/queue/").status_code == 204
    assert client.get(f"/api/v1/booths/{booth.pk}/queue/").status_code == 404


def test_a_person_busy_in_a_conversation_is_skipped_and_keeps_their_place(
    booth, other_booth, bob, charlie, people
):
    now = timezone.now()
    first, second = people[0], people[1]
    services.queue_join(booth=booth, attendee=first, now=now)
    services.queue_join(booth=booth, attendee=second, now=now + dt.timedelta(seconds=1))
    elsewhere = services.queue_join(booth=other_booth, attendee=first, now=now)
    services.queue_call_next(booth=other_booth, representative=charlie, now=now)
    services.call_accept(entry=elsewhere, attendee=first, now=now)
    called = services.queue_call_next(booth=booth, representative=bob, now=now)
    assert called.attendee == second
    held = QueueEntry.objects.get(booth=booth, attendee=first)
    assert held.status == "waiting"
    place = selectors.queue_place(held)
    assert place.held and place.position == 1


def test_nobody_is_called_to_two_booths_at_once(booth, other_booth, bob, charlie, people):
    now = timezone.now()
    person = people[0]
    services.queue_join(booth=booth, attendee=person, now=now)
    services.queue_join(booth=other_booth, attendee=person, now=now)
    assert services.queue_call_next(booth=booth, representative=bob, now=now).attendee == person
    assert services.queue_call_next(booth=other_booth, representative=charlie, now=now) is None


def test_the_database_refuses_a_second_active_conversation(
    booth, other_booth, bob, charlie, people
):
    now = timezone.now()
    person = people[0]
    entry = services.queue_join(booth=booth, attendee=person, now=now)
    other = services.queue_join(booth=other_booth, attendee=person, now=now)
    services.queue_call_next(booth=booth, representative=bob, now=now)
    services.call_accept(entry=entry, attendee=person, now=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.create(
            booth=other_booth,
            queue_entry=other,
            attendee=person,
            representative=charlie,
            started_at=now,
        )


def test_a_missed_call_moves_one_place_back_and_two_take_you_out(booth, bob, people):
    now = timezone.now()
    entries = _join_all(booth, people[:3], now)
    first = entries[0]
    services.queue_call_next(booth=booth, representative=bob, now=now)
    later = now + dt.timedelta(seconds=booth.fair.call_window_seconds + 1)
    assert services.expire_calls(now=later) == 1
    first.refresh_from_db()
    assert (first.status, first.misses, selectors.queue_place(first).position) == ("waiting", 1, 2)
    # The next call goes to the person now first; then our person is called and misses again.
    called = services.queue_call_next(booth=booth, representative=bob, now=later)
    assert called.attendee == people[1]
    services.call_decline(entry=called, attendee=people[1], now=later)
    called = services.queue_call_next(booth=booth, representative=bob, now=later)
    assert called.attendee == people[0]
    services.expire_calls(now=later + dt.timedelta(seconds=booth.fair.call_window_seconds + 1))
    first.refresh_from_db()
    assert first.status == "missed"


def test_a_late_answer_is_refused(booth, bob, people):
    now = timezone.now()
    entry = services.queue_join(booth=booth, attendee=people[0], now=now)
    services.queue_call_next(booth=booth, representative=bob, now=now)
    with pytest.raises(ConflictError):
        services.call_accept(
            entry=entry,
            attendee=people[0],
            now=now + dt.timedelta(seconds=booth.fair.call_window_seconds + 5),
        )


def test_a_representative_finishes_one_conversation_before_calling_the_next(booth, bob, people):
    now = timezone.now()
    entries = _join_all(booth, people[:2], now)
    services.queue_call_next(booth=booth, representative=bob, now=now)
    services.call_accept(entry=entries[0], attendee=people[0], now=now)
    with pytest.raises(ConflictError):
        services.queue_call_next(booth=booth, representative=bob, now=now)


def test_another_companys_representative_cannot_call_at_this_booth(client, booth, charlie, people):
    services.queue_join(booth=booth, attendee=people[0])
    client.force_login(charlie)
    assert client.post(f"/api/v1/booths/{booth.pk}/queue/next/").status_code == 404
    assert QueueEntry.objects.get().status == "waiting"


def test_a_trainee_cannot_call_the_next_person(client, booth, alice, registration):
    client.force_login(alice)
    assert client.post(f"/api/v1/booths/{booth.pk}/queue/next/").status_code == 404


def test_calling_over_the_api_then_accepting_starts_a_conversation(
    client, booth, bob, alice, registration
):
    client.force_login(alice)
    entry_id = client.post(f"/api/v1/booths/{booth.pk}/queue/").json()["entry"]
    client.force_login(bob)
    called = client.post(f"/api/v1/booths/{booth.pk}/queue/next/")
    assert called.status_code == 200 and called.json()["entry"] == entry_id
    assert client.post(f"/api/v1/booths/{booth.pk}/queue/next/").status_code == 409
    client.force_login(alice)
    response = client.post(f"/api/v1/queue/{entry_id}/accept/")
    assert response.status_code == 201
    assert response.json()["status"] == "active"
