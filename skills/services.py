"""Writes for skills: a trainee declares a skill; a completed course verifies one; staff correct one."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import log_action

from .hooks import trainee_skills_changed
from .models import LEVEL_MAX, LEVEL_MIN, Skill, TraineeSkill


def _check_level(level: int) -> int:
    try:
        level = int(level)
    except (TypeError, ValueError):
        raise ValidationError({"level": _("Choose a level from 1 to 5.")}) from None
    if not LEVEL_MIN <= level <= LEVEL_MAX:
        raise ValidationError({"level": _("Choose a level from 1 to 5.")})
    return level


def trainee_skill_declare(*, user, skill: Skill, level: int) -> TraineeSkill:
    """Declare (or re-rate) a skill with a self-assessed level."""
    level = _check_level(level)
    if not skill.is_active:
        raise ValidationError({"skill": _("This skill is no longer offered.")})
    obj, _created = TraineeSkill.objects.update_or_create(
        user=user, skill=skill, source=TraineeSkill.Source.DECLARED, defaults={"level": level}
    )
    trainee_skills_changed([user.pk])
    return obj


def trainee_skill_withdraw(*, user, skill: Skill) -> None:
    """Remove a declared skill; verified skills stay, they are backed by evidence."""
    TraineeSkill.objects.filter(
        user=user, skill=skill, source=TraineeSkill.Source.DECLARED
    ).delete()
    trainee_skills_changed([user.pk])


@transaction.atomic
def trainee_skills_replace_declared(*, user, items: list[tuple[Skill, int]]) -> list[TraineeSkill]:
    """Make the person's declared skills exactly ``items`` ((skill, level) pairs)."""
    seen: set[int] = set()
    for skill, level in items:
        if skill.pk in seen:
            raise ValidationError({"skills": _("Each skill may appear only once.")})
        seen.add(skill.pk)
        _check_level(level)
    TraineeSkill.objects.filter(user=user, source=TraineeSkill.Source.DECLARED).exclude(
        skill_id__in=seen
    ).delete()
    trainee_skills_changed([user.pk])
    return [trainee_skill_declare(user=user, skill=skill, level=level) for skill, level in items]


def trainee_skill_verify(
    *,
    user,
    skill: Skill,
    level: int,
    evidence_ref: str,
    evidence: dict | None = None,
    evidence_label: str = "",
) -> TraineeSkill:
    """Record a verified skill with its evidence (e.g. ``certificate:42``).

    ``evidence`` is data (``skills.evidence.course_completion``), put into words in each
    viewer's language when shown; ``evidence_label`` only for evidence without structure.

    Called when a course is completed. A higher verified level is never lowered by a later,
    lower-level course; the evidence then stays that of the higher level. Idempotent.
    """
    level = _check_level(level)
    obj, created = TraineeSkill.objects.get_or_create(
        user=user,
        skill=skill,
        source=TraineeSkill.Source.VERIFIED,
        defaults={
            "level": level,
            "evidence": evidence or {},
            "evidence_label": evidence_label,
            "evidence_ref": evidence_ref,
        },
    )
    if created:
        trainee_skills_changed([user.pk])
        return obj
    if level >= obj.level:
        raised = level > obj.level
        obj.level = level
        obj.evidence = evidence or {}
        obj.evidence_label = evidence_label
        obj.evidence_ref = evidence_ref
        obj.save(
            update_fields=["level", "evidence", "evidence_label", "evidence_ref", "updated_at"]
        )
        if raised:
            trainee_skills_changed([user.pk])
    return obj


def trainee_skill_unverify(*, evidence_ref: str) -> int:
    """Drop verified skills that rest on one piece of evidence (e.g. a revoked certificate)."""
    rows = TraineeSkill.objects.filter(
        source=TraineeSkill.Source.VERIFIED, evidence_ref=evidence_ref
    )
    user_ids = list(rows.values_list("user_id", flat=True))
    deleted, _details = rows.delete()
    trainee_skills_changed(user_ids)
    return deleted


def _audit_data(row: TraineeSkill) -> dict:
    return {"skill": str(row.skill), "level": row.level, "source": row.source}


@transaction.atomic
def trainee_skill_correct(
    *, trainee_skill: TraineeSkill, by: User, changed: Sequence[str] = ()
) -> TraineeSkill:
    """Center staff add or correct someone's skill (in the admin), validated by its form.

    Logged about the person, and the apps that rank people by skills are told.
    """
    trainee_skill.level = _check_level(trainee_skill.level)
    created = trainee_skill.pk is None
    trainee_skill.save()
    action = "skills.trainee_skill.added" if created else "skills.trainee_skill.corrected"
    log_action(by, action, trainee_skill, {**_audit_data(trainee_skill), "fields": list(changed)})
    trainee_skills_changed([trainee_skill.user_id])
    return trainee_skill


@transaction.atomic
def trainee_skill_remove(*, trainee_skill: TraineeSkill, by: User) -> None:
    """Center staff remove someone's skill (in the admin); logged about the person."""
    log_action(by, "skills.trainee_skill.removed", trainee_skill, _audit_data(trainee_skill))
    user_id = trainee_skill.user_id
    trainee_skill.delete()
    trainee_skills_changed([user_id])
