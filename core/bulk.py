"""Writing many new rows fast: COPY on PostgreSQL, batched ``bulk_create`` elsewhere.

For benchmarks and index builds, where rows are many and no model logic needs to run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection


def copy_rows(
    model, fields: Sequence[str], rows: Iterable[Sequence], batch_size: int = 2000
) -> None:
    """Insert ``rows`` (values in the order of ``fields``, names as on the model) into ``model``."""
    if connection.vendor == "postgresql":
        columns = ", ".join(
            connection.ops.quote_name(model._meta.get_field(f).column) for f in fields
        )
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    rows = list(rows)
    names = [model._meta.get_field(f).attname for f in fields]
    for start in range(0, len(rows), batch_size):
        model.objects.bulk_create(
            [
                model(**dict(zip(names, row, strict=True)))
                for row in rows[start : start + batch_size]
            ]
        )
