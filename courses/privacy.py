"""What the courses app holds about a person, for the data download and account deletion:
enrollments, attendance, completion and certificates."""

from __future__ import annotations

from django.utils import timezone

from core.files import delete_names_on_commit

from .models import Attendance, Certificate, Completion, Enrollment


def export_enrollments(user) -> list[dict]:
    rows = (
        Enrollment.objects.filter(user=user)
        .select_related("run", "run__course")
        .order_by("created_at")
    )
    return [
        {
            "course": e.run.course.title,
            "run": e.run.display_name,
            "starts_on": e.run.starts_on.isoformat(),
            "status": e.status,
            "waitlist_position": e.waitlist_position,
            "answers": e.answers,
            "applied_at": e.created_at.isoformat(),
        }
        for e in rows
    ]


def erase_enrollments(user) -> None:
    """Enrollments stay (the center reports on them) but the free-text application answers go."""
    Enrollment.objects.filter(user=user).exclude(answers={}).update(answers={})


def export_certificates(user) -> dict:
    certificates = Certificate.objects.filter(user=user).select_related("run").order_by("issued_at")
    attendance = (
        Attendance.objects.filter(enrollment__user=user)
        .select_related("meeting__run__course")
        .order_by("meeting__starts_at")
    )
    return {
        "certificates": [
            {
                "serial": c.serial,
                "course": c.course_title,
                "run": c.run.display_name,
                "hours_attended": str(c.hours_attended),
                "issued_at": c.issued_at.isoformat(),
                "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
                "verify_url": c.verify_url,
            }
            for c in certificates
        ],
        "completions": [
            {
                "run_id": c.enrollment.run_id,
                "status": c.status,
                "score": c.score,
                "attendance_rate": str(c.attendance_rate)
                if c.attendance_rate is not None
                else None,
            }
            for c in Completion.objects.filter(enrollment__user=user).select_related("enrollment")
        ],
        "attendance": [
            {
                "course": a.meeting.run.course.title,
                "meeting": timezone.localtime(a.meeting.starts_at).isoformat(),
                "status": a.status,
                "note": a.note,
            }
            for a in attendance
        ],
    }


def erase_certificates(user) -> None:
    """The center keeps its training records (serials, courses, hours) but not the name or the files.

    The PDFs carry the name, so they are deleted; the public verify page then shows no name.
    Free-text attendance notes go too. The files are deleted once the erasure commits, so
    an erasure that rolls back leaves them in place.
    """
    certificates = Certificate.objects.filter(user=user)
    names = [name for name in certificates.values_list("pdf", flat=True) if name]
    certificates.update(holder_name="", pdf="", pdf_generated_at=None)
    Attendance.objects.filter(enrollment__user=user).exclude(note="").update(note="")
    delete_names_on_commit(Certificate._meta.get_field("pdf").storage, names)
