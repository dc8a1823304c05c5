"""Keyset ("cursor") pagination for long lists, shared by pages and the API.

Counting every matching row and skipping ``OFFSET`` of them costs as much as the table is
long; a keyset page asks for the rows after (or before) the last one seen, in the order of an
index, so page 5,000 costs what page 1 does. A cursor is the sort key of that row plus its
id, packed into an opaque URL-safe string. Nullable sort keys sort their empty values last
in both directions of travel (a posting without a deadline after every dated one).

Old ``?page=N`` links still answer for the first ``MAX_OFFSET_PAGE`` pages (a bounded
``OFFSET``); the caller decides what to do past that (the job list redirects to page 1, the
API says which link to follow). The total is counted up to ``COUNT_LIMIT`` rows and shown as
"1,000+" beyond.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet

COUNT_LIMIT = 1_000
MAX_OFFSET_PAGE = 50


class InvalidCursor(ValueError):
    """A cursor this list did not make (edited, or from another sort order)."""


class PageOutOfRange(ValueError):
    """``?page=N`` past the pages an offset may reach."""


@dataclass(frozen=True)
class Key:
    """One column of the order: its field, direction, whether it may be empty, its type."""

    field: str
    descending: bool = False
    nullable: bool = False
    kind: str = "int"  # "int", "datetime", "date", "decimal"

    def order(self, *, reverse: bool = False):
        descending = self.descending != reverse
        expression = F(self.field)
        # empty values last when going forward, hence first when walking back
        nulls = {}
        if self.nullable:
            nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
        return expression.desc(**nulls) if descending else expression.asc(**nulls)

    def dump(self, value) -> Any:
        if value is None:
            return None
        if self.kind in ("datetime", "date"):
            return value.isoformat()
        if self.kind == "decimal":
            return str(value)
        return value

    def load(self, raw) -> Any:
        if raw is None:
            if not self.nullable:
                raise InvalidCursor
            return None
        try:
            if self.kind == "datetime":
                return dt.datetime.fromisoformat(raw)
            if self.kind == "date":
                return dt.date.fromisoformat(raw)
            if self.kind == "decimal":
                return Decimal(raw)
            # an edited cursor must not reach the database with what it cannot hold
            if isinstance(raw, bool) or not isinstance(raw, int) or abs(raw) >= 2**63:
                raise InvalidCursor
            return raw
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise InvalidCursor from exc


@dataclass(frozen=True)
class Ordering:
    """A list's order: its keys, the last one unique (the id)."""

    name: str
    keys: tuple[Key, ...]

    def order_by(self, *, reverse: bool = False) -> list:
        return [key.order(reverse=reverse) for key in self.keys]

    def values(self, row) -> list:
        return [key.dump(getattr(row, key.field)) for key in self.keys]

    def after(self, values: list) -> Q:
        """Rows that come after ``values`` in this order."""
        return self._beyond(values, forward=True)

    def before(self, values: list) -> Q:
        return self._beyond(values, forward=False)

    def _beyond(self, values: list, *, forward: bool) -> Q:
        alternatives = Q(pk__in=[])
        equal = Q()
        for key, value in zip(self.keys, values, strict=True):
            alternatives |= equal & self._step(key, value, forward=forward)
            equal &= (
                Q(**{f"{key.field}__isnull": True}) if value is None else Q(**{key.field: value})
            )
        condition = alternatives
        # The first key's bound on its own, so the database walks the index from there.
        first, value = self.keys[0], values[0]
        if value is not None and not first.nullable:
            op = "lte" if (first.descending == forward) else "gte"
            condition &= Q(**{f"{first.field}__{op}": value})
        return condition

    @staticmethod
    def _step(key: Key, value, *, forward: bool) -> Q:
        """Rows strictly beyond ``value`` on this key alone (empty values sort last)."""
        if value is None:
            # nothing follows the empty values; every non-empty one precedes them
            return Q(pk__in=[]) if forward else Q(**{f"{key.field}__isnull": False})
        op = "lt" if (key.descending == forward) else "gt"
        beyond = Q(**{f"{key.field}__{op}": value})
        if key.nullable and forward:
            beyond |= Q(**{f"{key.field}__isnull": True})
        return beyond


def encode_cursor(ordering: Ordering, values: list, *, forward: bool) -> str:
    payload = json.dumps([ordering.name, "n" if forward else "p", values], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(ordering: Ordering, raw: str) -> tuple[list, bool]:
    """The sort values and direction in a cursor; ``InvalidCursor`` if it is not this list's."""
    try:
        padded = raw + "=" * (-len(raw) % 4)
        name, direction, values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise InvalidCursor from exc
    if (
        name != ordering.name
        or direction not in ("n", "p")
        or not isinstance(values, list)
        or len(values) != len(ordering.keys)
    ):
        raise InvalidCursor
    return [key.load(v) for key, v in zip(ordering.keys, values, strict=True)], direction == "n"


@dataclass
class KeysetPage:
    """One page of a keyset list: its rows, the cursors around it, and a bounded total."""

    rows: list
    next_cursor: str | None
    previous_cursor: str | None
    count: int
    count_is_exact: bool
    number: int | None = None  # set when reached by an old ?page=N link
    extra: dict = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


def bounded_count(queryset: QuerySet, limit: int | None = None) -> tuple[int, bool]:
    """How many rows match, counting at most ``limit`` (then ``(limit, False)``)."""
    limit = limit or COUNT_LIMIT
    counted = queryset.order_by()[: limit + 1].count()
    return (limit, False) if counted > limit else (counted, True)


def paginate(
    queryset: QuerySet,
    ordering: Ordering,
    *,
    size: int,
    cursor: str | None = None,
    page: int | None = None,
    count: Callable[[QuerySet], tuple[int, bool]] | None = None,
) -> KeysetPage:
    """The page a cursor (or an old page number up to ``MAX_OFFSET_PAGE``) points to.

    ``count`` replaces ``bounded_count`` (a caller that caches it). Raises ``InvalidCursor``
    for a cursor this list did not make and ``PageOutOfRange`` for a page number past the bound.
    """
    forward = True
    number = None
    if cursor:
        values, forward = decode_cursor(ordering, cursor)
        window = queryset.filter(ordering.after(values) if forward else ordering.before(values))
        window = window.order_by(*ordering.order_by(reverse=not forward))
        rows = list(window[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if not forward:
            rows.reverse()
        has_next = more if forward else True
        has_previous = True if forward else more
    else:
        number = page or 1
        if number < 1 or number > MAX_OFFSET_PAGE:
            raise PageOutOfRange
        offset = (number - 1) * size
        rows = list(queryset.order_by(*ordering.order_by())[offset : offset + size + 1])
        has_next = len(rows) > size
        rows = rows[:size]
        has_previous = number > 1
    total, exact = (count or bounded_count)(queryset)
    return KeysetPage(
        rows=rows,
        next_cursor=encode_cursor(ordering, ordering.values(rows[-1]), forward=True)
        if rows and has_next
        else None,
        previous_cursor=encode_cursor(ordering, ordering.values(rows[0]), forward=False)
        if rows and has_previous
        else None,
        count=total,
        count_is_exact=exact,
        number=number,
    )
