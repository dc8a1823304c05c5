"""The catalog: courses, their runs (기수), class meetings and the skills they teach."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from skills.models import LEVEL_VALIDATORS, Skill, SkillLevel


def _localized(obj, field: str) -> str:
    english = getattr(obj, f"{field}_en", "")
    return english if get_language() == "en" and english else getattr(obj, field)


class CourseCategory(models.Model):
    """A kind of course, e.g. 디자인, 제조 실무, 감정, 창업·협동조합, 마케팅."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name (Korean)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("course category")
        verbose_name_plural = _("course categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return _localized(self, "name")


class Course(models.Model):
    """A course a center offers. Its runs (cohorts) carry dates, seats and enrollments."""

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    center = models.ForeignKey(
        "accounts.Center",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("center"),
    )
    category = models.ForeignKey(
        CourseCategory, on_delete=models.PROTECT, related_name="courses", verbose_name=_("category")
    )
    title = models.CharField(_("title (Korean)"), max_length=150)
    title_en = models.CharField(_("title (English)"), max_length=150, blank=True)
    summary = models.CharField(_("summary (Korean)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Markdown. Links and formatting are kept; scripts are removed."),
    )
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, default=Level.BEGINNER
    )
    total_hours = models.PositiveSmallIntegerField(
        _("total hours"),
        validators=[MinValueValidator(1)],
        help_text=_("Training hours of one run."),
    )
    fee = models.PositiveIntegerField(_("fee (KRW)"), default=0, help_text=_("0 for free courses."))
    subsidy_note = models.CharField(
        _("subsidy note"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 국민내일배움카드 사용 가능"),
    )
    image = models.ImageField(_("image"), upload_to="courses/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    skills = models.ManyToManyField(
        Skill,
        through="CourseSkill",
        related_name="courses",
        blank=True,
        verbose_name=_("skills taught"),
    )
    prerequisite_courses = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="unlocks",
        verbose_name=_("prerequisite courses"),
    )
    prerequisite_skills = models.ManyToManyField(
        Skill, blank=True, related_name="required_by_courses", verbose_name=_("prerequisite skills")
    )
    prerequisite_note = models.CharField(_("prerequisites (free text)"), max_length=300, blank=True)
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="courses_taught",
        verbose_name=_("instructors"),
    )
    # Completion rule: attendance (late and early leave count half) and, optionally, a pass mark.
    completion_min_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Leave blank when the course has no assessment."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["center", "category__sort_order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_hours__gt=0),
                name="courses_course_hours_positive",
                violation_error_message=_("Total hours must be more than zero."),
            ),
            models.CheckConstraint(
                condition=models.Q(completion_min_attendance__lte=100),
                name="courses_course_min_attendance_range",
                violation_error_message=_("The minimum attendance is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return _localized(self, "title")

    @property
    def display_summary(self) -> str:
        return _localized(self, "summary")


class CourseSkill(models.Model):
    """A skill a course teaches, and the level a completer reaches."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="course_skills")
    level = models.PositiveSmallIntegerField(
        _("level reached"), choices=SkillLevel.choices, validators=LEVEL_VALIDATORS, default=2
    )

    class Meta:
        verbose_name = _("skill taught")
        verbose_name_plural = _("skills taught")
        ordering = ["skill__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "skill"],
                name="courses_courseskill_unique",
                violation_error_message=_("This skill is already listed for the course."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} → {self.skill} ({self.level})"


class CourseRun(models.Model):
    """One run (cohort, 기수) of a course. This row is the lock for its seats."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", pgettext_lazy("course run status", "Completed")

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="runs", verbose_name=_("course")
    )
    name = models.CharField(_("name"), max_length=80, blank=True, help_text=_("e.g. 2026년 1기"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online class link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    enrollment_opens_at = models.DateTimeField(_("enrollment opens"))
    enrollment_closes_at = models.DateTimeField(_("enrollment closes"))
    is_screened = models.BooleanField(
        _("applications screened"),
        default=False,
        help_text=_("Applicants answer questions and wait for staff approval."),
    )
    application_questions = models.TextField(
        _("application questions"),
        blank=True,
        help_text=_("One question per line, for screened runs."),
    )
    waitlist_enabled = models.BooleanField(_("waitlist"), default=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course run")
        verbose_name_plural = _("course runs")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="courses_run_ends_after_start",
                violation_error_message=_("The run cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(enrollment_closes_at__gte=models.F("enrollment_opens_at")),
                name="courses_run_window_order",
                violation_error_message=_("Enrollment must close after it opens."),
            ),
        ]

    def __str__(self) -> str:
        label = self.name or f"{self.starts_on:%Y-%m-%d}"
        return f"{self.course} · {label}"

    @property
    def display_name(self) -> str:
        return self.name or f"{self.starts_on:%Y.%m.%d} – {self.ends_on:%Y.%m.%d}"

    @property
    def questions(self) -> list[str]:
        return [q.strip() for q in self.application_questions.splitlines() if q.strip()]

    def enrollment_is_open(self, now: dt.datetime | None = None) -> bool:
        """Open for new enrollments: scheduled, published, inside the window and not started."""
        now = now or timezone.now()
        return (
            self.status == self.Status.SCHEDULED
            and self.course.is_published
            and self.enrollment_opens_at <= now <= self.enrollment_closes_at
            and self.starts_on > timezone.localdate(now)
        )

    @property
    def is_past(self) -> bool:
        return self.ends_on < timezone.localdate()


class ClassMeeting(models.Model):
    """One class session of a run (수업 일정); attendance is taken per meeting."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("class meeting")
        verbose_name_plural = _("class meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="courses_meeting_ends_after_start",
                violation_error_message=_("A class must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600
