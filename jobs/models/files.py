"""Where the private files of jobs go (résumés, portfolios, photos); migrations name these."""

from __future__ import annotations

import secrets

from django.core.files.storage import storages
from django.utils import timezone


def _private_storage():
    return storages["private"]


def _resume_path(instance, filename: str) -> str:
    # The stored name is random: the uploaded name never reaches the file system.
    return f"resumes/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


def _portfolio_path(instance, filename: str) -> str:
    return f"portfolios/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


def _photo_path(instance, filename: str) -> str:
    return f"photos/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.jpg"
