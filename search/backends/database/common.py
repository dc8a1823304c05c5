"""What both engines of the database backend share: sort keys, the recency boost, cursors."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

BODY_CHARS = 4000  # analyzed and kept for snippets
FACET_VALUES_SHOWN = 12
FACET_ROWS_KEPT = 100  # per slot, from the database to Python
MAX_PAGE = 50

# sort → (SQL expression, direction, type name for the cursor cast)
SORTS = {
    "relevance": ("score", "DESC", "float"),
    "newest": ("e.published_at", "DESC", "timestamp"),
    "deadline": ("COALESCE(e.deadline, DATE '9999-12-31')", "ASC", "date"),
    "salary": ("COALESCE(e.salary, -1)", "DESC", "int"),
}


@dataclass
class TextMatch:
    """How an engine matches and ranks a query: joins to add after ``search_entry e``, a
    condition for the WHERE clause, a score expression for the SELECT list, and the parameters
    of each."""

    condition: str
    params: list[Any] = field(default_factory=list)
    score: str = "0.0"
    score_params: list[Any] = field(default_factory=list)
    joins: str = ""
    join_params: list[Any] = field(default_factory=list)
    # how the kind is tested alongside the match
    kind: str = "e.kind = %s"
    # PostgreSQL: the query is this one term (its id), nothing excluded
    single_term: int | None = None


def vendor() -> str:
    return connection.vendor


def boost_sql(engine: str, today: dt.date) -> str:
    """Recent items and approaching deadlines rank a little higher (same idea as on ES).

    Ages count from the start of ``today``, not from the clock, so a score stays the same from
    one page to the next and keyset cursors over it hold.
    """
    day = today.isoformat()  # a date's isoformat: safe to write into SQL
    if engine == "postgresql":
        # double precision throughout: EXTRACT and decimal literals would make it numeric,
        # several times slower over tens of thousands of matches. The day starts at midnight
        # UTC, the connection's time zone, as DATE 'today' - published_at did before.
        epoch = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
        age = (
            f"GREATEST(({epoch.timestamp():.0f}::float8 - date_part('epoch', e.published_at)) "
            "/ 86400::float8, 0::float8)"
        )
        soon = (
            f"CASE WHEN e.deadline - DATE '{day}' BETWEEN 0 AND 7 "
            "THEN 0.2::float8 ELSE 0::float8 END"
        )
        return f"(1::float8 + 0.5::float8 / (1::float8 + {age} / 30::float8) + {soon})"
    age = f"MAX(julianday('{day}') - julianday(e.published_at), 0)"
    soon = (
        f"CASE WHEN e.deadline IS NOT NULL AND julianday(e.deadline) - julianday('{day}') "
        "BETWEEN 0 AND 7 THEN 0.2 ELSE 0 END"
    )
    return f"(1.0 + 0.5 / (1.0 + {age} / 30.0) + {soon})"


def ident(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name)


def load_json(value) -> list:
    if isinstance(value, (bytes, str)):
        return json.loads(value)
    return value or []


def cursor_text(value) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def cursor_values(keyset: list, sort_type: str) -> tuple[Any, int]:
    """The (sort value, entry id) a cursor stands for, typed for the comparison in SQL."""
    try:
        raw, entry_id = keyset
        entry_id = int(entry_id)
        if sort_type == "float":
            value: Any = float(raw)
        elif sort_type == "int":
            value = int(raw)
        elif sort_type == "date":
            value = dt.date.fromisoformat(str(raw)[:10])
        else:
            value = dt.datetime.fromisoformat(str(raw))
            if vendor() == "sqlite":
                # compared as text: written exactly as SQLite stores datetimes
                value = connection.ops.adapt_datetimefield_value(value)
    except (TypeError, ValueError) as error:
        raise ValidationError({"cursor": [_("This page link is not valid.")]}) from error
    return value, entry_id
