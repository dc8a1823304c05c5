"""Database pieces several apps share: PostgreSQL-only migration SQL, lock-conflict retries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, migrations

T = TypeVar("T")


class PostgresOnlySQL(migrations.RunSQL):
    """``RunSQL`` that is skipped on every database but PostgreSQL (exclusion constraints)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def is_lock_conflict(error: OperationalError) -> bool:
    """PostgreSQL aborted this transaction for a concurrent one (deadlock, serialization failure).

    Two writes that violate an exclusion constraint with each other can deadlock;
    PostgreSQL then aborts one. Retrying finds the winner's committed row.
    """
    return getattr(error.__cause__, "sqlstate", None) in ("40P01", "40001")


def retry_on_lock_conflict(
    write: Callable[[], T], *, give_up: Callable[[], Exception], attempts: int = 3
) -> T:
    """Run ``write`` (one transaction); on a lock conflict run it again, at last raise ``give_up()``."""
    for _attempt in range(attempts):
        try:
            return write()
        except OperationalError as error:
            if not is_lock_conflict(error):
                raise
    raise give_up()
