"""The fair draw: a seeded, reproducible lottery for 1:1 interview slots.

Random serial dictatorship in rounds that reverse direction (a "snake" draft):
the attendees are shuffled once with the seed; in round 1 each, in that order,
gets the earliest free slot at the best-ranked booth they still want that does
not overlap an interview they already hold; round 2 runs in the reverse order,
and so on until nobody can take anything more. Reversing the order spreads the
luck of the draw over the rounds (Budish & Cantillon, AER 2012) instead of giving
the first drawn everything. The same seed and input give the same result.

Pure Python with no database: the property test drives it directly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SlotInfo:
    id: int
    booth_id: int
    start: datetime
    end: datetime


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def run_draw(
    *,
    wishes: dict[int, list[int]],
    slots: list[SlotInfo],
    limit: int,
    seed: str,
    held: dict[int, list[SlotInfo]] | None = None,
) -> tuple[list[int], dict[int, list[int]]]:
    """Assign slots. Returns (the draw order, {attendee: [slot ids won]}).

    ``wishes``: attendee id → booth ids, best first. ``held``: interviews attendees
    already hold (they count toward ``limit`` and must not be overlapped).
    """
    held = held or {}
    # Reproducibility is the point: the seed is secret-free and published with the result.
    rng = random.Random(str(seed))  # noqa: S311
    order = sorted(wishes)
    rng.shuffle(order)
    free: dict[int, list[SlotInfo]] = {}
    for slot in sorted(slots, key=lambda s: (s.start, s.id)):
        free.setdefault(slot.booth_id, []).append(slot)
    taken: dict[int, list[SlotInfo]] = {a: list(held.get(a, [])) for a in order}
    won: dict[int, list[int]] = {a: [] for a in order}
    booths_done: dict[int, set[int]] = {a: {s.booth_id for s in taken[a]} for a in order}

    def pick(attendee: int) -> bool:
        if len(taken[attendee]) >= limit:
            return False
        for booth_id in wishes[attendee]:
            if booth_id in booths_done[attendee]:
                continue
            for slot in free.get(booth_id, []):
                if any(overlaps(slot.start, slot.end, t.start, t.end) for t in taken[attendee]):
                    continue
                free[booth_id].remove(slot)
                taken[attendee].append(slot)
                won[attendee].append(slot.id)
                booths_done[attendee].add(booth_id)
                return True
            booths_done[attendee].add(booth_id)  # nothing left there that fits
        return False

    forward = True
    while True:
        progressed = False
        for attendee in order if forward else reversed(order):
            progressed |= pick(attendee)
        if not progressed:
            break
        forward = not forward
    return order, won
