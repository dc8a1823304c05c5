"""The skills taxonomy that courses, trainees and jobs share, and each trainee's skills."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

LEVEL_MIN, LEVEL_MAX = 1, 5
LEVEL_VALIDATORS = [MinValueValidator(LEVEL_MIN), MaxValueValidator(LEVEL_MAX)]


class SkillLevel(models.IntegerChoices):
    """A five-step proficiency scale, used for declared, verified, taught and required skills."""

    AWARE = 1, _("1 · Basic knowledge")
    GUIDED = 2, _("2 · Works with guidance")
    INDEPENDENT = 3, _("3 · Works independently")
    ADVANCED = 4, _("4 · Advanced")
    EXPERT = 5, _("5 · Can teach others")


class SkillCategory(models.Model):
    """A group of skills, e.g. 디자인, 제조·가공, 감정·품질, 경영·창업."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name (Korean)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name


class Skill(models.Model):
    """One skill. ``industry`` tags skills of one trade; blank means every center may use it."""

    category = models.ForeignKey(
        SkillCategory, on_delete=models.PROTECT, related_name="skills", verbose_name=_("category")
    )
    name = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    # NCS 능력단위 (national competency standard unit) code, e.g. 0802010101_14v2.
    ncs_code = models.CharField(
        _("NCS unit code (능력단위)"),
        max_length=40,
        blank=True,
        help_text=_("The national competency standard unit this skill maps to, if any."),
    )
    ncs_name = models.CharField(_("NCS unit name"), max_length=100, blank=True)
    ncs_level = models.PositiveSmallIntegerField(
        _("NCS level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    industry = models.CharField(
        _("industry tag"),
        max_length=60,
        blank=True,
        db_index=True,
        help_text=_("e.g. 주얼리. Leave blank for skills every industry shares."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["category__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"],
                name="skills_skill_unique_name",
                violation_error_message=_(
                    "A skill with this name already exists in this category."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(ncs_level__isnull=True)
                | models.Q(ncs_level__gte=1, ncs_level__lte=8),
                name="skills_skill_ncs_level_range",
                violation_error_message=_("The NCS level must be between 1 and 8."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name


class TraineeSkill(models.Model):
    """A skill a person has: declared (self-rated) or verified (with evidence, e.g. a 수료증).

    A person may hold both rows for one skill; the verified one wins wherever skills are shown.
    """

    class Source(models.TextChoices):
        DECLARED = "declared", _("Declared")
        VERIFIED = "verified", pgettext_lazy("skill", "Verified")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainee_skills"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="holders")
    level = models.PositiveSmallIntegerField(
        _("level"), choices=SkillLevel.choices, validators=LEVEL_VALIDATORS
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    evidence_label = models.CharField(
        _("evidence"), max_length=200, blank=True, help_text=_("e.g. 주얼리 CAD 2026년 1기 수료")
    )
    # What the evidence is, as data, so each viewer reads it in their own language at display
    # time (skills.evidence.evidence_text): e.g. {"kind": "course_completion", "course_title",
    # "course_title_en", "run_name", "serial", "completed_on"}. ``evidence_label`` is free text
    # for evidence that has no structure (entered by staff).
    evidence = models.JSONField(_("evidence details"), default=dict, blank=True)
    # A generic reference to the evidence, e.g. "certificate:42"; apps to the right own the target.
    evidence_ref = models.CharField(_("evidence reference"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("trainee skill")
        verbose_name_plural = _("trainee skills")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "skill", "source"],
                name="skills_traineeskill_unique",
                violation_error_message=_("This skill is already on the profile."),
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX),
                name="skills_traineeskill_level_range",
                violation_error_message=_("Choose a level from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.skill} · {self.level} ({self.source})"

    @property
    def is_verified(self) -> bool:
        return self.source == self.Source.VERIFIED

    @property
    def evidence_text(self) -> str:
        """The evidence in the active language (built now, never stored as a sentence)."""
        from .evidence import evidence_text

        return evidence_text(self.evidence, self.evidence_label)

    @property
    def audit_subject(self):
        """Whose data this is, for the audit log."""
        return self.user
