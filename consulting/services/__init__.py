"""Writes for consulting, by concept; every service is importable from here.

- ``booking``: taking a slot (book, reschedule) under the counselor's and person's locks
- ``lifecycle``: cancel, confirm, decline, outcome, no-show (audit-logged when done to someone else)
- ``availability``: a counselor's hours and the consultation types
- ``workspace``: the counselor's notes and action items
- ``summary``: the summary PDF
- ``notifications``: booking emails and reminders
- ``feeds``: private calendar feeds
"""

from ..exceptions import ChangeClosed, IdempotencyMismatch, PersonBusy, SlotTaken, SlotUnavailable
from .availability import availability_update, consultation_type_save
from .booking import booking_create, booking_reschedule
from .feeds import calendar_feed_regenerate, calendar_feed_revoke
from .lifecycle import (
    booking_cancel,
    booking_confirm,
    booking_decline,
    booking_mark_no_show,
    booking_record_outcome,
)
from .notifications import booking_url, send_due_reminders
from .summary import summary_changed, summary_pdf_ensure, summary_pdf_is_current, summary_pdf_render
from .workspace import action_item_add, action_item_toggle, note_add

__all__ = [
    "ChangeClosed",
    "IdempotencyMismatch",
    "PersonBusy",
    "SlotTaken",
    "SlotUnavailable",
    "action_item_add",
    "action_item_toggle",
    "availability_update",
    "booking_cancel",
    "booking_confirm",
    "booking_create",
    "booking_decline",
    "booking_mark_no_show",
    "booking_record_outcome",
    "booking_reschedule",
    "booking_url",
    "calendar_feed_regenerate",
    "calendar_feed_revoke",
    "consultation_type_save",
    "note_add",
    "send_due_reminders",
    "summary_changed",
    "summary_pdf_ensure",
    "summary_pdf_is_current",
    "summary_pdf_render",
]
