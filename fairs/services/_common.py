"""Small helpers the fair services share."""

from __future__ import annotations

from django.db import connection
from django.db.models import F, Model


def lock_row(model: type[Model], pk: int, *, touch_field: str = "pk"):
    """Lock one row for this transaction and return it fresh.

    PostgreSQL: ``SELECT … FOR UPDATE``. SQLite has no row locks; an UPDATE at the
    start of the transaction takes its single write lock, which serializes us just
    the same.
    """
    if connection.vendor == "sqlite":
        if touch_field != "pk":
            model.objects.filter(pk=pk).update(**{touch_field: F(touch_field)})
        else:
            model.objects.filter(pk=pk).update(pk=F("pk"))
        return model.objects.get(pk=pk)
    return model.objects.select_for_update().get(pk=pk)
