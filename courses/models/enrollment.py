"""Enrollments: confirmed seats, the waitlist, seat offers and screened applications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalog import CourseRun


class Enrollment(models.Model):
    """A person's place in a run. Seats are counted under a lock on the run row (see services)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Application under review")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        OFFERED = "offered", _("Seat offered")
        DECLINED = "declined", _("Offer declined")
        EXPIRED = "expired", _("Offer expired")
        REJECTED = "rejected", _("Application declined")
        CANCELLED = "cancelled", _("Cancelled")
        MOVED = "moved", _("Moved to another run")

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="enrollments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # 1 is the head of the waitlist; set only while waitlisted, renumbered when someone leaves.
    waitlist_position = models.IntegerField(_("waitlist position"), null=True, blank=True)
    answers = models.JSONField(_("application answers"), default=dict, blank=True)
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.CharField(_("note"), max_length=300, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    moved_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="moved_from"
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["run", "created_at"]
        constraints = [
            # At most one active enrollment per person per run.
            models.UniqueConstraint(
                fields=["run", "user"],
                condition=models.Q(status__in=["pending", "confirmed", "waitlisted", "offered"]),
                name="courses_enrollment_one_active",
                violation_error_message=_("You already have a place in this run."),
            ),
            # Waitlist positions are distinct within a run.
            models.UniqueConstraint(
                fields=["run", "waitlist_position"],
                condition=models.Q(status="waitlisted"),
                name="courses_enrollment_unique_position",
                violation_error_message=_("Two people cannot hold the same waitlist position."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="waitlisted", waitlist_position__isnull=False)
                | (~models.Q(status="waitlisted") & models.Q(waitlist_position__isnull=True)),
                name="courses_enrollment_position_iff_waitlisted",
                violation_error_message=_("Only a waitlisted enrollment has a waitlist position."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="offered") | models.Q(offer_expires_at__isnull=False),
                name="courses_enrollment_offer_has_expiry",
                violation_error_message=_("An offered seat needs a deadline to answer."),
            ),
        ]
        indexes = [
            models.Index(fields=["run", "status"], name="courses_enr_run_status"),
            models.Index(fields=["status", "offer_expires_at"], name="courses_enr_offer_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.run} · {self.user}"

    @property
    def audit_subject(self):
        """Whose data this is, for the audit log (core.audit)."""
        return self.user

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES


# Statuses that count as "in" the run (one per person per run).
ACTIVE_STATUSES = (
    Enrollment.Status.PENDING,
    Enrollment.Status.CONFIRMED,
    Enrollment.Status.WAITLISTED,
    Enrollment.Status.OFFERED,
)
# Statuses that take a seat: an outstanding offer holds the seat until answered or expired.
SEAT_STATUSES = (Enrollment.Status.CONFIRMED, Enrollment.Status.OFFERED)
