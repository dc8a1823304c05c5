"""Consulting pages, by concept; ``urls.py`` names every view from here.

- ``booking``: browse, book, and the person's own consultations
- ``workspace``: the counselor's agenda and booking workspace
- ``availability``: the counselor's hours
- ``feeds``: private calendar feeds
"""

from .availability import availability, availability_exception_delete
from .booking import (
    book,
    booking_cancel,
    booking_detail,
    booking_ics,
    booking_reschedule,
    booking_summary_pdf,
    index,
    mine,
)
from .feeds import calendar_feed, feed
from .workspace import (
    agenda,
    workspace_action_item,
    workspace_action_toggle,
    workspace_booking,
    workspace_cancel,
    workspace_confirm,
    workspace_decline,
    workspace_no_show,
    workspace_note,
    workspace_outcome,
)

__all__ = [
    "agenda",
    "availability",
    "availability_exception_delete",
    "book",
    "booking_cancel",
    "booking_detail",
    "booking_ics",
    "booking_reschedule",
    "booking_summary_pdf",
    "calendar_feed",
    "feed",
    "index",
    "mine",
    "workspace_action_item",
    "workspace_action_toggle",
    "workspace_booking",
    "workspace_cancel",
    "workspace_confirm",
    "workspace_decline",
    "workspace_no_show",
    "workspace_note",
    "workspace_outcome",
]
