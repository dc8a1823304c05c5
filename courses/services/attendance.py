"""Attendance (출결): marks per class meeting, recorded all at once or row by row."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action

from ..models import Attendance, ClassMeeting, CourseRun
from ..selectors import roster


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
    with a ValidationError and nothing is written. A first mark is kept with ``by`` on the
    record itself; changing a recorded mark or note is a correction, which the audit log
    records (the trainee sees it in their privacy settings).
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
            # The note itself stays out of the log: it is free text the eraser removes.
            change = {"from": record.status, "to": status, "note_changed": record.note != note}
            record.status, record.note, record.recorded_by = status, note, by
            record.save(update_fields=["status", "note", "recorded_by", "recorded_at"])
            record.meeting = meeting
            log_action(by, "courses.attendance.corrected", record, change)
        saved.append(record)
    return saved


def attendance_record_meeting(
    *,
    meeting: ClassMeeting,
    marks: Mapping[int, str],
    by,
    notes: Mapping[int, str] | None = None,
    rest_present: bool = False,
) -> list[Attendance]:
    """Save a meeting's attendance sheet; with ``rest_present`` everyone left unmarked is present.

    "Everyone else was present" is the common case, so one click fills the unmarked rows.
    """
    marks = dict(marks)
    if rest_present:
        for enrollment_id in roster(meeting.run).values_list("pk", flat=True):
            marks.setdefault(enrollment_id, Attendance.Status.PRESENT)
    return attendance_record_bulk(meeting=meeting, marks=marks, notes=notes, by=by)
