"""Attendance and completion (출결·수료 판정): the writes, and the reads pages and exports share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .certificates import certificate_issue
from .models import Attendance, ClassMeeting, Completion, CourseRun, Enrollment

ONE_DECIMAL = Decimal("0.1")


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


def _clean_status(value: str) -> str:
    if value not in Attendance.Status.values:
        raise ValidationError(_("Choose present, late, left early or absent."))
    return value


@transaction.atomic
def attendance_record_bulk(
    *, meeting: ClassMeeting, marks: Mapping[int, str], by, notes: Mapping[int, str] | None = None
) -> list[Attendance]:
    """Record attendance of one meeting for several enrollments (ids → status), all or nothing.

    Only confirmed enrollments of the meeting's run can be marked; anything else is refused
    with a ValidationError and nothing is written.
    """
    run = meeting.run
    if run.status == CourseRun.Status.CANCELLED:
        raise ValidationError(_("This run was cancelled; attendance cannot be taken."))
    if timezone.localtime(meeting.starts_at).date() > timezone.localdate():
        raise ValidationError(_("Attendance can be taken from the day of the class meeting."))
    if not marks:
        raise ValidationError(_("Mark at least one trainee."))
    statuses = {
        int(enrollment_id): _clean_status(status) for enrollment_id, status in marks.items()
    }
    enrollments = {e.pk: e for e in roster(run).filter(pk__in=statuses)}
    strangers = set(statuses) - set(enrollments)
    if strangers:
        raise ValidationError(
            _("Only trainees with a confirmed place in this run can be marked (unknown: %(ids)s).")
            % {"ids": ", ".join(str(i) for i in sorted(strangers))}
        )
    notes = notes or {}
    existing = {
        a.enrollment_id: a
        for a in Attendance.objects.filter(meeting=meeting, enrollment_id__in=statuses)
    }
    saved = []
    for enrollment_id, status in statuses.items():
        note = (notes.get(enrollment_id) or "").strip()[:200]
        record = existing.get(enrollment_id)
        if record is None:
            record = Attendance.objects.create(
                meeting=meeting,
                enrollment=enrollments[enrollment_id],
                status=status,
                note=note,
                recorded_by=by,
            )
        elif record.status != status or record.note != note:
            record.status, record.note, record.recorded_by = status, note, by
            record.save(update_fields=["status", "note", "recorded_by", "recorded_at"])
        saved.append(record)
    return saved


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


def completion_scores(run: CourseRun) -> dict[int, int | None]:
    """enrollment id → score entered so far."""
    return dict(
        Completion.objects.filter(enrollment__run=run).values_list("enrollment_id", "score")
    )


@transaction.atomic
def completion_set_scores(*, run: CourseRun, scores: Mapping[int, int | None]) -> int:
    """Enter assessment scores (0–100) for confirmed enrollments of a run, all or nothing."""
    enrollment_ids = set(roster(run).values_list("pk", flat=True))
    cleaned: dict[int, int | None] = {}
    for enrollment_id, score in scores.items():
        if int(enrollment_id) not in enrollment_ids:
            raise ValidationError(
                _("Only trainees with a confirmed place in this run can be scored.")
            )
        if score is not None and not (isinstance(score, int) and 0 <= score <= 100):
            raise ValidationError(_("A score is a whole number from 0 to 100."))
        cleaned[int(enrollment_id)] = score
    for enrollment_id, score in cleaned.items():
        Completion.objects.update_or_create(enrollment_id=enrollment_id, defaults={"score": score})
    return len(cleaned)


@dataclass(frozen=True)
class RunEvaluation:
    evaluated: int
    completed: int
    certificates_issued: int


def _passes(course, summary: AttendanceSummary, score: int | None) -> bool:
    rate = summary.rate
    if rate is None or rate < course.completion_min_attendance:
        return False
    if course.pass_mark is not None:
        return score is not None and score >= course.pass_mark
    return True


def completion_evaluate_run(
    *, run_id: int, by=None, now: dt.datetime | None = None
) -> RunEvaluation:
    """Decide completion for everyone on a finished run and issue certificates to completers.

    Locks the run row for the whole evaluation, so the nightly task and a staff member
    pressing the button never issue twice. Idempotent: decisions are recomputed, existing
    certificates are kept (revoking one is a separate, deliberate act). PDFs and skill
    verification emails follow after commit.
    """
    now = now or timezone.now()
    with transaction.atomic():
        run = (
            CourseRun.objects.select_for_update(of=("self",))
            .select_related("course__center")
            .get(pk=run_id)
        )
        if run.status == CourseRun.Status.CANCELLED:
            raise ValidationError(_("This run was cancelled; there is nothing to evaluate."))
        if run.ends_on > timezone.localdate(now):
            raise ValidationError(_("Completion is evaluated once the run has ended."))
        summaries = attendance_summaries(run, now=now)
        if summaries and not summaries[0].held:
            raise ValidationError(
                _(
                    "No class meetings have been held in this run, so attendance cannot be evaluated."
                )
            )
        scores = completion_scores(run)
        completed = issued = 0
        for summary in summaries:
            completion, _created = Completion.objects.get_or_create(enrollment=summary.enrollment)
            passed = _passes(run.course, summary, scores.get(summary.enrollment.pk))
            completion.status = (
                Completion.Status.COMPLETED if passed else Completion.Status.NOT_COMPLETED
            )
            completion.attendance_rate = summary.rate
            completion.hours_attended = summary.hours
            completion.evaluated_at = now
            completion.save(
                update_fields=[
                    "status",
                    "attendance_rate",
                    "hours_attended",
                    "evaluated_at",
                    "updated_at",
                ]
            )
            if passed:
                completed += 1
                summary.enrollment.run = run  # the locked row, with its course and center loaded
                _certificate, created = certificate_issue(
                    enrollment=summary.enrollment, completion=completion, by=by, now=now
                )
                issued += int(created)
        if run.status != CourseRun.Status.COMPLETED:
            run.status = CourseRun.Status.COMPLETED
            run.save(update_fields=["status", "updated_at"])
    return RunEvaluation(evaluated=len(summaries), completed=completed, certificates_issued=issued)


def runs_due_for_evaluation(*, today: dt.date | None = None) -> QuerySet[CourseRun]:
    """Scheduled runs whose last day has passed: the nightly task evaluates them."""
    today = today or timezone.localdate()
    return CourseRun.objects.filter(status=CourseRun.Status.SCHEDULED, ends_on__lt=today)


@dataclass(frozen=True)
class CertificateProgress:
    completed: int
    issued: int
    ready: int

    @property
    def done(self) -> bool:
        return self.ready >= self.issued and self.issued >= self.completed

    @property
    def percent(self) -> int:
        return 100 if not self.completed else round(100 * self.ready / self.completed)


def certificate_progress(run: CourseRun) -> CertificateProgress:
    """How far issuing a run's certificates has come (for the progress bar)."""
    from django.db.models import Q

    from .models import Certificate

    certs = Certificate.objects.filter(run=run)
    return CertificateProgress(
        completed=Completion.objects.filter(
            enrollment__run=run, status=Completion.Status.COMPLETED
        ).count(),
        issued=certs.count(),
        # A revoked certificate needs no PDF any more: it counts as done.
        ready=certs.filter(~Q(pdf="") | Q(revoked_at__isnull=False)).count(),
    )
