"""Files go when the transaction that stopped using them commits, not before."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.db.models.fields.files import FieldFile, FileField

from core.files import delete_on_commit


@pytest.fixture
def stored(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    field = FileField(storage=storage)
    name = storage.save("letter.pdf", ContentFile(b"%PDF-1.7"))
    return FieldFile(None, field, name)


@pytest.mark.django_db(transaction=True)
class TestDeleteOnCommit:
    def test_it_deletes_once_the_transaction_commits(self, stored):
        with transaction.atomic():
            delete_on_commit(stored)
            assert stored.storage.exists(stored.name)
        assert not stored.storage.exists(stored.name)

    def test_a_rollback_keeps_the_file(self, stored):
        with pytest.raises(RuntimeError), transaction.atomic():
            delete_on_commit(stored)
            raise RuntimeError("the erasure failed half-way")
        assert stored.storage.exists(stored.name)

    def test_an_empty_field_is_nothing_to_delete(self, stored):
        empty = FieldFile(None, stored.field, "")
        with transaction.atomic():
            delete_on_commit(empty)
        assert stored.storage.exists(stored.name)
