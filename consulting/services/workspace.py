"""The counselor's workspace: private notes and the action items shared with the person."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.validators import refuse_too_long, validate_not_past

from ..models import ActionItem, Booking, BookingNote
from .summary import summary_changed

NOTE_MAX_LENGTH = 10000
ACTION_ITEM_MAX_LENGTH = 300


def refuse_past_date(day: date | None, *, field: str) -> None:
    """A due date or a day off lies today or later in Seoul; an earlier one would never show."""
    try:
        validate_not_past(day)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def note_add(*, booking: Booking, author: User, text: str) -> BookingNote:
    """A private note on the booking; only counselors and center staff ever see it."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write something first.")})
    refuse_too_long(text, NOTE_MAX_LENGTH, field="text")
    return BookingNote.objects.create(booking=booking, author=author, text=text)


def action_item_add(*, booking: Booking, text: str, due_date: date | None = None) -> ActionItem:
    """Something to do after the consultation; it appears in the person's summary."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write something first.")})
    refuse_too_long(text, ACTION_ITEM_MAX_LENGTH, field="text")
    refuse_past_date(due_date, field="due_date")
    item = ActionItem.objects.create(booking=booking, text=text, due_date=due_date)
    summary_changed(booking_id=booking.pk)
    return item


def action_item_toggle(*, item: ActionItem) -> ActionItem:
    item.done_at = None if item.done_at else timezone.now()
    item.save(update_fields=["done_at"])
    summary_changed(booking_id=item.booking_id)
    return item
