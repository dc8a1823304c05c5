"""The people and records behind each figure of the dashboard (the drill-down lists).

Each metric names a queryset built from the same building blocks as ``outcomes()``, so a list
has as many rows as its figure says.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Center
from consulting.models import Booking
from courses.models import Certificate, Completion, CourseRun, Enrollment
from fairs.models import Booth, Conversation, Fair, Registration
from fairs.models import Interview as FairInterview
from jobs.models import Interview, Offer

from . import outcomes as o
from .period import Period

LIMIT = 500


@dataclass
class Drill:
    title: str
    columns: list
    rows: list[list]
    total: int


def _enrollment_rows(qs):
    qs = qs.select_related("user", "run__course").order_by("run__ends_on", "user__name", "pk")
    return [
        [
            e.user.name,
            e.user.email,
            e.run.course.display_title,
            e.run.display_name,
            e.get_status_display(),
        ]
        for e in qs[:LIMIT]
    ], qs.count()


ENROLLMENT_COLUMNS = [_("Name"), _("Email"), _("Course"), _("Run"), _("Status")]


def _completion_rows(qs):
    qs = qs.select_related("enrollment__user", "enrollment__run__course").order_by(
        "enrollment__run__ends_on", "enrollment__user__name", "pk"
    )
    return [
        [
            c.enrollment.user.name,
            c.enrollment.user.email,
            c.enrollment.run.course.display_title,
            c.enrollment.run.display_name,
            c.attendance_rate,
        ]
        for c in qs[:LIMIT]
    ], qs.count()


COMPLETION_COLUMNS = [_("Name"), _("Email"), _("Course"), _("Run"), _("Attendance (%)")]


def drill(center: Center, period: Period, metric: str, params) -> Drill:
    """The list behind ``metric``; unknown metrics and other centers' runs answer 404."""
    enrollments = o.center_enrollments(center, period)
    run_id = params.get("run")
    completions = o.center_completions(center, period)
    if run_id:
        try:
            completions = completions.filter(enrollment__run_id=int(run_id))
        except ValueError:
            raise Http404 from None
    if metric in ("enrolled", "dropouts", "completed", "not_completed"):
        qs = {
            "enrolled": enrollments.filter(o.enrolled_q()),
            "dropouts": enrollments.filter(o.dropout_q()),
            "completed": enrollments.filter(
                status=Enrollment.Status.CONFIRMED, completion__status=Completion.Status.COMPLETED
            ),
            "not_completed": enrollments.filter(
                status=Enrollment.Status.CONFIRMED,
                completion__status=Completion.Status.NOT_COMPLETED,
            ),
        }[metric]
        rows, total = _enrollment_rows(qs)
        titles = {
            "enrolled": _("Enrolled"),
            "dropouts": _("Dropouts"),
            "completed": pgettext_lazy("outcomes", "Completed"),
            "not_completed": _("Not completed"),
        }
        return Drill(str(titles[metric]), ENROLLMENT_COLUMNS, rows, total)
    if metric in ("completers", "employed", "excluded"):
        qs = {
            "completers": completions,
            "employed": completions.filter(is_employed=True),
            "excluded": completions.filter(is_excluded=True, is_employed=False),
        }[metric]
        rows, total = _completion_rows(qs)
        titles = {
            "completers": _("Completers"),
            "employed": _("Employed within six months"),
            "excluded": _("Excluded from the rate"),
        }
        return Drill(str(titles[metric]), COMPLETION_COLUMNS, rows, total)
    if metric == "certificates":
        qs = (
            Certificate.objects.filter(run__course__center=center, revoked_at__isnull=True)
            .filter(issued_at__date__gte=period.start, issued_at__date__lte=period.end)
            .order_by("issued_at", "pk")
        )
        rows = [[c.holder_name, c.serial, c.course_title, c.issued_at.date()] for c in qs[:LIMIT]]
        return Drill(
            str(_("Certificates")),
            [_("Name"), _("Serial number"), _("Course"), _("Issued")],
            rows,
            qs.count(),
        )
    if metric == "consultations":
        qs = o.center_bookings(center, period).filter(status=Booking.Status.COMPLETED)
        if params.get("category"):
            qs = qs.filter(type__category=params["category"])
        if params.get("outcome"):
            qs = qs.filter(outcome=params["outcome"])
        qs = qs.select_related("person", "type").order_by("start", "pk")
        rows = [
            [b.person.name, b.type.display_name, b.start.date(), b.get_outcome_display()]
            for b in qs[:LIMIT]
        ]
        return Drill(
            str(_("Consultations")),
            [_("Name"), _("Consultation"), _("Date"), _("Outcome")],
            rows,
            qs.count(),
        )
    if metric == "fair_registrations":
        qs = (
            Registration.objects.filter(fair__center=center, cancelled_at__isnull=True)
            .filter(fair__starts_on__gte=period.start, fair__starts_on__lte=period.end)
            .select_related("attendee", "fair")
            .order_by("fair__starts_on", "pk")
        )
        rows = [[r.attendee.name, r.fair.display_title, r.fair.starts_on] for r in qs[:LIMIT]]
        return Drill(
            str(_("Fair registrations")), [_("Name"), _("Fair"), _("Date")], rows, qs.count()
        )
    if metric == "applications":
        qs = (
            o.center_applications(center, period)
            .select_related("applicant", "posting__company")
            .order_by("created_at", "pk")
        )
        rows = [
            [
                a.applicant.name,
                a.posting.company.name,
                a.posting.title,
                a.created_at.date(),
                a.get_status_display(),
            ]
            for a in qs[:LIMIT]
        ]
        return Drill(
            str(_("Applications")),
            [_("Name"), _("Company"), _("Posting"), _("Applied"), _("Status")],
            rows,
            qs.count(),
        )
    if metric == "hires":
        qs = o.center_hires(center, period).select_related("person").order_by("start_date", "pk")
        rows = [
            [e.person.name, e.company_name, e.position, e.start_date, e.get_source_display()]
            for e in qs[:LIMIT]
        ]
        return Drill(
            str(_("Hires")),
            [
                _("Name"),
                _("Company"),
                pgettext_lazy("job", "Position"),
                _("Start date"),
                _("Source"),
            ],
            rows,
            qs.count(),
        )
    if metric in FAIR_METRICS:
        return _fair_drill(center, period, metric)
    if metric in HIRING_METRICS:
        return _hiring_drill(center, period, metric)
    if metric == "runs":
        return _runs_drill(center, period)
    raise Http404


def _runs_drill(center: Center, period: Period) -> Drill:
    """The runs the "Course runs ended" figure counts: ending in the period, with a seat."""
    qs = (
        CourseRun.objects.filter(
            course__center=center,
            ends_on__gte=period.start,
            ends_on__lte=period.end,
            pk__in=o.center_enrollments(center, period).values("run_id"),
        )
        .select_related("course")
        .order_by("ends_on", "pk")
    )
    rows = [
        [r.course.display_title, r.display_name, r.starts_on, r.ends_on, r.get_status_display()]
        for r in qs[:LIMIT]
    ]
    return Drill(
        str(_("Course runs ended")),
        [_("Course"), _("Run"), _("Starts"), _("Ended"), _("Status")],
        rows,
        qs.count(),
    )


def _fair_drill(center: Center, period: Period, metric: str) -> Drill:
    """Fairs starting in the period, and their booths, conversations and interviews."""
    fairs = Fair.objects.filter(
        center=center, starts_on__gte=period.start, starts_on__lte=period.end
    )
    if metric == "fairs":
        qs = fairs.order_by("starts_on", "pk")
        rows = [
            [f.display_title, f.starts_on, f.ends_on, f.get_status_display()] for f in qs[:LIMIT]
        ]
        columns = [_("Fair"), _("Starts"), _("Ends"), _("Status")]
    elif metric == "booths":
        qs = (
            Booth.objects.filter(fair__in=fairs, status=Booth.Status.APPROVED)
            .select_related("company", "fair")
            .order_by("fair__starts_on", "company__name", "pk")
        )
        rows = [[b.company.name, b.fair.display_title, b.fair.starts_on] for b in qs[:LIMIT]]
        columns = [_("Company"), _("Fair"), _("Date")]
    elif metric == "conversations":
        qs = (
            Conversation.objects.filter(booth__fair__in=fairs)
            .select_related("attendee", "booth__company", "booth__fair")
            .order_by("started_at", "pk")
        )
        rows = [
            [
                c.attendee.name,
                c.booth.company.name,
                c.booth.fair.display_title,
                timezone.localtime(c.started_at).date(),
            ]
            for c in qs[:LIMIT]
        ]
        columns = [_("Name"), _("Company"), _("Fair"), _("Date")]
    else:
        qs = FairInterview.objects.filter(booth__fair__in=fairs)
        if metric == "fair_interviews_held":
            qs = qs.filter(status=FairInterview.Status.HELD)
        else:
            qs = qs.exclude(status=FairInterview.Status.CANCELLED)
        qs = qs.select_related("attendee", "booth__company", "booth__fair").order_by("start", "pk")
        rows = [
            [
                i.attendee.name,
                i.booth.company.name,
                i.booth.fair.display_title,
                timezone.localtime(i.start).date(),
                i.get_status_display(),
            ]
            for i in qs[:LIMIT]
        ]
        columns = [_("Name"), _("Company"), _("Fair"), _("Date"), _("Status")]
    return Drill(str(FAIR_METRICS[metric]), columns, rows, qs.count())


def _hiring_drill(center: Center, period: Period, metric: str) -> Drill:
    """Job interviews proposed and offers made in the period through the center's postings."""
    model = Interview if metric == "interviews" else Offer
    qs = model.objects.filter(
        application__posting__center=center,
        created_at__date__gte=period.start,
        created_at__date__lte=period.end,
    )
    if metric == "offers_accepted":
        qs = qs.filter(status=Offer.Status.ACCEPTED)
    qs = qs.select_related("application__applicant", "application__posting__company").order_by(
        "created_at", "pk"
    )
    rows = [
        [
            x.application.applicant.name,
            x.application.posting.company.name,
            x.application.posting.title,
            timezone.localtime(x.created_at).date(),
            x.get_status_display(),
        ]
        for x in qs[:LIMIT]
    ]
    columns = [_("Name"), _("Company"), _("Posting"), _("Date"), _("Status")]
    return Drill(str(HIRING_METRICS[metric]), columns, rows, qs.count())


FAIR_METRICS = {
    "fairs": _("Fairs held"),
    "booths": _("Booths"),
    "conversations": _("Booth conversations"),
    "fair_interviews": _("Fair interviews booked"),
    "fair_interviews_held": _("Fair interviews held"),
}
HIRING_METRICS = {
    "interviews": _("Interviews"),
    "offers": _("Offers made"),
    "offers_accepted": _("Offers accepted"),
}
METRICS = [
    "enrolled", "dropouts", "completed", "not_completed", "completers", "employed",
    "excluded", "certificates", "consultations", "fair_registrations", "applications", "hires",
    "runs", *FAIR_METRICS, *HIRING_METRICS,
]  # fmt: skip
