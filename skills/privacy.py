"""What the skills app holds about a person, for the data download and account deletion."""

from __future__ import annotations

from .models import TraineeSkill


def export_skills(user) -> list[dict]:
    return [
        {
            "skill": row.skill.name,
            "level": row.level,
            "source": row.source,
            "evidence": row.evidence_text,
            "evidence_details": row.evidence,
            "updated_at": row.updated_at.isoformat(),
        }
        for row in TraineeSkill.objects.filter(user=user)
        .select_related("skill")
        .order_by("skill__name")
    ]


def erase_skills(user) -> None:
    """A deleted account keeps no skills: they describe the person, not a shared record."""
    TraineeSkill.objects.filter(user=user).delete()
