"""Email about interviews (with their .ics) and offers, rendered now and sent after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import override

from accounts.models import User
from core import ics
from core.emails import render_email, send_email_after_commit

from ..calendar import interview_calendar
from ..models import Interview, Offer
from ._common import company_members, site_url

CANDIDATE, INTERVIEWER = "candidate", "interviewer"


def _can_mail(user: User | None) -> bool:
    return user is not None and user.is_active and bool(user.email)


def _send(user: User | None, template: str, context: dict, *, attach=None) -> None:
    """Render in the person's language with times in Korea time; the email leaves after commit.

    ``attach(user)`` returns the attachments, built under the same language and time zone.
    """
    if not _can_mail(user):
        return
    language = user.language or settings.LANGUAGE_CODE
    # Emails state times in Korea time, whatever zone the page that caused them used.
    with override(language), timezone.override(ics.SEOUL):
        message = render_email(template, {"name": user.name, **context}, language=language)
        attachments = attach(user) if attach else []
    send_email_after_commit(to=[user.email], **message, attachments=attachments)


def interview_notify(
    interview: Interview, event: str, *, to: Iterable[str], had_time: bool = False
) -> None:
    """Email the interview's ``to`` sides ("candidate", "interviewer") about ``event``.

    An interview with a time carries its .ics: REQUEST adds or moves it in the calendar, CANCEL
    (``had_time``: it had one and lost it) removes it.
    """
    interview = Interview.objects.select_related(
        "application__posting__company", "application__applicant", "interviewer"
    ).get(pk=interview.pk)
    application = interview.application
    confirmed = interview.status == Interview.Status.CONFIRMED

    def calendar_file(user):
        if interview.start is None or not (confirmed or had_time):
            return []
        method = "REQUEST" if confirmed else "CANCEL"
        calendar = interview_calendar(interview, viewer=user, method=method)
        return [("interview.ics", calendar.to_ical().decode(), "text/calendar")]

    sides = {CANDIDATE: application.applicant, INTERVIEWER: interview.interviewer}
    for side in to:
        context = {
            "event": event,
            "role": side,
            "interview": interview,
            "title": application.posting.title,
            "company": application.posting.company.name,
            "applicant": application.applicant.name,
            "mode": interview.get_mode_display(),
            "times": [slot.start for slot in interview.slots.all()],
            "url": site_url(
                "jobs:my_application" if side == CANDIDATE else "jobs:employer_application",
                application.pk,
            ),
        }
        _send(sides[side], "jobs-interview", context, attach=calendar_file)


def offer_notify(offer: Offer, event: str) -> None:
    """Offer made, lapsing soon or withdrawn: the candidate. Accepted, declined, lapsed: the company."""
    offer = Offer.objects.select_related(
        "application__posting__company", "application__applicant"
    ).get(pk=offer.pk)
    application = offer.application
    company = application.posting.company
    if event in ("made", "lapsing", "withdrawn"):
        recipients = [(CANDIDATE, application.applicant)]
    else:
        recipients = [("employer", member) for member in company_members(company)]
    for side, user in recipients:
        context = {
            "event": event,
            "role": side,
            "offer": offer,
            "title": application.posting.title,
            "company": company.name,
            "applicant": application.applicant.name,
            "employment_type": offer.get_employment_type_display(),
            "url": site_url(
                "jobs:my_application" if side == CANDIDATE else "jobs:employer_application",
                application.pk,
            ),
        }
        _send(user, "jobs-offer", context)
