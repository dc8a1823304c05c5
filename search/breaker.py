"""A circuit breaker for the search cluster, its state in the shared cache so every process agrees.

Closed: calls go through; ``FAILURES`` failures within ``WINDOW`` seconds open it. Open: calls
are not tried for ``OPEN_SECONDS`` (searches use the database backend at once instead of waiting
for a timeout). Half-open: after that, calls are tried again; the first failure opens it again,
the first success closes it.
"""

from __future__ import annotations

import time

from django.core.cache import cache

FAILURES = 3
WINDOW = 60
OPEN_SECONDS = 30

_OPEN_UNTIL = "search:breaker:open-until"
_FAILURES = "search:breaker:failures"


def allows_call(now: float | None = None) -> bool:
    open_until = cache.get(_OPEN_UNTIL)
    return open_until is None or (now or time.time()) >= open_until


def is_open(now: float | None = None) -> bool:
    return not allows_call(now)


def record_success() -> None:
    cache.delete_many([_OPEN_UNTIL, _FAILURES])


def record_failure(now: float | None = None) -> None:
    now = now or time.time()
    half_open = cache.get(_OPEN_UNTIL) is not None
    cache.add(_FAILURES, 0, WINDOW)
    try:
        failures = cache.incr(_FAILURES)
    except ValueError:  # expired between add and incr
        cache.set(_FAILURES, 1, WINDOW)
        failures = 1
    if half_open or failures >= FAILURES:
        # Kept well past OPEN_SECONDS so that, once it has passed, we know we are half-open.
        cache.set(_OPEN_UNTIL, now + OPEN_SECONDS, OPEN_SECONDS * 20)
        cache.delete(_FAILURES)


def reset() -> None:
    record_success()
