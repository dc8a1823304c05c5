"""What every part of the summary writes shares: the lock and chunking."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

LOCK_ID = 0x5245504F  # "REPO": one lock for every summary write
CHUNK = 1000


def lock() -> None:
    """Serialize recomputations (transaction-level advisory lock, PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])


def chunks(ids: Iterable[int]):
    ordered = sorted(ids)
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i : i + CHUNK]
