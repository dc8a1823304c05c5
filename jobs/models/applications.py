"""Applications, their history and notes, résumé access and contact requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Company
from core.validators import seoul_today

from .files import _private_storage, _resume_path
from .hiring import Interview, Offer
from .postings import Posting


class Application(models.Model):
    """A trainee's application to a posting; one per trainee per posting."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
        SCREENING = "screening", _("Screening")
        INTERVIEW = "interview", _("Interview")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    FINAL = (Status.HIRED, Status.REJECTED, Status.WITHDRAWN)
    BOARD = (
        Status.SUBMITTED,
        Status.SCREENING,
        Status.INTERVIEW,
        Status.OFFER,
        Status.HIRED,
        Status.REJECTED,
    )

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    cover_letter = models.TextField(_("cover letter"), max_length=5000, blank=True)
    use_platform_resume = models.BooleanField(_("include my platform résumé"), default=True)
    resume_file = models.FileField(
        _("résumé file"),
        upload_to=_resume_path,
        storage=_private_storage,
        blank=True,
        max_length=200,
    )
    resume_filename = models.CharField(_("file name"), max_length=120, blank=True)
    resume_content_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "applicant"],
                name="jobs_application_once",
                violation_error_message=_("You have already applied to this posting."),
            ),
        ]
        indexes = [models.Index(fields=["posting", "status"], name="jobs_application_board")]

    def __str__(self) -> str:
        return f"{self.applicant_id} → {self.posting_id} ({self.status})"

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL


class ApplicationEvent(models.Model):
    """One step of an application's history, shown to the trainee and the employer.

    A pipeline move (``kind`` "status") or a step of an interview or offer; ``detail`` keeps
    what the step said at that moment (times, place, reason), since the interview or offer
    itself moves on.
    """

    class Kind(models.TextChoices):
        STATUS = "status", pgettext_lazy("timeline", "Stage changed")
        INTERVIEW_PROPOSED = (
            "interview_proposed",
            pgettext_lazy("timeline", "Interview times proposed"),
        )
        INTERVIEW_TIMES_REQUESTED = (
            "interview_times_requested",
            pgettext_lazy("timeline", "Other interview times requested"),
        )
        INTERVIEW_CONFIRMED = (
            "interview_confirmed",
            pgettext_lazy("timeline", "Interview time picked"),
        )
        INTERVIEW_RESCHEDULED = (
            "interview_rescheduled",
            pgettext_lazy("timeline", "Interview rescheduled"),
        )
        INTERVIEW_CANCELLED = (
            "interview_cancelled",
            pgettext_lazy("timeline", "Interview cancelled"),
        )
        INTERVIEW_HELD = "interview_held", pgettext_lazy("timeline", "Interview held")
        INTERVIEW_NO_SHOW = "interview_no_show", pgettext_lazy("timeline", "Interview no-show")
        OFFER_MADE = "offer_made", pgettext_lazy("timeline", "Offer made")
        OFFER_ACCEPTED = "offer_accepted", pgettext_lazy("timeline", "Offer accepted")
        OFFER_DECLINED = "offer_declined", pgettext_lazy("timeline", "Offer declined")
        OFFER_WITHDRAWN = "offer_withdrawn", pgettext_lazy("timeline", "Offer withdrawn")
        OFFER_LAPSED = "offer_lapsed", pgettext_lazy("timeline", "Offer lapsed")
        HIRE_RECORDED = "hire_recorded", pgettext_lazy("timeline", "Hire recorded by the center")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.STATUS)
    from_status = models.CharField(max_length=12, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Application.Status.choices, blank=True)
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    detail = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class EmployerNote(models.Model):
    """A private note by the company's members about an application; never shown to the trainee."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.body[:40]}"


class ResumeAccess(models.Model):
    """Who saw or downloaded a trainee's résumé, when, and which one (visible to the trainee)."""

    class Kind(models.TextChoices):
        FILE = "file", _("Uploaded file downloaded")
        PDF = "pdf", _("Platform résumé PDF downloaded")
        PROFILE = "profile", _("Profile viewed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume_accesses"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # The day in Seoul: a profile view counts once per viewer and day; downloads always count.
    day = models.DateField(default=seoul_today)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="jobs_resumeaccess_owner")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "viewer", "day"],
                condition=models.Q(kind="profile"),
                name="jobs_resumeaccess_one_profile_view_a_day",
                violation_error_message=_("This profile view is already recorded for today."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} ← {self.viewer_id} ({self.kind})"


class ContactRequest(models.Model):
    """An employer asks a discoverable trainee for their contact details."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contact_requests")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_requests"
    )
    posting = models.ForeignKey(
        Posting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "trainee"],
                name="jobs_contactrequest_once",
                violation_error_message=_("Your company has already sent this person a request."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_id} → {self.trainee_id} ({self.status})"
