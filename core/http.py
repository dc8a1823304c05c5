"""Small helpers for reading requests safely."""

from __future__ import annotations

MAX_ID = 2**63 - 1  # PostgreSQL bigint


def parse_id(value) -> int | None:
    """An object id from user input, or None.

    ASCII digits only: ``str.isdigit()`` also accepts "²" or "٣", which ``int()``
    or the database then reject with a 500.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= MAX_ID else None
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > 19 or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
