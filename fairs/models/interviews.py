"""Fair 1:1 interviews: slots representatives publish, bookings, and the request-window draw.

No double booking is the database's rule (migration 0002, PostgreSQL): a
representative's slots never overlap (buffers included), a slot holds at most one
booked interview (a partial unique index, on SQLite too), and an attendee never
holds two overlapping interviews, whichever booths they are at.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .attendance import Registration
from .booth import Booth
from .fair import Fair


class InterviewSlot(models.Model):
    """A time one representative offers for a 1:1 interview."""

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="slots")
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fair_slots"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # The representative's time held, the buffer after included; the exclusion constraint ranges over it.
    blocked_until = models.DateTimeField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")),
                name="fairs_slot_order",
                violation_error_message=_("An interview slot must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=models.F("end")),
                name="fairs_slot_buffer",
                violation_error_message=_("The buffer cannot be negative."),
            ),
        ]
        indexes = [models.Index(fields=["booth", "start"], name="fairs_slot_booth_start")]

    def __str__(self) -> str:
        return f"slot {self.pk} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"


class Interview(models.Model):
    """A booked slot: attendee, representative, time and a room link (or the booth's place)."""

    class Status(models.TextChoices):
        BOOKED = "booked", pgettext_lazy("interview status", "Booked")
        CANCELLED = "cancelled", pgettext_lazy("interview status", "Cancelled")
        HELD = "held", pgettext_lazy("interview status", "Held")
        NO_SHOW = "no_show", pgettext_lazy("interview status", "No-show")

    class Source(models.TextChoices):
        DIRECT = "direct", _("Booked directly")
        DRAW = "draw", _("Assigned by the draw")

    slot = models.ForeignKey(InterviewSlot, on_delete=models.PROTECT, related_name="interviews")
    booth = models.ForeignKey(Booth, on_delete=models.PROTECT, related_name="interviews")
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="interviews"
    )
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fair_interviews"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.DIRECT)
    room_token = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("fair interview")
        verbose_name_plural = _("fair interviews")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")),
                name="fairs_interview_order",
                violation_error_message=_("An interview must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status="booked"),
                name="fairs_interview_one_per_slot",
                violation_error_message=_("This interview time is already taken."),
            ),
        ]
        indexes = [
            models.Index(fields=["attendee", "start"], name="fairs_interview_attendee"),
            models.Index(fields=["booth", "status"], name="fairs_interview_booth"),
        ]

    def __str__(self) -> str:
        return f"interview {self.pk} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    def audit_subject(self):
        return self.attendee


class DrawRequest(models.Model):
    """During the request window an attendee ranks the booths they want an interview with."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="draw_requests"
    )
    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="draw_requests")
    rank = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registration", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "booth"],
                name="fairs_draw_request_booth_once",
                violation_error_message=_("You already asked for this booth in the draw."),
            ),
            models.UniqueConstraint(
                fields=["registration", "rank"],
                name="fairs_draw_request_rank_once",
                violation_error_message=_("You already used this rank for another booth."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} wants {self.booth_id} (#{self.rank})"


class Draw(models.Model):
    """The one draw of a fair: its seed and result, so anyone can rerun it and get the same."""

    fair = models.OneToOneField(Fair, on_delete=models.CASCADE, related_name="draw")
    seed = models.CharField(max_length=40)
    ran_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ran_at = models.DateTimeField()
    # {"order": [attendee ids in draw order], "assigned": {attendee id: [slot ids]}}
    result = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("draw")
        verbose_name_plural = _("draws")

    def __str__(self) -> str:
        return f"draw of fair {self.fair_id} (seed {self.seed})"
