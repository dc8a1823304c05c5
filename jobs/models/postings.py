"""Postings and the skills they ask for."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.districts import District
from accounts.models import Center, Company
from skills.models import LEVEL_VALIDATORS, Skill, SkillLevel

from .choices import Education, EmploymentType, ExperienceLevel, WorkMode


class Posting(models.Model):
    """A job posting (채용공고). Public only while published and its company is verified."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("posting status", "Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="postings")
    # The center whose staff review the posting: one its company is registered with (set by the
    # services; empty only on postings older than centers owning their moderation).
    center = models.ForeignKey(
        Center,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="postings",
        verbose_name=_("center"),
        help_text=_("The center that reviews this posting: one your company is registered with."),
    )
    title = models.CharField(_("job title"), max_length=120)
    description = models.TextField(_("description"), max_length=20000, help_text=_("Markdown."))
    duties = models.TextField(_("duties"), max_length=5000, blank=True)
    employment_type = models.CharField(
        _("employment type"),
        max_length=16,
        choices=EmploymentType.choices,
        default=EmploymentType.FULL_TIME,
    )
    experience_level = models.CharField(
        _("experience"), max_length=16, choices=ExperienceLevel.choices, default=ExperienceLevel.ANY
    )
    education = models.CharField(
        _("education"), max_length=16, choices=Education.choices, default=Education.ANY
    )
    district = models.CharField(
        _("district"), max_length=16, choices=District.choices, default=District.JONGNO
    )
    address = models.CharField(_("workplace address"), max_length=200, blank=True)
    work_mode = models.CharField(
        _("work mode"), max_length=8, choices=WorkMode.choices, default=WorkMode.ONSITE
    )
    # Annual salary in KRW; both empty means "회사 내규에 따름" (per company policy).
    salary_min = models.PositiveBigIntegerField(
        _("minimum annual salary (KRW)"), null=True, blank=True
    )
    salary_max = models.PositiveBigIntegerField(
        _("maximum annual salary (KRW)"), null=True, blank=True
    )
    work_hours = models.CharField(
        _("work hours"), max_length=100, blank=True, help_text=_("e.g. 09:00–18:00, Mon–Fri")
    )
    openings = models.PositiveSmallIntegerField(
        _("openings"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    deadline = models.DateField(
        _("application deadline"), null=True, blank=True, help_text=_("Empty: open until filled.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.CharField(_("reason for return"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # For the "still hiring?" reminder: the last time an applicant or the employer did something.
    last_activity_at = models.DateTimeField(default=timezone.now)
    still_hiring_sent_at = models.DateTimeField(null=True, blank=True)

    # What the company writes (the form, the API and the services accept these, nothing else).
    CONTENT_FIELDS = (
        "center", "title", "description", "duties", "employment_type", "experience_level", "education",
        "district", "address", "work_mode", "salary_min", "salary_max", "work_hours",
        "openings", "deadline",
    )  # fmt: skip

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="jobs_posting_status_pub"),
            models.Index(fields=["status", "deadline"], name="jobs_posting_status_deadline"),
            models.Index(fields=["company", "status"], name="jobs_posting_company_status"),
            models.Index(fields=["center", "status"], name="jobs_posting_center_status"),
            # The public list's three orders (core.keyset walks them from a cursor), over
            # published rows only; the newest-first one carries what the list filters on, so
            # its bounded count needs no table rows.
            models.Index(
                fields=["-published_at", "-id"],
                name="jobs_posting_pub_newest",
                condition=models.Q(status="published"),
                include=["company", "deadline"],
            ),
            models.Index(
                models.F("deadline").asc(nulls_last=True),
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="jobs_posting_pub_deadline",
                condition=models.Q(status="published"),
            ),
            models.Index(
                models.F("salary_max").desc(nulls_last=True),
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="jobs_posting_pub_salary",
                condition=models.Q(status="published"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="jobs_posting_salary_order",
                violation_error_message=_("The maximum salary cannot be below the minimum."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.deadline is None or self.deadline >= timezone.localdate()
        )

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def salary_by_policy(self) -> bool:
        return self.salary_min is None and self.salary_max is None

    @cached_property
    def required_skills(self) -> list[PostingSkill]:
        return [ps for ps in self.posting_skills.all() if ps.kind == PostingSkill.Kind.REQUIRED]

    @cached_property
    def preferred_skills(self) -> list[PostingSkill]:
        return [ps for ps in self.posting_skills.all() if ps.kind == PostingSkill.Kind.PREFERRED]


class PostingSkill(models.Model):
    """A skill a posting requires (with a minimum level) or prefers.

    Rows carry a copy of what matching filters and scores on (open flag, district, employment
    type, work mode, salary and the posting's total weight), so a trainee's candidate postings
    are found and ranked from this one indexed table without touching ``Posting``.
    The copy is refreshed by ``services.posting_sync_match_rows`` on every posting write.
    """

    class Kind(models.TextChoices):
        REQUIRED = "required", _("Required")
        PREFERRED = "preferred", _("Preferred")

    WEIGHTS = {Kind.REQUIRED: 3, Kind.PREFERRED: 1}

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="posting_skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="posting_skills")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REQUIRED)
    min_level = models.PositiveSmallIntegerField(
        _("minimum level"),
        choices=SkillLevel.choices,
        validators=LEVEL_VALIDATORS,
        default=SkillLevel.GUIDED,
    )
    weight = models.PositiveSmallIntegerField(default=3)
    # denormalized from the posting (see the class docstring)
    is_open = models.BooleanField(default=False)
    weight_total = models.PositiveIntegerField(default=1)
    district = models.CharField(max_length=16, blank=True)
    employment_type = models.CharField(max_length=16, blank=True)
    work_mode = models.CharField(max_length=8, blank=True)
    salary_max = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("posting skill")
        verbose_name_plural = _("posting skills")
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "skill"],
                name="jobs_postingskill_unique",
                violation_error_message=_("Each skill can be listed only once per posting."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_level__gte=1, min_level__lte=5),
                name="jobs_postingskill_level_range",
                violation_error_message=_("Choose a level from 1 to 5."),
            ),
        ]
        indexes = [
            # candidate generation: open postings that ask for one of these skills
            # (made covering on PostgreSQL by migration 0002, so the aggregate reads the index only)
            models.Index(
                fields=["skill", "posting"],
                condition=models.Q(is_open=True),
                name="jobs_postingskill_open_skill",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.posting_id} · {self.skill_id} ({self.kind} ≥ {self.min_level})"
