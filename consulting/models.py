"""Consultation types, counselors' availability, and bookings that never double-book.

The no-overlap rule is a PostgreSQL exclusion constraint added in migration 0002
(it is skipped on SQLite, where the booking service checks under a lock instead).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Center
from core.video import room_url


def private_storage():
    """Files served only through views that check access (settings.STORAGES["private"])."""
    return storages["private"]


def summary_upload_to(booking, filename: str) -> str:
    return f"consulting/summaries/{booking.pk}-{booking.summary_version}.pdf"


# Statuses that hold a counselor's time (and the person's): the exclusion
# constraints in migration 0002 name the same two values.
ACTIVE_STATUSES = ("pending", "confirmed")


class ConsultationType(models.Model):
    """What a center offers: 창업, 취업, 협동조합 설립, 판로·수출, 디자인·지식재산 consultations."""

    class Category(models.TextChoices):
        STARTUP = "startup", _("Startup (창업)")
        EMPLOYMENT = "employment", _("Employment (취업)")
        COOPERATIVE = "cooperative", _("Cooperative founding (협동조합 설립)")
        SALES = "sales", _("Sales and export (판로·수출)")
        DESIGN_IP = "design_ip", _("Design and IP (디자인·지식재산)")
        OTHER = "other", _("Other")

    class Mode(models.TextChoices):
        ONSITE = "onsite", _("On site")
        VIDEO = "video", _("Video call")
        PHONE = "phone", _("Phone call")

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="consultation_types")
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    name = models.CharField(_("name (Korean)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ONSITE)
    location = models.CharField(
        _("room or link"),
        max_length=200,
        blank=True,
        help_text=_("Room for on-site meetings, or how to join."),
    )
    requires_confirmation = models.BooleanField(
        _("counselor must confirm"),
        default=False,
        help_text=_(
            "Bookings stay pending, holding the slot, until the counselor confirms or declines."
        ),
    )
    buffer_before_minutes = models.PositiveSmallIntegerField(
        _("buffer before (minutes)"), default=0
    )
    buffer_after_minutes = models.PositiveSmallIntegerField(_("buffer after (minutes)"), default=10)
    slot_step_minutes = models.PositiveSmallIntegerField(
        _("slot grid (minutes)"),
        default=30,
        help_text=_("Slots start on multiples of this many minutes."),
    )
    min_notice_hours = models.PositiveSmallIntegerField(_("minimum notice (hours)"), default=24)
    horizon_days = models.PositiveSmallIntegerField(_("bookable up to (days ahead)"), default=30)
    counselors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="consultation_types",
        blank=True,
        verbose_name=_("counselors"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation type")
        verbose_name_plural = _("consultation types")
        ordering = ["center", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5),
                name="consulting_type_duration_min",
                violation_error_message=_("A consultation lasts at least 5 minutes."),
            ),
            models.CheckConstraint(
                condition=Q(slot_step_minutes__gte=5),
                name="consulting_type_step_min",
                violation_error_message=_("Start times are at least 5 minutes apart."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def display_description(self) -> str:
        return (
            self.description_en
            if get_language() == "en" and self.description_en
            else self.description
        )

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


class IntakeQuestion(models.Model):
    """A question the person answers when booking (e.g. "What stage is your business at?")."""

    type = models.ForeignKey(ConsultationType, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question (Korean)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("intake question")
        verbose_name_plural = _("intake questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def display_text(self) -> str:
        return self.text_en if get_language() == "en" and self.text_en else self.text


class CounselorSettings(models.Model):
    """A counselor's own limits. Its row is also the lock taken while booking their time."""

    counselor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counseling_settings"
    )
    daily_cap = models.PositiveSmallIntegerField(
        _("most consultations a day"),
        default=6,
        help_text=_("Pending and confirmed bookings count."),
    )
    bio = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("counselor settings")
        verbose_name_plural = _("counselor settings")

    def __str__(self) -> str:
        return str(self.counselor)


class WeeklyAvailability(models.Model):
    """Recurring weekly hours, in Asia/Seoul local time."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_availability"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        ordering = ["counselor", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__lt=models.F("end_time")),
                name="consulting_weekly_order",
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self) -> None:
        if self.start_time and self.end_time and self.start_time >= self.end_time:
            raise ValidationError(_("The end must be after the start."))


class AvailabilityException(models.Model):
    """A date that differs from the weekly hours: time off, or extra hours."""

    class Kind(models.TextChoices):
        OFF = "off", _("Time off")
        EXTRA = "extra", _("Extra hours")

    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability_exceptions"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    start_time = models.TimeField(
        _("from"), null=True, blank=True, help_text=_("Empty for the whole day off.")
    )
    end_time = models.TimeField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("availability exception")
        verbose_name_plural = _("availability exceptions")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(start_time__isnull=True, end_time__isnull=True, kind="off")
                    | Q(
                        start_time__isnull=False,
                        end_time__isnull=False,
                        start_time__lt=models.F("end_time"),
                    )
                ),
                name="consulting_exception_times",
                violation_error_message=_(
                    "Give both times (the end after the start), or neither for a whole day off."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def clean(self) -> None:
        start, end = self.start_time, self.end_time
        if (start is None) != (end is None):
            raise ValidationError(_("Give both times, or neither for a whole day off."))
        if start is None and self.kind == self.Kind.EXTRA:
            raise ValidationError(_("Extra hours need a start and an end time."))
        if start is not None and start >= end:
            raise ValidationError(_("The end must be after the start."))


class HolidayOverride(models.Model):
    """Korean public holidays close a center by default; a row here opens it anyway, or closes another day."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="holiday_overrides")
    date = models.DateField(_("date"))
    is_open = models.BooleanField(
        _("open anyway"),
        default=True,
        help_text=_("Checked: open on this public holiday. Unchecked: closed."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("holiday override")
        verbose_name_plural = _("holiday overrides")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "date"],
                name="consulting_holiday_override_unique",
                violation_error_message=_("This date already has an exception for this center."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.center} {self.date} {'open' if self.is_open else 'closed'}"


class Outcome(models.TextChoices):
    BUSINESS_REGISTERED = "business_registered", _("Business registered")
    COOPERATIVE_FOUNDED = "cooperative_founded", _("Cooperative founded")
    HIRED = "hired", _("Hired")
    REFERRED_TO_COURSE = "referred_to_course", _("Referred to a course")
    FOLLOW_UP = "follow_up", _("Follow-up consultation needed")
    OTHER = "other", _("Other")


class Booking(models.Model):
    """One consultation between a person and a counselor."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", pgettext_lazy("consultation status", "Completed")
        NO_SHOW = "no_show", _("No-show")

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="bookings")
    type = models.ForeignKey(ConsultationType, on_delete=models.PROTECT, related_name="bookings")
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="counselor_bookings"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # The counselor's time held, buffers included; the exclusion constraint ranges over it.
    blocked_start = models.DateTimeField(editable=False)
    blocked_end = models.DateTimeField(editable=False)
    answers = models.JSONField(_("intake answers"), default=list, blank=True)
    # The video room of a video consultation (core.video, as for interviews): made when booked,
    # shown to both sides and sent in the confirmation email once the booking is confirmed.
    room_token = models.CharField(max_length=40, blank=True, editable=False)
    idempotency_key = models.CharField(max_length=80, blank=True, editable=False)
    # Bumped on every change a calendar should notice (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    reminder_24h_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_1h_sent_at = models.DateTimeField(null=True, blank=True)

    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("outcome details"), max_length=300, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    # The summary PDF is rendered by a task and kept; every change the PDF shows bumps the version.
    summary_version = models.PositiveIntegerField(default=0, editable=False)
    summary_pdf = models.FileField(
        storage=private_storage, upload_to=summary_upload_to, blank=True, editable=False
    )
    summary_pdf_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    summary = models.TextField(
        _("summary for the person"),
        blank=True,
        help_text=_("Shared with the person and printed in their consultation summary."),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")),
                name="consulting_booking_order",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=Q(blocked_start__lte=models.F("start"), blocked_end__gte=models.F("end")),
                name="consulting_booking_blocked_covers",
                violation_error_message=_("The blocked time must cover the consultation."),
            ),
            models.UniqueConstraint(
                fields=["person", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="consulting_booking_idempotency_unique",
                violation_error_message=_(
                    "This request was already sent; the first booking stands."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["counselor", "start"], name="consulting_booking_c_start"),
            models.Index(fields=["person", "start"], name="consulting_booking_p_start"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.type} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_past(self) -> bool:
        return self.end <= timezone.now()

    @property
    def video_url(self) -> str:
        """The video room link, once the booking is confirmed (empty otherwise)."""
        if not self.room_token or self.status not in (
            self.Status.CONFIRMED,
            self.Status.COMPLETED,
        ):
            return ""
        return room_url(self.room_token)

    def change_deadline(self):
        """Until when the person may reschedule or cancel (CONSULTING_CANCEL_CUTOFF_HOURS before the start)."""
        return self.start - timedelta(hours=settings.CONSULTING_CANCEL_CUTOFF_HOURS)

    def person_can_change(self, now=None) -> bool:
        return self.is_active and (now or timezone.now()) < self.change_deadline()

    @property
    def audit_subject(self):
        """Whose data a booking is, for the audit log: the person who booked."""
        return self.person


class BookingNote(models.Model):
    """A counselor's private note: never shown to the person."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"note on #{self.booking_id}"


class ActionItem(models.Model):
    """Something to do after the consultation, by the person or the counselor; shared with the person."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="action_items")
    text = models.CharField(_("action item"), max_length=300)
    due_date = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text


class CalendarFeed(models.Model):
    """A private ICS feed: the secret sits in the URL, only its hash here. Regenerating revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"
