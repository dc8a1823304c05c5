"""Interviews, offers, hires and an application's timeline, fetched for the party asking."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import User

from ..models import (
    Application,
    ApplicationEvent,
    Employment,
    Interview,
    Offer,
)
from .employers import member_company_ids


def _interviews() -> QuerySet[Interview]:
    return Interview.objects.select_related(
        "application__posting__company", "application__applicant", "interviewer"
    ).prefetch_related("slots")


def get_interview_for_member(user: User, interview_id: int) -> Interview:
    """An interview in an application to one of the person's companies, or 404."""
    interview = (
        _interviews()
        .filter(pk=interview_id, application__posting__company_id__in=member_company_ids(user))
        .first()
    )
    if interview is None:
        raise Http404
    return interview


def get_interview_for_candidate(user: User, interview_id: int) -> Interview:
    """One of the person's own interviews, or 404."""
    interview = _interviews().filter(pk=interview_id, candidate_id=user.pk).first()
    if interview is None:
        raise Http404
    return interview


def get_interview_for_party(user: User, interview_id: int) -> Interview:
    """An interview for its candidate or a member of the company, or 404."""
    interview = (
        _interviews()
        .filter(
            Q(candidate_id=user.pk)
            | Q(application__posting__company_id__in=member_company_ids(user)),
            pk=interview_id,
        )
        .first()
    )
    if interview is None:
        raise Http404
    return interview


def _offers() -> QuerySet[Offer]:
    return Offer.objects.select_related("application__posting__company", "application__applicant")


def get_offer_for_member(user: User, offer_id: int) -> Offer:
    offer = (
        _offers()
        .filter(pk=offer_id, application__posting__company_id__in=member_company_ids(user))
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def get_offer_for_candidate(user: User, offer_id: int) -> Offer:
    offer = _offers().filter(pk=offer_id, application__applicant_id=user.pk).first()
    if offer is None:
        raise Http404
    return offer


def get_application_for_party(user: User, application_id: int) -> Application:
    """An application for its applicant or a member of the company it went to, or 404."""
    application = (
        Application.objects.filter(
            Q(applicant_id=user.pk) | Q(posting__company_id__in=member_company_ids(user)),
            pk=application_id,
        )
        .select_related("posting__company", "applicant")
        .first()
    )
    if application is None:
        raise Http404
    return application


def get_application_for_staff(user: User, application_id: int) -> Application:
    """An application to a posting one of the person's centers reviews (recording a hire);
    another center's application, or anyone not staff, gets 404."""
    if not user.is_authenticated or not user.is_center_staff:
        raise Http404
    application = (
        Application.objects.filter(
            pk=application_id, posting__center_id__in=user.staff_center_ids()
        )
        .select_related("posting__company", "applicant")
        .first()
    )
    if application is None:
        raise Http404
    return application


def interviews_of(application: Application) -> list[Interview]:
    return list(_interviews().filter(application=application).order_by("-created_at", "-pk"))


def offers_of(application: Application) -> list[Offer]:
    return list(_offers().filter(application=application).order_by("-created_at", "-pk"))


def employment_of(application: Application) -> Employment | None:
    return Employment.objects.filter(application=application).first()


def interviews_for_candidate(user: User) -> QuerySet[Interview]:
    """The person's interviews: upcoming and awaiting an answer first, then the rest."""
    return _interviews().filter(candidate_id=user.pk).order_by("-created_at", "-pk")


def interviews_ahead_for_candidate(user: User) -> list[Interview]:
    """Interviews waiting for the person's pick, and confirmed ones still to come, soonest first."""
    now = timezone.now()
    return list(
        _interviews()
        .filter(
            Q(status=Interview.Status.PROPOSED)
            | Q(status=Interview.Status.CONFIRMED, start__gt=now),
            candidate_id=user.pk,
        )
        .order_by("start", "created_at")
    )


def open_offers_for_candidate(user: User) -> QuerySet[Offer]:
    return offers_for_candidate(user).filter(
        status=Offer.Status.OPEN, expires_at__gt=timezone.now()
    )


def offers_for_candidate(user: User) -> QuerySet[Offer]:
    return _offers().filter(application__applicant_id=user.pk).order_by("-created_at", "-pk")


def timeline_of(application: Application) -> list[TimelineStep]:
    """Every step of an application, oldest first, with times and places in Korea time."""
    events = application.events.select_related("actor", "interview").order_by("created_at", "pk")
    return [TimelineStep(event) for event in events]


class TimelineStep:
    """One timeline entry as a page shows it: what happened, when, and the step's details."""

    def __init__(self, event: ApplicationEvent):
        self.event = event
        self.kind = event.kind
        self.at = event.created_at
        self.actor = event.actor
        detail = event.detail or {}
        self.detail = detail
        self.times = [_moment(t) for t in detail.get("times", [])]
        self.start = _moment(detail.get("start"))
        self.end = _moment(detail.get("end"))
        self.reason = detail.get("reason") or detail.get("note") or ""
        self.mode = detail.get("mode", "")
        self.place = detail.get("place", "")
        # A video step links to its room (the token lives on the interview, not in the step).
        interview = event.interview
        self.video_url = (
            interview.video_url if interview is not None and self.mode == "video" else ""
        )

    @property
    def label(self) -> str:
        if self.kind == ApplicationEvent.Kind.STATUS:
            return self.event.get_to_status_display()
        return self.event.get_kind_display()

    @property
    def mode_label(self) -> str:
        return Interview.Mode(self.mode).label if self.mode in Interview.Mode.values else ""


def _moment(value: str | None):
    return parse_datetime(value) if value else None
