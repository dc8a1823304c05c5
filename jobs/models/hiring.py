"""The end of the hiring loop: interviews with their proposed times, offers, and employments.

References to the other modules' models are by name; the employment types are read lazily
(``_employment_types``, which a migration names).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Company
from core.ics import SEOUL
from core.video import room_url


def _employment_types():
    from .choices import EmploymentType

    return EmploymentType.choices


class Interview(models.Model):
    """One interview in an application: the employer proposes times, the candidate picks one.

    Only a confirmed interview holds time. On PostgreSQL two exclusion constraints (migration
    ``0006_interviews``) keep an interviewer's and a candidate's confirmed
    interviews from overlapping; the services lock both people and recount first.
    """

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", pgettext_lazy("interview mode", "In person")
        PHONE = "phone", pgettext_lazy("interview mode", "Phone")
        VIDEO = "video", pgettext_lazy("interview mode", "Video")

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("interview status", "Time to be picked")
        OTHER_TIMES = "other_times", pgettext_lazy("interview status", "Other times requested")
        CONFIRMED = "confirmed", pgettext_lazy("interview status", "Confirmed")
        CANCELLED = "cancelled", pgettext_lazy("interview status", "Cancelled")
        HELD = "held", pgettext_lazy("interview status", "Held")
        NO_SHOW = "no_show", pgettext_lazy("interview status", "No-show")

    # Not yet settled: at most one such interview per application.
    OPEN = (Status.PROPOSED, Status.OTHER_TIMES, Status.CONFIRMED)

    application = models.ForeignKey(
        "jobs.Application", on_delete=models.CASCADE, related_name="interviews"
    )
    # The applicant, copied so the candidate's exclusion constraint reads one table.
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="interviews_to_give",
        verbose_name=_("interviewer"),
    )
    mode = models.CharField(
        pgettext_lazy("interview", "format"), max_length=12, choices=Mode.choices
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(
        _("phone number we call from"),
        max_length=20,
        blank=True,
        help_text=_("The company calls the candidate's mobile number."),
    )
    room_token = models.CharField(max_length=40, blank=True, editable=False)
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    note = models.TextField(_("note for the candidate"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    # The picked time: empty until the candidate picks one; kept after a cancellation or a
    # reschedule (so calendars can drop it) until the next pick replaces it.
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    candidate_note = models.TextField(_("candidate's note"), max_length=1000, blank=True)
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Bumped on every change a calendar should notice (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminder_24h_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_1h_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True) | Q(start__lt=models.F("end")),
                name="jobs_interview_order",
                violation_error_message=_("An interview ends after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["confirmed", "held", "no_show"]) | Q(start__isnull=False),
                name="jobs_interview_confirmed_has_time",
                violation_error_message=_("A confirmed interview needs its time."),
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15, duration_minutes__lte=240),
                name="jobs_interview_duration_range",
                violation_error_message=_("An interview lasts 15 minutes to 4 hours."),
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=["proposed", "other_times", "confirmed"]),
                name="jobs_interview_one_open_per_application",
                violation_error_message=_("This application already has an open interview."),
            ),
        ]
        indexes = [
            models.Index(fields=["candidate", "start"], name="jobs_interview_candidate"),
            models.Index(fields=["interviewer", "start"], name="jobs_interview_interviewer"),
            models.Index(fields=["status", "start"], name="jobs_interview_status_start"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.application_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def awaits_new_times(self) -> bool:
        """The candidate asked for other times: the company's move."""
        return self.status == self.Status.OTHER_TIMES

    @property
    def has_started(self) -> bool:
        return self.start is not None and self.start <= timezone.now()

    @property
    def video_url(self) -> str:
        return room_url(self.room_token) if self.room_token else ""

    @property
    def place(self) -> str:
        """Where it happens, as both sides read it: the address, the phone number or the link."""
        if self.mode == self.Mode.IN_PERSON:
            return self.address
        if self.mode == self.Mode.VIDEO:
            return self.video_url
        return self.phone

    @property
    def audit_subject(self):
        """Whose data an interview is, for the audit log: the candidate's."""
        return self.candidate


class InterviewSlot(models.Model):
    """A time the employer proposed; the candidate picks one of the current ones."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")),
                name="jobs_interviewslot_order",
                violation_error_message=_("A proposed time ends after it starts."),
            ),
            models.UniqueConstraint(
                fields=["interview", "start"],
                name="jobs_interviewslot_once",
                violation_error_message=_("That time is already proposed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.interview_id} @ {timezone.localtime(self.start):%Y-%m-%d %H:%M}"


class Offer(models.Model):
    """A job offer to an applicant. Only an accepted offer (or staff) makes an application 취업."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("offer status", "Waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("offer status", "Accepted")
        DECLINED = "declined", pgettext_lazy("offer status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("offer status", "Withdrawn")
        LAPSED = "lapsed", pgettext_lazy("offer status", "Lapsed")

    application = models.ForeignKey(
        "jobs.Application", on_delete=models.CASCADE, related_name="offers"
    )
    position = models.CharField(pgettext_lazy("job", "position"), max_length=120)
    start_date = models.DateField(_("start date"))
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=_employment_types
    )
    salary = models.PositiveBigIntegerField(_("annual salary (KRW)"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    # The end of the expiry day in Korea (exclusive): open while now < expires_at.
    expires_at = models.DateTimeField(_("answer by"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    lapse_warning_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("job offer")
        verbose_name_plural = _("job offers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status="open"),
                name="jobs_offer_one_open_per_application",
                violation_error_message=_("This application already has an open offer."),
            ),
            models.CheckConstraint(
                condition=Q(salary__gt=0),
                name="jobs_offer_salary_positive",
                violation_error_message=_("Enter the annual salary in won."),
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"], name="jobs_offer_status_expiry")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.position} ({self.status})"

    @property
    def expires_on(self):
        """The last day to answer, in Korea."""
        return (self.expires_at.astimezone(SEOUL) - timedelta(microseconds=1)).date()

    def is_answerable(self, now=None) -> bool:
        return self.status == self.Status.OPEN and (now or timezone.now()) < self.expires_at

    @property
    def audit_subject(self):
        return self.application.applicant


class SalaryBand(models.TextChoices):
    """Annual salary bands for outcome reports (a band, never the figure, leaves the company)."""

    UNDER_25M = "under_25m", _("Under 25 million won")
    FROM_25M = "25m_30m", _("25–30 million won")
    FROM_30M = "30m_35m", _("30–35 million won")
    FROM_35M = "35m_40m", _("35–40 million won")
    FROM_40M = "40m_50m", _("40–50 million won")
    FROM_50M = "50m_plus", _("50 million won or more")
    UNKNOWN = "unknown", _("Not disclosed")

    @classmethod
    def for_salary(cls, salary: int | None) -> str:
        if not salary:
            return cls.UNKNOWN
        for limit, band in (
            (25_000_000, cls.UNDER_25M),
            (30_000_000, cls.FROM_25M),
            (35_000_000, cls.FROM_30M),
            (40_000_000, cls.FROM_35M),
            (50_000_000, cls.FROM_40M),
        ):
            if salary < limit:
                return band
        return cls.FROM_50M


class Employment(models.Model):
    """A person's job, as outcome reports count it: from an accepted offer, staff, or the person.

    One per application. Issue 13 (outcomes) adds self-reported jobs found elsewhere (then
    ``company`` may be empty and ``company_name`` / ``company_brn`` say who) and follow-ups.
    """

    class Source(models.TextChoices):
        OFFER = "offer", _("Accepted offer")
        STAFF = "staff", _("Recorded by center staff")
        SELF_REPORTED = "self_reported", _("Reported by the person")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employments"
    )
    company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="employments"
    )
    company_name = models.CharField(_("company name"), max_length=120)
    company_brn = models.CharField(_("사업자등록번호"), max_length=12, blank=True)
    posting = models.ForeignKey(
        "jobs.Posting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    application = models.OneToOneField(
        "jobs.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employment",
    )
    offer = models.OneToOneField(
        Offer, on_delete=models.SET_NULL, null=True, blank=True, related_name="employment"
    )
    position = models.CharField(pgettext_lazy("job", "position"), max_length=120)
    start_date = models.DateField(_("start date"))
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=_employment_types
    )
    salary_band = models.CharField(
        _("salary band"), max_length=12, choices=SalaryBand.choices, default=SalaryBand.UNKNOWN
    )
    source = models.CharField(
        pgettext_lazy("employment", "source"), max_length=16, choices=Source.choices
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["start_date"], name="jobs_employment_start"),
            models.Index(fields=["person", "-start_date"], name="jobs_employment_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.company_name} ({self.start_date})"

    @property
    def audit_subject(self):
        return self.person
