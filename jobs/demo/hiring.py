"""Demo interviews, offers and employments for the demo applications (called from ``jobs.demo``).

Rows are written directly, like the rest of the demo, so seeding sends no email; they follow
the services' rules: only confirmed interviews hold time and never overlap (each gets its own
hour), an application at 취업 has an accepted offer and its employment.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User
from core.ics import SEOUL
from core.video import new_room_token

from ..models import (
    Application,
    ApplicationEvent,
    Employment,
    Interview,
    InterviewSlot,
    Offer,
    SalaryBand,
)
from ..services._timeline import record_event

Kind = ApplicationEvent.Kind

# What the employer writes, in both languages (the demo is shown in Korean and English).
NOTES = [
    "포트폴리오(실물 또는 사진)를 지참해 주세요. / Please bring your portfolio (pieces or photos).",
    "간단한 실기 테스트(30분)가 있습니다. / There is a short practical test (30 minutes).",
    "화상 면접 링크는 5분 전에 열립니다. / The video room opens 5 minutes before.",
]
OFFER_NOTE = "수습 3개월, 4대 보험, 중식 제공 / 3-month probation, social insurance, lunch provided"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SEOUL)


def _step(application, kind, actor, at, **extra):
    record_event(application, kind, actor=actor, at=at, **extra)


def _interview(application, owner, *, mode, status, times, created) -> Interview:
    settled = status in (Interview.Status.CONFIRMED, Interview.Status.HELD)
    start = times[0] if settled else None
    interview = Interview.objects.create(
        application=application,
        candidate=application.applicant,
        interviewer=owner,
        mode=mode,
        address=application.posting.company.address if mode == "in_person" else "",
        phone="02-741-0000" if mode == "phone" else "",
        room_token=new_room_token() if mode == "video" else "",
        note=NOTES[2] if mode == "video" else NOTES[len(times) % 2],
        status=status,
        start=start,
        end=start + dt.timedelta(hours=1) if start else None,
        confirmed_at=created + dt.timedelta(hours=5) if settled else None,
        sequence=1 if settled else 0,
        created_by=owner,
        changed_by=owner,
        created_at=created,
    )
    InterviewSlot.objects.bulk_create(
        InterviewSlot(interview=interview, start=t, end=t + dt.timedelta(hours=1)) for t in times
    )
    place = interview.address if mode == "in_person" else interview.phone
    detail = {"mode": mode, "place": place, "duration": 60}
    _step(
        application,
        Kind.INTERVIEW_PROPOSED,
        owner,
        created,
        interview=interview,
        detail={**detail, "times": [t.isoformat() for t in times]},
    )
    if settled:
        _step(
            application,
            Kind.INTERVIEW_CONFIRMED,
            application.applicant,
            interview.confirmed_at,
            interview=interview,
            detail={**detail, "start": start.isoformat(), "end": interview.end.isoformat()},
        )
    if status == Interview.Status.HELD:
        _step(
            application,
            Kind.INTERVIEW_HELD,
            owner,
            interview.end,
            interview=interview,
            detail={**detail, "start": start.isoformat()},
        )
    return interview


def _stage(application, to_status, actor, at):
    from_status = Application.Status.INTERVIEW if to_status == "offer" else "offer"
    record_event(
        application, Kind.STATUS, actor=actor, from_status=from_status, to_status=to_status, at=at
    )


def seed_hiring_steps(
    application: Application, stage: str, owner: User, index: int, start: dt.datetime
) -> str:
    """Give a new demo application the interviews and offers its stage implies; returns a label.

    ``start`` is when it was submitted (at least ten days ago for an offer or a hire); the
    stage changes to 제안 and 취업 are written here, with the offer that causes them.
    """
    now = timezone.now()
    today = timezone.localdate()
    hour = 10 + index % 7
    if stage == "interview":
        # Each confirmed interview gets its own day and hour: nobody is booked twice.
        future_day = today + dt.timedelta(days=2 + index % 10)
        if index % 2:
            _interview(
                application,
                owner,
                mode="video",
                status=Interview.Status.CONFIRMED,
                times=[_at(future_day, hour)],
                created=now - dt.timedelta(days=1),
            )
            return "confirmed video interview"
        _interview(
            application,
            owner,
            mode="in_person",
            status=Interview.Status.PROPOSED,
            times=[_at(future_day, hour), _at(future_day + dt.timedelta(days=1), hour, 30)],
            created=now - dt.timedelta(hours=6),
        )
        return "interview times proposed"
    if stage not in ("offer", "hired"):
        return ""
    held_day = (start + dt.timedelta(days=4)).astimezone(SEOUL).date()
    interview = _interview(
        application,
        owner,
        mode="in_person",
        status=Interview.Status.HELD,
        times=[_at(held_day, hour)],
        created=start + dt.timedelta(days=2, hours=1),
    )
    posting = application.posting
    made = interview.end + dt.timedelta(days=1)
    offer = Offer.objects.create(
        application=application,
        position=posting.title,
        start_date=today + dt.timedelta(days=14 if stage == "offer" else -2),
        employment_type=posting.employment_type,
        salary=posting.salary_min or posting.salary_max or 30_000_000,
        note=OFFER_NOTE,
        expires_at=_at(today + dt.timedelta(days=6), 0),
        made_by=owner,
        created_at=made,
    )
    _step(
        application,
        Kind.OFFER_MADE,
        owner,
        made,
        offer=offer,
        detail={
            "position": offer.position,
            "start_date": offer.start_date.isoformat(),
            "salary": offer.salary,
            "expires_on": offer.expires_on.isoformat(),
        },
    )
    _stage(application, "offer", owner, made)
    if stage == "offer":
        return "open offer"
    offer.status = Offer.Status.ACCEPTED
    offer.decided_at = made + dt.timedelta(days=2)
    offer.save(update_fields=["status", "decided_at"])
    _step(application, Kind.OFFER_ACCEPTED, application.applicant, offer.decided_at, offer=offer)
    _stage(application, "hired", application.applicant, offer.decided_at)
    company = posting.company
    Employment.objects.create(
        person=application.applicant,
        company=company,
        company_name=company.name,
        company_brn=company.brn,
        posting=posting,
        application=application,
        offer=offer,
        position=offer.position,
        start_date=offer.start_date,
        employment_type=offer.employment_type,
        salary_band=SalaryBand.for_salary(offer.salary),
        source=Employment.Source.OFFER,
        recorded_by=application.applicant,
        created_at=offer.decided_at,
    )
    return "accepted offer and employment"
