"""What both engines of the database backend share: sort keys, the recency boost, cursors."""

from __future__ import annotations

import datetime as dt
import json
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


def vendor() -> str:
    return connection.vendor


def boost_sql(engine: str, today: dt.date) -> str:
    """Recent items and approaching deadlines rank a little higher (same idea as on ES).

    Ages count from the start of ``today``, not from the clock, so a score stays the same from
    one page to the next and keyset cursors over it hold.
    """
    day = today.isoformat()  # a date's isoformat: safe to write into SQL
    if engine == "postgresql":
        age = f"GREATEST(EXTRACT(EPOCH FROM (DATE '{day}' - e.published_at)) / 86400.0, 0)"
        soon = (
            f"CASE WHEN e.deadline IS NOT NULL AND e.deadline - DATE '{day}' BETWEEN 0 AND 7 "
            "THEN 0.2 ELSE 0 END"
        )
        return f"(1.0 + 0.5 / (1.0 + {age} / 30.0) + {soon})"
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
