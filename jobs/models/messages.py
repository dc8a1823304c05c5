"""Messages between a company and a candidate: a thread per application or per accepted
contact request, its messages (with an optional checked attachment), who read what, and
abuse reports.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Center, Company

MAX_BODY_CHARS = 5000


def _private_storage():
    return storages["private"]


def _attachment_path(instance, filename: str) -> str:
    # The stored name is random: the uploaded name never reaches the file system.
    return f"messages/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class Side(models.TextChoices):
    COMPANY = "company", pgettext_lazy("message side", "Company")
    CANDIDATE = "candidate", pgettext_lazy("message side", "Candidate")


class Thread(models.Model):
    """The conversation between a company and one candidate about one application or one
    accepted contact request (exactly one of the two)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="threads")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_threads"
    )
    application = models.OneToOneField(
        "jobs.Application", on_delete=models.CASCADE, null=True, blank=True, related_name="thread"
    )
    contact_request = models.OneToOneField(
        "jobs.ContactRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thread",
    )
    # Whose staff may open the thread once it is reported: the posting's center (for a contact
    # request without a posting, the company's first center).
    center = models.ForeignKey(
        Center, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message thread")
        verbose_name_plural = _("message threads")
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(application__isnull=False, contact_request__isnull=True)
                | Q(application__isnull=True, contact_request__isnull=False),
                name="jobs_thread_one_subject",
                violation_error_message=_(
                    "A conversation belongs to one application or one contact request."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["candidate", "-last_message_at"], name="jobs_thread_candidate"),
            models.Index(fields=["company", "-last_message_at"], name="jobs_thread_company"),
            models.Index(
                fields=["center", "-reported_at"],
                name="jobs_thread_reported",
                condition=Q(reported_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_id} ↔ {self.candidate_id}"

    @property
    def subject_title(self) -> str:
        """What the conversation is about: the posting's title, or the contact request."""
        if self.application_id:
            return self.application.posting.title
        posting = self.contact_request.posting
        return posting.title if posting else str(_("Contact request"))


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    body = models.TextField(_("message"), max_length=MAX_BODY_CHARS, blank=True)
    attachment = models.FileField(
        _("attachment"),
        upload_to=_attachment_path,
        storage=_private_storage,
        blank=True,
        max_length=200,
    )
    attachment_name = models.CharField(max_length=120, blank=True)
    attachment_content_type = models.CharField(max_length=100, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"], name="jobs_message_thread")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(body="") | ~Q(attachment=""),
                name="jobs_message_not_empty",
                violation_error_message=_("Write a message or attach a file."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}: {self.side} {self.created_at:%Y-%m-%d %H:%M}"


class ThreadParticipant(models.Model):
    """One person's state in a thread: what they read, and their batched email.

    ``notify_due_at`` is set when a message arrives and no email is pending; the task that
    sends it claims the row under a lock, so at most one email per person and thread leaves
    per hour (``emailed_at``) however many messages, workers or retries there are.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_states"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    last_read_at = models.DateTimeField(null=True, blank=True)
    notify_due_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "user"],
                name="jobs_threadparticipant_once",
                violation_error_message=_("This person already takes part in the conversation."),
            )
        ]
        indexes = [
            models.Index(
                fields=["notify_due_at"],
                name="jobs_threadparticipant_due",
                condition=Q(notify_due_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} · {self.user_id}"


class ThreadReport(models.Model):
    """Someone in a thread reports it for abuse: the center's staff may then read it."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    reason = models.TextField(_("what happened"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "reporter"],
                name="jobs_threadreport_once",
                violation_error_message=_("You have already reported this conversation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} · {self.created_at:%Y-%m-%d}"
