"""Reads for skills shared by pages, the API and other apps."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .evidence import evidence_text
from .models import Skill, TraineeSkill


def skill_list(*, q: str = "", category: str = "", industry: str = "") -> QuerySet[Skill]:
    """Active skills, optionally filtered by text, category slug and industry tag."""
    qs = Skill.objects.filter(is_active=True).select_related("category")
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(name_en__icontains=q)
            | Q(ncs_code__icontains=q)
            | Q(ncs_name__icontains=q)
        )
    if category:
        qs = qs.filter(category__slug=category)
    if industry:
        qs = qs.filter(Q(industry=industry) | Q(industry=""))
    return qs.order_by("category__sort_order", "category__name", "name")


def is_verified(verified_level: int, *, at_level: int = 1) -> bool:
    """The one definition of "verified", used by the résumé, fit panels, matching and the API.

    A skill is verified at a level when a verified row (evidence: a completed course, a
    certificate) holds that level or more. A declared level never counts, however high: a
    skill declared at 3 and verified at 2 is verified at 2 and only declared at 3.
    """
    return verified_level >= max(at_level, 1)


@dataclass(frozen=True)
class HeldSkill:
    """One skill of a person as shown everywhere: the verified row wins over the declared one."""

    skill: Skill
    level: int
    source: str
    stored_evidence_label: str
    evidence_ref: str
    declared_level: int | None
    evidence: dict | None = None

    @property
    def evidence_label(self) -> str:
        """The evidence in the viewer's language, built when shown (skills.evidence)."""
        return evidence_text(self.evidence, self.stored_evidence_label)

    @property
    def verified_level(self) -> int:
        return self.level if self.source == TraineeSkill.Source.VERIFIED else 0

    @property
    def is_verified(self) -> bool:
        return is_verified(self.verified_level)


def skills_for_trainee(user) -> list[HeldSkill]:
    """A person's skills, one per skill: verified first (with their level), then declared."""
    rows = TraineeSkill.objects.filter(user=user).select_related("skill", "skill__category")
    declared: dict[int, TraineeSkill] = {}
    verified: dict[int, TraineeSkill] = {}
    for row in rows:
        (verified if row.source == TraineeSkill.Source.VERIFIED else declared)[row.skill_id] = row
    held = []
    for skill_id, row in verified.items():
        other = declared.get(skill_id)
        held.append(
            HeldSkill(
                row.skill,
                row.level,
                row.source,
                row.evidence_label,
                row.evidence_ref,
                other.level if other else None,
                row.evidence,
            )
        )
    for skill_id, row in declared.items():
        if skill_id not in verified:
            held.append(HeldSkill(row.skill, row.level, row.source, "", "", row.level))
    held.sort(key=lambda h: (not h.is_verified, -h.level, h.skill.name))
    return held


def verified_skill_levels(user) -> dict[int, int]:
    """skill id → verified level, for matching."""
    return dict(
        TraineeSkill.objects.filter(user=user, source=TraineeSkill.Source.VERIFIED).values_list(
            "skill_id", "level"
        )
    )
