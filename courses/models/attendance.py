"""Attendance per class meeting and completion (출석·수료 판정)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .catalog import ClassMeeting
from .enrollment import Enrollment

__all__ = ["Attendance", "Completion"]


class Attendance(models.Model):
    """One trainee's attendance at one class meeting (출결).

    As in Korean vocational training (HRD-Net), late arrival (지각) and early leave
    (조퇴) count as half a meeting attended; absence (결석) counts nothing.
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EARLY_LEAVE = "early_leave", _("Left early")
        ABSENT = "absent", _("Absent")

    # Share of a meeting that each status counts for.
    WEIGHTS = {
        Status.PRESENT: Decimal("1"),
        Status.LATE: Decimal("0.5"),
        Status.EARLY_LEAVE: Decimal("0.5"),
        Status.ABSENT: Decimal("0"),
    }

    meeting = models.ForeignKey(
        ClassMeeting,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("class meeting"),
    )
    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("enrollment"),
    )
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        ordering = ["meeting__starts_at", "enrollment_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "enrollment"],
                name="courses_attendance_unique",
                violation_error_message=_("Attendance for this class is already recorded."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["present", "late", "early_leave", "absent"]),
                name="courses_attendance_status_valid",
                violation_error_message=_("Choose one of the attendance marks."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.enrollment.user}"

    @property
    def audit_subject(self):
        """Whose data this is, for the audit log (core.audit)."""
        return self.enrollment.user

    @property
    def weight(self) -> Decimal:
        return self.WEIGHTS[self.Status(self.status)]


class Completion(models.Model):
    """The completion decision (수료 판정) for one enrollment, and the score it rests on."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not evaluated yet")
        COMPLETED = "completed", pgettext_lazy("course completion", "Completed")
        NOT_COMPLETED = "not_completed", _("Not completed")

    enrollment = models.OneToOneField(
        Enrollment,
        on_delete=models.CASCADE,
        related_name="completion",
        verbose_name=_("enrollment"),
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("0–100, for courses with a pass mark."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attendance_rate = models.DecimalField(
        _("attendance rate (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    hours_attended = models.DecimalField(
        _("hours attended"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=100),
                name="courses_completion_score_range",
                violation_error_message=_("The score is from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.enrollment)

    @property
    def audit_subject(self):
        """Whose data this is, for the audit log (core.audit)."""
        return self.enrollment.user

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED
