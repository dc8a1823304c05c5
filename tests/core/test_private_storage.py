"""Private files have no public URL: a template that tried ``{{ resume.resume_file.url }}``
would fail loudly in tests instead of rendering a /media/ link."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from core.storage import PrivateFileHasNoURL


def test_the_private_storage_keeps_files_and_refuses_to_make_a_url():
    storage = storages["private"]
    name = storage.save("resumes/test.pdf", ContentFile(b"%PDF-1.4"))
    try:
        assert storage.open(name).read() == b"%PDF-1.4"
        with pytest.raises(PrivateFileHasNoURL, match="private file"):
            storage.url(name)
    finally:
        storage.delete(name)


def test_public_media_still_has_urls():
    assert storages["default"].url("courses/cad.jpg") == "/media/courses/cad.jpg"
