"""Reads for attendance and completion (출결·수료), and the fetch helpers of the people who
teach a run: the center's staff and the course's instructors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..models import Attendance, ClassMeeting, Completion, CourseRun, Enrollment

ONE_DECIMAL = Decimal("0.1")


# --- who teaches what (anything else answers 404) --------------------------------------------


def runs_for_teacher(user) -> QuerySet[CourseRun]:
    """Runs of the centers this person runs as staff, and of the courses they teach."""
    return CourseRun.objects.filter(
        Q(course__center_id__in=user.staff_center_ids()) | Q(course__instructors=user)
    ).distinct()


def _can_teach(user, run: CourseRun) -> bool:
    """Center staff of the course's center, or one of the course's instructors."""
    return (
        run.course.center_id in user.staff_center_ids()
        or run.course.instructors.filter(pk=user.pk).exists()
    )


def get_run_for_teacher(user, run_id: int) -> CourseRun:
    """A run this person may take attendance in; else 404."""
    run = CourseRun.objects.select_related("course__center").filter(pk=run_id).first()
    if run is None or not user.is_authenticated or not _can_teach(user, run):
        raise Http404
    return run


def get_meeting_for_teacher(user, meeting_id: int) -> ClassMeeting:
    """A class meeting of a run this person may take attendance in; else 404."""
    meeting = (
        ClassMeeting.objects.select_related("run__course__center").filter(pk=meeting_id).first()
    )
    if meeting is None or not user.is_authenticated or not _can_teach(user, meeting.run):
        raise Http404
    return meeting


# --- attendance -------------------------------------------------------------------------------


def roster(run: CourseRun) -> QuerySet[Enrollment]:
    """Confirmed enrollments of a run: the people whose attendance is taken."""
    return (
        Enrollment.objects.filter(run=run, status=Enrollment.Status.CONFIRMED)
        .select_related("user")
        .order_by("user__name", "pk")
    )


def meetings_held(run: CourseRun, *, now: dt.datetime | None = None) -> list[ClassMeeting]:
    """Meetings that have started by ``now``: the denominator of the attendance rate."""
    now = now or timezone.now()
    return list(run.meetings.filter(starts_at__lte=now).order_by("starts_at"))


def meeting_rows(run: CourseRun) -> list[dict]:
    """Each meeting of a run with whether it was held and how many marks were recorded."""
    held = {m.pk for m in meetings_held(run)}
    recorded = {
        row["meeting_id"]: row["n"]
        for row in Attendance.objects.filter(meeting__run=run, enrollment__in=roster(run))
        .values("meeting_id")
        .annotate(n=Count("pk"))
    }
    return [
        {"meeting": m, "held": m.pk in held, "recorded": recorded.get(m.pk, 0)}
        for m in run.meetings.order_by("starts_at")
    ]


def attendance_sheet(meeting: ClassMeeting) -> list[dict]:
    """The roster of a meeting's run, each with the mark recorded so far (or None)."""
    records = {a.enrollment_id: a for a in Attendance.objects.filter(meeting=meeting)}
    return [{"enrollment": e, "record": records.get(e.pk)} for e in roster(meeting.run)]


@dataclass
class AttendanceSummary:
    """One trainee's attendance over the meetings held so far."""

    enrollment: Enrollment
    held: int
    counts: dict[str, int] = field(default_factory=dict)
    hours: Decimal = Decimal("0")
    by_meeting: dict[int, str] = field(default_factory=dict)

    @property
    def present(self) -> int:
        return self.counts.get(Attendance.Status.PRESENT, 0)

    @property
    def late(self) -> int:
        return self.counts.get(Attendance.Status.LATE, 0)

    @property
    def early_leave(self) -> int:
        return self.counts.get(Attendance.Status.EARLY_LEAVE, 0)

    @property
    def absent(self) -> int:
        """Recorded absences plus held meetings with nothing recorded."""
        return self.held - self.present - self.late - self.early_leave

    @property
    def attended(self) -> Decimal:
        """Meetings attended, late and early leave counting half (HRD-Net 지각·조퇴 규정)."""
        return Decimal(self.present) + Decimal("0.5") * (self.late + self.early_leave)

    @property
    def rate(self) -> Decimal | None:
        """Attendance rate in percent with one decimal, or None before any meeting was held."""
        if not self.held:
            return None
        return (self.attended * 100 / self.held).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def attendance_summaries(
    run: CourseRun, *, now: dt.datetime | None = None
) -> list[AttendanceSummary]:
    """Attendance of everyone on the roster, in roster order."""
    held = meetings_held(run, now=now)
    held_ids = {m.pk: m for m in held}
    summaries = {e.pk: AttendanceSummary(enrollment=e, held=len(held)) for e in roster(run)}
    records = Attendance.objects.filter(enrollment_id__in=summaries, meeting_id__in=held_ids).only(
        "enrollment_id", "meeting_id", "status"
    )
    for record in records:
        summary = summaries[record.enrollment_id]
        summary.counts[record.status] = summary.counts.get(record.status, 0) + 1
        summary.by_meeting[record.meeting_id] = record.status
        hours = Decimal(str(held_ids[record.meeting_id].hours))
        summary.hours += hours * Attendance.WEIGHTS[Attendance.Status(record.status)]
    for summary in summaries.values():
        summary.hours = summary.hours.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return list(summaries.values())


# --- completion -------------------------------------------------------------------------------


def completion_scores(run: CourseRun) -> dict[int, int | None]:
    """enrollment id → score entered so far."""
    return dict(
        Completion.objects.filter(enrollment__run=run).values_list("enrollment_id", "score")
    )


def runs_due_for_evaluation(*, today: dt.date | None = None) -> QuerySet[CourseRun]:
    """Scheduled runs whose last day has passed: the nightly task evaluates them."""
    today = today or timezone.localdate()
    return CourseRun.objects.filter(status=CourseRun.Status.SCHEDULED, ends_on__lt=today)
