"""The sections of a full résumé (이력서): education, work history, licences, languages.

Each row belongs to a job seeker's profile (``JobSeekerProfile``, re-exported with these by
``jobs.models``) and goes with it when the profile is erased. Dates are days; the résumé shows
them as year and month, as a Korean 이력서 does. The rules that need today's date (nothing
finished in the future) live in ``jobs.services.resume``; what holds for any row is a database
constraint with a message in both languages.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ResumeRow(models.Model):
    """What every résumé row has: its profile and an order of its own."""

    profile = models.ForeignKey(
        "jobs.JobSeekerProfile", on_delete=models.CASCADE, related_name="%(class)s_rows"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # A constraint's error belongs next to the field it is about, on the form and in the API.
    CONSTRAINT_FIELDS = {"end_before_start": "end_date", "score_without_test": "test_name"}

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            errors: dict[str, list] = {}
            for key, messages in exc.error_dict.items():
                for error in messages:
                    field = key
                    if key == NON_FIELD_ERRORS:
                        field = self.CONSTRAINT_FIELDS.get(error.code, key)
                    errors.setdefault(field, []).append(error)
            raise ValidationError(errors) from None

    @property
    def audit_subject(self):
        return self.profile.user


class EducationEntry(ResumeRow):
    """One school (학력): high school to doctorate, or a vocational school."""

    class Degree(models.TextChoices):
        HIGH_SCHOOL = "high_school", _("High school")
        ASSOCIATE = "associate", _("Junior college (2–3 years)")
        BACHELOR = "bachelor", _("University (4 years)")
        MASTER = "master", _("Master's")
        DOCTORATE = "doctorate", _("Doctorate")
        OTHER = "other", pgettext_lazy("school kind", "Other school")

    class Status(models.TextChoices):
        GRADUATED = "graduated", pgettext_lazy("education status", "Graduated")  # 졸업
        EXPECTED = "expected", pgettext_lazy("education status", "Graduating")  # 졸업예정
        ENROLLED = "enrolled", pgettext_lazy("education status", "Enrolled")  # 재학
        ON_LEAVE = "on_leave", pgettext_lazy("education status", "On leave")  # 휴학
        COMPLETED = "completed", pgettext_lazy("education status", "Completed coursework")  # 수료
        DROPPED = "dropped", pgettext_lazy("education status", "Left without graduating")  # 중퇴

    # Statuses that describe a school the person is still at: its end may lie ahead.
    ONGOING = (Status.EXPECTED, Status.ENROLLED, Status.ON_LEAVE)

    school = models.CharField(pgettext_lazy("résumé", "school"), max_length=100)
    major = models.CharField(pgettext_lazy("résumé", "major"), max_length=100, blank=True)
    degree = models.CharField(
        pgettext_lazy("résumé", "level"), max_length=16, choices=Degree.choices
    )
    status = models.CharField(
        pgettext_lazy("education", "status"), max_length=16, choices=Status.choices
    )
    start_date = models.DateField(pgettext_lazy("résumé period", "from"))
    end_date = models.DateField(pgettext_lazy("résumé period", "until"), null=True, blank=True)

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="jobs_education_dates_order",
                violation_error_message=_("The end date cannot be before the start date."),
                violation_error_code="end_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} ({self.get_status_display()})"


class WorkExperience(ResumeRow):
    """One job held (경력); no end date while the person still works there."""

    company = models.CharField(pgettext_lazy("résumé", "company"), max_length=100)
    title = models.CharField(pgettext_lazy("résumé", "position"), max_length=100)
    start_date = models.DateField(pgettext_lazy("résumé period", "from"))
    end_date = models.DateField(
        pgettext_lazy("résumé period", "until"),
        null=True,
        blank=True,
        help_text=_("Leave empty if you still work there."),
    )
    duties = models.TextField(pgettext_lazy("résumé", "duties"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="jobs_workexperience_dates_order",
                violation_error_message=_("The end date cannot be before the start date."),
                violation_error_code="end_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.title}"


class License(ResumeRow):
    """A licence or qualification (자격증), e.g. 보석감정기능사 from 한국산업인력공단."""

    name = models.CharField(
        pgettext_lazy("licence", "name"), max_length=100, help_text=_("e.g. 보석감정기능사")
    )
    issuer = models.CharField(
        pgettext_lazy("licence", "issued by"), max_length=100, help_text=_("e.g. 한국산업인력공단")
    )
    acquired_on = models.DateField(pgettext_lazy("licence", "date acquired"))
    number = models.CharField(pgettext_lazy("licence", "licence number"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("licence or qualification")
        verbose_name_plural = _("licences and qualifications")
        ordering = ["-acquired_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} · {self.issuer}"


class LanguageSkill(ResumeRow):
    """A language the person speaks, with a test score when they have one (e.g. TOEIC 850)."""

    class Level(models.TextChoices):
        NATIVE = "native", pgettext_lazy("language level", "Native")
        FLUENT = "fluent", pgettext_lazy("language level", "Fluent")
        BUSINESS = "business", pgettext_lazy("language level", "Business")
        CONVERSATIONAL = "conversational", pgettext_lazy("language level", "Everyday conversation")
        BASIC = "basic", pgettext_lazy("language level", "Basic")

    language = models.CharField(pgettext_lazy("résumé", "language"), max_length=40)
    level = models.CharField(pgettext_lazy("résumé", "level"), max_length=16, choices=Level.choices)
    test_name = models.CharField(
        pgettext_lazy("language test", "test"), max_length=60, blank=True, help_text=_("e.g. TOEIC")
    )
    score = models.CharField(
        pgettext_lazy("language test", "score or grade"), max_length=20, blank=True
    )
    taken_on = models.DateField(pgettext_lazy("language test", "test date"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("résumé", "language")
        verbose_name_plural = _("languages")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score="") | ~Q(test_name=""),
                name="jobs_languageskill_score_has_test",
                violation_error_message=_("Name the test the score is from."),
                violation_error_code="score_without_test",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_level_display()})"
