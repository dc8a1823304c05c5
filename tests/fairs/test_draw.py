"""The fair draw: reproducible from its seed, never over a limit, never an overlap, logged."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.exceptions import ConflictError
from core.models import AuditEntry
from fairs import services
from fairs.draw import SlotInfo, overlaps, run_draw
from fairs.models import Draw, Interview

from .conftest import make_booth, make_fair, make_slot, register, seoul, tomorrow

BASE = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


@st.composite
def draws(draw):
    booths = draw(st.integers(min_value=1, max_value=5))
    slots = []
    for i in range(draw(st.integers(min_value=0, max_value=25))):
        start = BASE + dt.timedelta(minutes=10 * draw(st.integers(min_value=0, max_value=18)))
        length = draw(st.sampled_from([10, 15, 20, 30]))
        slots.append(
            SlotInfo(
                i + 1, draw(st.integers(1, booths)), start, start + dt.timedelta(minutes=length)
            )
        )
    attendees = draw(st.integers(min_value=0, max_value=12))
    wishes = {
        a: draw(st.lists(st.integers(1, booths), unique=True, max_size=booths))
        for a in range(100, 100 + attendees)
    }
    limit = draw(st.integers(min_value=1, max_value=4))
    seed = draw(st.text(min_size=1, max_size=12))
    return wishes, slots, limit, seed


@settings(max_examples=300, deadline=None)
@given(draws())
def test_the_draw_never_breaks_a_limit_an_overlap_or_a_slot(case):
    wishes, slots, limit, seed = case
    order, won = run_draw(wishes=wishes, slots=slots, limit=limit, seed=seed)
    by_id = {s.id: s for s in slots}
    assert sorted(order) == sorted(wishes)
    every = [slot_id for ids in won.values() for slot_id in ids]
    assert len(every) == len(set(every)), "a slot given twice"
    for attendee, ids in won.items():
        assert len(ids) <= limit
        mine = [by_id[i] for i in ids]
        assert all(s.booth_id in wishes[attendee] for s in mine), "a booth nobody asked for"
        assert len({s.booth_id for s in mine}) == len(mine), "two slots at one booth"
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                assert not overlaps(a.start, a.end, b.start, b.end)
    # Same seed, same input: same result.
    assert run_draw(wishes=wishes, slots=slots, limit=limit, seed=seed) == (order, won)


def test_the_order_reverses_each_round_so_the_first_drawn_does_not_take_everything():
    slots = [
        SlotInfo(1, 1, BASE, BASE + dt.timedelta(minutes=15)),
        SlotInfo(2, 2, BASE + dt.timedelta(hours=1), BASE + dt.timedelta(hours=1, minutes=15)),
    ]
    wishes = {1: [1, 2], 2: [1, 2]}
    order, won = run_draw(wishes=wishes, slots=slots, limit=2, seed="fair")
    first, second = order
    assert won[first] == [1]
    assert won[second] == [2]


@pytest.mark.django_db
def test_the_draw_service_assigns_logs_the_seed_and_runs_once(
    center, bob_company, bob, alice, erin, dave
):
    now = seoul(tomorrow(), 0)
    fair = make_fair(
        center,
        release="draw",
        request_window_opens_at=now - dt.timedelta(days=2),
        slots_open_at=now - dt.timedelta(hours=2),
    )
    booth = make_booth(fair, bob_company, reps=[bob])
    slots = [make_slot(booth, bob, seoul(tomorrow(), 10 + i)) for i in range(1)]
    for person in (alice, erin):
        registration = register(fair, person)
        registration.draw_requests.create(booth=booth, rank=1)
    draw = services.draw_run(fair=fair, by=dave, seed="jongno-2026", now=now)
    assert draw.seed == "jongno-2026"
    winners = list(Interview.objects.filter(booth=booth).values_list("attendee_id", flat=True))
    assert len(winners) == 1 and winners[0] in (alice.pk, erin.pk)
    entry = AuditEntry.objects.get(action="fairs.draw.ran")
    assert entry.data["seed"] == "jongno-2026"
    assert entry.data["assigned"] == {str(winners[0]): [slots[0].pk]}
    # Rerunning the pure draw with the logged seed and requests reproduces it.
    order, won = run_draw(
        wishes={int(k): v for k, v in entry.data["requests"].items()},
        slots=[SlotInfo(s.pk, s.booth_id, s.start, s.end) for s in slots],
        limit=fair.max_interviews_per_attendee,
        seed="jongno-2026",
    )
    assert {str(a): ids for a, ids in won.items() if ids} == entry.data["assigned"]
    with pytest.raises(ConflictError):
        services.draw_run(fair=fair, by=dave, now=now)
    assert Draw.objects.count() == 1


@pytest.mark.django_db
def test_the_draw_waits_for_the_request_window_to_close(center, dave):
    now = seoul(tomorrow(), 0)
    fair = make_fair(
        center,
        release="draw",
        request_window_opens_at=now - dt.timedelta(days=1),
        slots_open_at=now + dt.timedelta(hours=1),
    )
    with pytest.raises(ConflictError, match="아직 신청 기간"):
        services.draw_run(fair=fair, by=dave, now=now)
