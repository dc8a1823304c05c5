"""iCalendar (.ics) for anything with a time and two people: consultations, interviews.

Each app says what its event is (``CalendarEntry``); this module writes it the same way
everywhere: times with ``TZID=Asia/Seoul`` and its VTIMEZONE, a stable UID per object,
a SEQUENCE that grows with every change, so calendars update or drop the entry they hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

SEOUL = ZoneInfo("Asia/Seoul")

# iCalendar STATUS values an entry can carry.
CONFIRMED, TENTATIVE, CANCELLED = "CONFIRMED", "TENTATIVE", "CANCELLED"


@dataclass(frozen=True)
class CalendarEntry:
    """One event as a calendar sees it; ``kind`` and ``pk`` make its UID."""

    kind: str
    pk: int
    sequence: int
    start: datetime
    end: datetime
    summary: str
    location: str
    description: str
    status: str
    organizer_email: str
    organizer_name: str

    @property
    def uid(self) -> str:
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"{self.kind}-{self.pk}@{host}"


def entry_event(entry: CalendarEntry) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", timezone.now())
    # Times carry TZID=Asia/Seoul with its VTIMEZONE, so calendars elsewhere convert correctly.
    event.add("dtstart", entry.start.astimezone(SEOUL))
    event.add("dtend", entry.end.astimezone(SEOUL))
    event.add("summary", entry.summary)
    event.add("location", entry.location)
    event.add("description", entry.description)
    event.add("status", entry.status)
    organizer = vCalAddress(f"mailto:{entry.organizer_email}")
    organizer.params["cn"] = vText(entry.organizer_name)
    event["organizer"] = organizer
    return event


def build_calendar(
    entries: Iterable[CalendarEntry], *, name: str, area: str, method: str | None = "PUBLISH"
) -> Calendar:
    """A calendar of ``entries``; ``method`` is REQUEST or CANCEL in emails, PUBLISH elsewhere."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//{area}//KO")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Seoul")
    for entry in entries:
        calendar.add_component(entry_event(entry))
    calendar.add_missing_timezones()
    return calendar


def email_method(entry: CalendarEntry) -> str:
    """REQUEST adds or updates the entry in the recipient's calendar; CANCEL removes it."""
    return "CANCEL" if entry.status == CANCELLED else "REQUEST"


def ics_response(calendar: Calendar, *, filename: str) -> HttpResponse:
    """A calendar as an .ics download."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
