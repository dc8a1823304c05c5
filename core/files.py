"""Stored files whose rows go away: delete them only once the database agrees."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile


def delete_names_on_commit(storage: Storage, names: Iterable[str]) -> None:
    """Delete the named files from ``storage`` after the current transaction commits.

    A rollback keeps them, so a row never points at a file that is gone. Call it
    where the rows stop referring to the files (an eraser, a replacement, a delete).
    """
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def delete_on_commit(*files: FieldFile) -> None:
    """Delete each stored file after the current transaction commits (see above)."""
    for file in files:
        if file:
            delete_names_on_commit(file.storage, [file.name])
