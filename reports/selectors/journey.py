"""A trainee's journey: every step from training to work, and what to do next."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.consents import COUNSELOR_SHARING
from accounts.models import User
from accounts.selectors import has_consent
from consulting.models import ActionItem, Booking
from courses.models import Certificate, Enrollment
from fairs.models import Conversation, Fair, Registration
from fairs.models import Interview as FairInterview
from jobs import matching
from jobs.models import Application, Employment, Interview, Offer
from skills.models import TraineeSkill

NEXT_STEPS = 3
ACTIVE_ENROLLMENT = (
    Enrollment.Status.PENDING,
    Enrollment.Status.CONFIRMED,
    Enrollment.Status.WAITLISTED,
    Enrollment.Status.OFFERED,
)


@dataclass
class Step:
    when: str  # ISO date or datetime
    kind: str
    title: str
    detail: str = ""
    url: str = ""


def _day(value) -> str:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date().isoformat()
    return value.isoformat() if value else ""


def get_person_for_counselor(counselor: User, person_id: int) -> User:
    """A person this counselor has counselled and who shares their history; 404 otherwise."""
    person = get_object_or_404(User, pk=person_id, is_trainee=True)
    counselled = Booking.objects.filter(counselor=counselor, person=person).exists()
    if not counselled or not has_consent(person, COUNSELOR_SHARING):
        raise Http404
    return person


def journey(person: User, *, with_next_steps: bool = True) -> dict:
    """The timeline (newest first), the figures, and the next steps (a fixed number of queries)."""
    steps: list[Step] = []
    enrollments = list(
        Enrollment.objects.filter(user=person)
        .select_related("run__course", "completion")
        .order_by("-run__starts_on")
    )
    rates = []
    for e in enrollments:
        completion = getattr(e, "completion", None)
        detail = e.get_status_display()
        if completion is not None and completion.evaluated_at:
            detail = f"{completion.get_status_display()} · {_('attendance')} {completion.attendance_rate}%"
            rates.append(float(completion.attendance_rate or 0))
        steps.append(
            Step(
                _day(e.run.starts_on),
                "enrollment",
                f"{e.run.course.display_title} · {e.run.display_name}",
                detail,
                reverse("courses:detail", args=[e.run.course_id]),
            )
        )
    certificates = list(
        Certificate.objects.filter(user=person, revoked_at__isnull=True).order_by("-issued_at")
    )
    for c in certificates:
        steps.append(
            Step(
                _day(c.issued_at),
                "certificate",
                _("Certificate %(serial)s") % {"serial": c.serial},
                c.course_title,
            )
        )
    skills = list(
        TraineeSkill.objects.filter(user=person, source=TraineeSkill.Source.VERIFIED)
        .select_related("skill")
        .order_by("skill__name")
    )
    bookings = list(
        Booking.objects.filter(person=person)
        .exclude(status__in=[Booking.Status.CANCELLED, Booking.Status.DECLINED])
        .select_related("type")
        .order_by("-start")
    )
    for b in bookings:
        detail = b.get_status_display()
        if b.outcome:
            detail = f"{detail} · {b.get_outcome_display()}"
        steps.append(Step(_day(b.start), "consultation", b.type.display_name, detail))
    items = list(
        ActionItem.objects.filter(booking__person=person)
        .select_related("booking__type")
        .order_by("done_at", "due_date", "pk")
    )
    registrations = list(
        Registration.objects.filter(attendee=person, cancelled_at__isnull=True).select_related(
            "fair"
        )
    )
    for r in registrations:
        steps.append(
            Step(
                _day(r.fair.starts_on),
                "fair",
                r.fair.display_title,
                pgettext("for a job fair", "Registered"),
                reverse("fairs:detail", args=[r.fair_id]),
            )
        )
    for conv in Conversation.objects.filter(attendee=person).select_related("booth__company"):
        steps.append(
            Step(
                _day(conv.started_at),
                "fair",
                _("Talked with %(company)s at the fair") % {"company": conv.booth.company.name},
                conv.get_next_step_display() if conv.next_step else "",
            )
        )
    for fi in FairInterview.objects.filter(attendee=person).select_related("booth__company"):
        steps.append(
            Step(
                _day(fi.start),
                "interview",
                _("Fair interview with %(company)s") % {"company": fi.booth.company.name},
                fi.get_status_display(),
            )
        )
    applications = list(
        Application.objects.filter(applicant=person)
        .select_related("posting__company")
        .order_by("-created_at")
    )
    for a in applications:
        steps.append(
            Step(
                _day(a.created_at),
                "application",
                f"{a.posting.title} · {a.posting.company.name}",
                a.get_status_display(),
                reverse("jobs:my_application", args=[a.pk]),
            )
        )
    for i in Interview.objects.filter(candidate=person).select_related(
        "application__posting__company"
    ):
        steps.append(
            Step(
                _day(i.start or i.created_at),
                "interview",
                _("Interview with %(company)s") % {"company": i.application.posting.company.name},
                i.get_status_display(),
            )
        )
    for o in Offer.objects.filter(application__applicant=person).select_related(
        "application__posting__company"
    ):
        steps.append(
            Step(
                _day(o.created_at),
                "offer",
                _("Offer from %(company)s") % {"company": o.application.posting.company.name},
                f"{o.position} · {o.get_status_display()}",
            )
        )
    employments = list(Employment.objects.filter(person=person).order_by("-start_date"))
    for emp in employments:
        steps.append(
            Step(
                _day(emp.start_date),
                "employment",
                _("Started at %(company)s") % {"company": emp.company_name},
                f"{emp.position} · {emp.get_employment_type_display()} · {emp.get_source_display()}",
            )
        )
    steps.sort(key=lambda s: s.when, reverse=True)
    result = {
        "summary": {
            "enrollments": len(enrollments),
            "attendance_rate": round(sum(rates) / len(rates), 1) if rates else None,
            "certificates": len(certificates),
            "verified_skills": len(skills),
            "consultations": len(bookings),
            "applications": len(applications),
            "employments": len(employments),
        },
        "skills": [
            {
                "name": s.skill.display_name if hasattr(s.skill, "display_name") else s.skill.name,
                "level": s.level,
            }
            for s in skills
        ],
        "timeline": [asdict(s) for s in steps],
        "action_items": [
            {
                "text": item.text,
                "due_date": _day(item.due_date),
                "done": item.done_at is not None,
                "consultation": item.booking.type.display_name,
            }
            for item in items
        ],
    }
    if with_next_steps:
        result["next_steps"] = next_steps(person, enrollments, registrations, applications, items)
    return result


def next_steps(person, enrollments, registrations, applications, items) -> dict:
    taken = {e.run.course_id for e in enrollments if e.status in ACTIVE_ENROLLMENT}
    applied = {a.posting_id for a in applications}
    matches = matching.recommendations_for(person, limit=10, with_courses=True)
    courses, seen = [], set(taken)
    for m in matches:
        for c in m.suggested_courses:
            if c["course_id"] in seen:
                continue
            seen.add(c["course_id"])
            courses.append(
                {
                    "course_id": c["course_id"],
                    "title": c["title"],
                    "url": c["url"],
                    "skill": c["skill"],
                    "for_posting": m.posting.title,
                    "next_run": c["next_run"],
                }
            )
    postings = [
        {
            "posting_id": m.posting.pk,
            "title": m.posting.title,
            "company": m.posting.company.name,
            "score": round(m.score),
            "url": reverse("jobs:detail", args=[m.posting.pk]),
        }
        for m in matches
        if m.posting.pk not in applied
    ]
    registered = {r.fair_id for r in registrations}
    fairs = [
        {
            "fair_id": f.pk,
            "title": f.display_title,
            "starts_on": f.starts_on.isoformat(),
            "url": reverse("fairs:detail", args=[f.pk]),
        }
        for f in Fair.objects.filter(
            status__in=[Fair.Status.REGISTRATION, Fair.Status.LIVE],
            ends_on__gte=timezone.localdate(),
        )
        .exclude(pk__in=registered)
        .order_by("starts_on")[:NEXT_STEPS]
    ]
    return {
        "courses": courses[:NEXT_STEPS],
        "postings": postings[:NEXT_STEPS],
        "fairs": fairs,
        "action_items": [
            {
                "text": i.text,
                "due_date": _day(i.due_date),
                "consultation": i.booking.type.display_name,
            }
            for i in items
            if i.done_at is None
        ],
    }
