"""The audit log of a run's records, for the staff pages where staff act on them.

Staff act on many rows of one run at once (enrollments on the run page, attendance marks
on a meeting's sheet, completions and certificates on the certificates page), so each page
shows the entries of all the records it lists, newest first, in the format of
``{% audit_trail %}`` (core/audit_trail.html).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from core.models import AuditEntry

from ..models import Attendance, Certificate, ClassMeeting, Completion, CourseRun, Enrollment

HISTORY_LENGTH = 30


def _entries_of(*querysets: QuerySet) -> list[AuditEntry]:
    """The latest entries about any object of the given querysets."""
    about = Q()
    for qs in querysets:
        about |= Q(
            content_type=ContentType.objects.get_for_model(qs.model),
            object_id__in=qs.annotate(audit_id=Cast("pk", CharField())).values("audit_id"),
        )
    return list(AuditEntry.objects.filter(about).select_related("actor")[:HISTORY_LENGTH])


def run_history(run: CourseRun) -> list[AuditEntry]:
    """What staff did to the run and its enrollments (capacity, decisions, moves, cancellations)."""
    return _entries_of(
        CourseRun.objects.filter(pk=run.pk), Enrollment.objects.filter(run_id=run.pk)
    )


def meeting_history(meeting: ClassMeeting) -> list[AuditEntry]:
    """Corrections of a meeting's attendance marks."""
    return _entries_of(Attendance.objects.filter(meeting_id=meeting.pk))


def completion_history(run: CourseRun) -> list[AuditEntry]:
    """Scores, completion decisions and certificates issued or revoked in a run."""
    return _entries_of(
        Completion.objects.filter(enrollment__run_id=run.pk),
        Certificate.objects.filter(run_id=run.pk),
    )
