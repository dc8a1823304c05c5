"""The walk-in queue and conversations: state lives here; the WebSocket only says "look again"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .attendance import Registration
from .booth import Booth

MAX_MESSAGE_LENGTH = 2000


class QueueEntry(models.Model):
    """A place in one booth's queue. An attendee may wait at several booths at once."""

    class Status(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("queue", "Waiting")
        CALLED = "called", pgettext_lazy("queue", "Called")
        TALKING = "talking", pgettext_lazy("queue", "In conversation")
        DONE = "done", pgettext_lazy("queue", "Done")
        LEFT = "left", pgettext_lazy("queue", "Left")
        MISSED = "missed", pgettext_lazy("queue", "Removed after two missed calls")

    ACTIVE = (Status.WAITING, Status.CALLED, Status.TALKING)

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="queue_entries")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="queue_entries"
    )
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fair_queue_entries"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING)
    # Queue order; a missed call swaps it with the next person's (moved back one place).
    order_key = models.BigIntegerField()
    joined_at = models.DateTimeField()
    called_at = models.DateTimeField(null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer_by = models.DateTimeField(null=True, blank=True)
    misses = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("queue entry")
        verbose_name_plural = _("queue entries")
        ordering = ["booth", "order_key"]
        constraints = [
            # One place per booth at a time.
            models.UniqueConstraint(
                fields=["booth", "attendee"],
                condition=Q(status__in=["waiting", "called", "talking"]),
                name="fairs_queue_one_place_per_booth",
                violation_error_message=_("You are already in this booth's queue."),
            ),
            # Never called to two booths at once: the second call skips them instead.
            models.UniqueConstraint(
                fields=["attendee"],
                condition=Q(status="called"),
                name="fairs_queue_one_call_at_a_time",
                violation_error_message=_("This booth is already calling someone."),
            ),
        ]
        indexes = [models.Index(fields=["booth", "status", "order_key"], name="fairs_queue_order")]

    def __str__(self) -> str:
        return f"{self.attendee_id} in queue {self.booth_id} ({self.status})"

    def audit_subject(self):
        return self.attendee


class Conversation(models.Model):
    """A walk-in text chat between an attendee and a representative; no timer, the representative ends it."""

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("conversation", "In progress")
        ENDED = "ended", pgettext_lazy("conversation", "Ended")

    class NextStep(models.TextChoices):
        INTERVIEW = "interview", pgettext_lazy("next step", "Interview")
        SCREEN = "screen", pgettext_lazy("next step", "Screen")
        PIPELINE = "pipeline", pgettext_lazy("next step", "Keep in pipeline")
        NOT_A_FIT = "not_a_fit", pgettext_lazy("next step", "Not a fit")

    booth = models.ForeignKey(Booth, on_delete=models.PROTECT, related_name="conversations")
    queue_entry = models.OneToOneField(
        QueueEntry, on_delete=models.PROTECT, related_name="conversation"
    )
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fair_conversations"
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fair_conversations_led"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    room_token = models.CharField(max_length=40, blank=True)
    next_step = models.CharField(
        _("next step"), max_length=10, choices=NextStep.choices, blank=True
    )
    next_step_note = models.TextField(_("note"), blank=True, max_length=2000)
    next_step_at = models.DateTimeField(null=True, blank=True)
    posting = models.ForeignKey(
        "jobs.Posting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    application = models.ForeignKey(
        "jobs.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-started_at"]
        constraints = [
            # Never in two conversations at once, on either side.
            models.UniqueConstraint(
                fields=["attendee"],
                condition=Q(status="active"),
                name="fairs_conversation_attendee_one_active",
                violation_error_message=_("You are already in a conversation."),
            ),
            models.UniqueConstraint(
                fields=["representative"],
                condition=Q(status="active"),
                name="fairs_conversation_rep_one_active",
                violation_error_message=_("This representative is already in a conversation."),
            ),
        ]
        indexes = [models.Index(fields=["booth", "status"], name="fairs_conversation_booth")]

    def __str__(self) -> str:
        return f"conversation {self.pk}"

    def audit_subject(self):
        return self.attendee

    @property
    def length_seconds(self) -> int | None:
        if self.ended_at is None:
            return None
        return int((self.ended_at - self.started_at).total_seconds())


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(max_length=MAX_MESSAGE_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"message {self.pk}"
