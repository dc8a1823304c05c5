"""Errors services raise, understood the same way by pages and the API."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ConflictError(ValidationError):
    """Valid input that collides with the current state (a taken slot, a duplicate, a race lost).

    Pages show it like any ``ValidationError``; the API answers 409 instead of 400
    (``core.api.errors.exception_handler``). Domain errors of this kind subclass it.
    """
