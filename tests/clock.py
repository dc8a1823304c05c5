"""The instant every test runs at, unless it says otherwise.

Every test starts at ``NOW`` — by default Tuesday 14 April 2026, 14:00 in Seoul — with the clock
ticking from there (``tick=True``): timeouts, polling loops and the live server's thread
all see time pass as usual, but no test depends on the hour, the weekday or the date the
suite happens to run on. time-machine patches the clock process-wide (every thread, the
live server, Celery tasks run eagerly); ``time.monotonic`` and ``perf_counter`` are left
alone, so asyncio, thread barriers and Playwright's timeouts are unaffected.

The default is an ordinary moment — a Tuesday afternoon in a week without public
holidays, two weeks from the end of the month — so a failure in a normal run is never
about the calendar; CI's other instants (below) find tests that only hold on such a day.

To run a test at another instant, mark it (``tick=False`` freezes the clock)::

    @pytest.mark.time_machine(dt.datetime(2026, 12, 24, 23, 30, tzinfo=SEOUL), tick=False)
    def test_the_day_before_christmas(): ...

or move the clock inside the test with the ``time_machine`` fixture::

    def test_after_a_week(time_machine):
        time_machine.shift(dt.timedelta(days=7))
        time_machine.move_to(at(9, 59))

Sources of time outside this process are not pinned: PostgreSQL's ``now()`` (no code
uses it) and Chromium's ``Date`` in browser tests.

A test must pass whatever ``NOW`` is, not only on a Tuesday afternoon: CI runs the suite
again with the machine clock moved by libfaketime to 00:30 and 09:59 Korea time and to the
eve of a public holiday, with ``ILTEO_TEST_CLOCK=machine`` so that every test starts at
that instant (see .ci/run and docs/testing.md). A test that needs a particular hour says
so with the marker.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")

#: The instant tests start at by default (see the module docstring).
DEFAULT_NOW = dt.datetime(2026, 4, 14, 14, 0, tzinfo=SEOUL)


def _now_from_environment(value: str) -> dt.datetime:
    """``ILTEO_TEST_CLOCK``: empty for ``DEFAULT_NOW``; ``machine`` for the machine's clock as
    the run starts (CI's libfaketime passes: every test then starts at 00:30, 09:59 or the eve
    of a holiday); or an ISO instant (``2026-12-24T00:30+09:00``) to try one by hand."""
    value = value.strip()
    if not value:
        return DEFAULT_NOW
    if value == "machine":
        return dt.datetime.now(SEOUL).replace(microsecond=0)
    instant = dt.datetime.fromisoformat(value)
    return instant if instant.tzinfo else instant.replace(tzinfo=SEOUL)


#: The instant every test starts at: ``DEFAULT_NOW`` unless ``ILTEO_TEST_CLOCK`` says otherwise.
NOW = _now_from_environment(os.environ.get("ILTEO_TEST_CLOCK", ""))


def at(hour: int, minute: int = 0, *, day: dt.date | None = None) -> dt.datetime:
    """An instant on the pinned day (or ``day``) in Seoul: ``at(9, 59)``."""
    return dt.datetime.combine(day or NOW.date(), dt.time(hour, minute), tzinfo=SEOUL)
