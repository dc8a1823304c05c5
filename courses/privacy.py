"""What the courses app holds about a person, for the data download and account deletion."""

from __future__ import annotations

from .models import Enrollment


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
