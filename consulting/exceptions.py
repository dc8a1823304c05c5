"""What booking can run into, each carrying the message a person reads.

Pages show them like any ``ValidationError``; the API's one exception handler
(``core.api.errors``) answers ``ConflictError`` with 409 and ``ValidationError``
with 400 and its field messages, so no view translates them by hand.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.exceptions import ConflictError


class SlotTaken(ConflictError):
    """Someone else holds that time (found by the check, or by the database constraint)."""

    def __init__(self, message=None):
        super().__init__(
            message or _("That time was just taken. Please choose another."), code="slot_taken"
        )


class PersonBusy(SlotTaken):
    """The person already holds a consultation at that time."""

    def __init__(self, message=None):
        super().__init__(message or _("You already have a consultation at that time."))


class SlotUnavailable(ValidationError):
    """The requested start is not bookable; the message on ``start`` says why."""

    def __init__(self, message):
        super().__init__({"start": [ValidationError(message, code="slot_unavailable")]})


class ChangeClosed(ValidationError):
    """Past the cutoff the person may no longer reschedule or cancel online."""

    def __init__(self):
        super().__init__(
            _("This consultation can no longer be changed online. Please call the center."),
            code="change_closed",
        )


class IdempotencyMismatch(Exception):
    """An ``Idempotency-Key`` reused for a different request (the API answers 422)."""

    def __init__(self, message=None):
        super().__init__(
            message or _("This Idempotency-Key was already used for a different request.")
        )
