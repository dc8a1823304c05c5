"""An interview as an .ics (email attachment and download); ``core.ics`` writes the calendar."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar

from core import ics

from .models import Interview


def _is_candidate(interview: Interview, viewer) -> bool:
    return viewer is not None and viewer.pk == interview.candidate_id


def interview_entry(interview: Interview, *, viewer=None) -> ics.CalendarEntry:
    """The interview as the viewer's calendar holds it (the other side named in the title)."""
    application = interview.application
    posting = application.posting
    company = posting.company
    if _is_candidate(interview, viewer):
        title = _("Interview: %(title)s · %(company)s") % {
            "title": posting.title,
            "company": company.name,
        }
        link = reverse("jobs:my_application", args=[application.pk])
    else:
        title = _("Interview: %(name)s · %(title)s") % {
            "name": application.applicant.name,
            "title": posting.title,
        }
        link = reverse("jobs:employer_application", args=[application.pk])
    lines = [company.name, interview.get_mode_display()]
    if interview.mode == Interview.Mode.VIDEO:
        lines.append(_("Video room: %(url)s") % {"url": interview.video_url})
    elif interview.mode == Interview.Mode.PHONE:
        lines.append(_("The company calls your mobile number."))
    if interview.note:
        lines.append(interview.note)
    lines.append(settings.SITE_URL + link)
    settled = interview.status in (Interview.Status.CONFIRMED, Interview.Status.HELD)
    organizer = interview.interviewer
    return ics.CalendarEntry(
        kind="interview",
        pk=interview.pk,
        sequence=interview.sequence,
        start=interview.start,
        end=interview.end,
        summary=title,
        location=interview.place or company.address or company.name,
        description="\n".join(lines),
        status=ics.CONFIRMED if settled else ics.CANCELLED,
        organizer_email=organizer.email if organizer else settings.DEFAULT_FROM_EMAIL,
        organizer_name=organizer.name if organizer else company.name,
    )


def interview_calendar(interview: Interview, *, viewer, method: str | None = "PUBLISH") -> Calendar:
    return ics.build_calendar(
        [interview_entry(interview, viewer=viewer)],
        name=_("Interviews"),
        area="jobs",
        method=method,
    )


def interview_ics_response(interview: Interview, *, viewer) -> HttpResponse:
    """One interview with a time as an .ics download (the pages and the API serve the same)."""
    return ics.ics_response(
        interview_calendar(interview, viewer=viewer), filename=f"interview-{interview.pk}.ics"
    )
