"""Stored files whose rows go away: delete them only once the database agrees."""

from __future__ import annotations

from django.db import transaction
from django.db.models.fields.files import FieldFile


def delete_on_commit(*files: FieldFile) -> None:
    """Delete each stored file after the current transaction commits.

    A rollback keeps them, so a row never points at a file that is gone. Call it
    where the row stops referring to the file (an eraser, a replacement, a delete).
    """
    for file in files:
        if not file:
            continue
        storage, name = file.storage, file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
