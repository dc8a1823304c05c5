"""The instant every test runs at, unless it says otherwise.

Every test starts at ``NOW`` — Tuesday 14 April 2026, 14:00 in Seoul — with the clock
ticking from there (``tick=True``): timeouts, polling loops and the live server's thread
all see time pass as usual, but no test depends on the hour, the weekday or the date the
suite happens to run on. time-machine patches the clock process-wide (every thread, the
live server, Celery tasks run eagerly); ``time.monotonic`` and ``perf_counter`` are left
alone, so asyncio, thread barriers and Playwright's timeouts are unaffected.

A Tuesday afternoon in a week without public holidays: a meeting at 10:00 "today" has
been held, a slot at 16:00 has not, the week has working days on either side and the
month does not end for two weeks.

To run a test at another instant, mark it (``tick=False`` freezes the clock)::

    @pytest.mark.time_machine(dt.datetime(2026, 12, 24, 23, 30, tzinfo=SEOUL), tick=False)
    def test_the_day_before_christmas(): ...

or move the clock inside the test with the ``time_machine`` fixture::

    def test_after_a_week(time_machine):
        time_machine.shift(dt.timedelta(days=7))
        time_machine.move_to(at(9, 59))

Sources of time outside this process are not pinned: PostgreSQL's ``now()`` (no code
uses it), Chromium's ``Date`` in browser tests and a real Celery worker's clock.
CI runs the suite again with the machine clock moved (libfaketime, see .ci/run and
docs/testing.md) to catch anything that still reads it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")

#: The instant every test starts at (see the module docstring).
NOW = dt.datetime(2026, 4, 14, 14, 0, tzinfo=SEOUL)


def at(hour: int, minute: int = 0, *, day: dt.date | None = None) -> dt.datetime:
    """An instant on the pinned day (or ``day``) in Seoul: ``at(9, 59)``."""
    return dt.datetime.combine(day or NOW.date(), dt.time(hour, minute), tzinfo=SEOUL)
