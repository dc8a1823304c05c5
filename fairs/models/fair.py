"""A job fair of a center, and the companies taking part in it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Center


def _bilingual(korean: str, english: str) -> str:
    return english if get_language() == "en" and english else korean


class Fair(models.Model):
    """온라인 채용박람회: days with daily hours, a registration window, and how 1:1 slots open."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("fair status", "Draft")
        REGISTRATION = "registration", pgettext_lazy("fair status", "Open for registration")
        LIVE = "live", pgettext_lazy("fair status", "Live")
        CLOSED = "closed", pgettext_lazy("fair status", "Closed")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (online and at a venue)")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        CENTER_TRAINEES = "center_trainees", _("This center's trainees")

    class Release(models.TextChoices):
        AT_TIME = "at_time", _("At a set time, first come")
        DRAW = "draw", _("Request window, then a fair draw")

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="fairs")
    title = models.CharField(pgettext_lazy("fair", "title (Korean)"), max_length=150)
    title_en = models.CharField(
        pgettext_lazy("fair", "title (English)"), max_length=150, blank=True
    )
    description = models.TextField(_("description (Korean)"), blank=True, max_length=5000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=5000)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    opens_at = models.TimeField(_("daily opening"), default=time(10, 0))
    closes_at = models.TimeField(_("daily closing"), default=time(17, 0))
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.ONLINE
    )
    venue = models.CharField(_("venue (Korean)"), max_length=200, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    audience = models.CharField(
        _("who may attend"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    release = models.CharField(
        _("how interview slots open"),
        max_length=10,
        choices=Release.choices,
        default=Release.AT_TIME,
    )
    slots_open_at = models.DateTimeField(
        _("slots open at"),
        help_text=_("First come from this time; with a draw, the request window closes here."),
    )
    request_window_opens_at = models.DateTimeField(
        _("requests open at"), null=True, blank=True, help_text=_("Only for a draw.")
    )
    max_interviews_per_attendee = models.PositiveSmallIntegerField(
        _("most interviews per attendee"), default=3
    )
    call_window_seconds = models.PositiveSmallIntegerField(
        _("seconds to answer a call"), default=90
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")),
                name="fairs_fair_days_order",
                violation_error_message=_("The fair cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")),
                name="fairs_fair_hours_order",
                violation_error_message=_("The closing time must be after the opening time."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__lt=models.F("registration_closes_at")),
                name="fairs_fair_registration_order",
                violation_error_message=_("Registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(max_interviews_per_attendee__gte=1),
                name="fairs_fair_limit_min",
                violation_error_message=_("The limit must be at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return _bilingual(self.title, self.title_en)

    @property
    def display_description(self) -> str:
        return _bilingual(self.description, self.description_en)

    @property
    def display_venue(self) -> str:
        return _bilingual(self.venue, self.venue_en)

    @property
    def is_in_person(self) -> bool:
        return self.format == self.Format.HYBRID

    def day_bounds(self, day) -> tuple[datetime, datetime]:
        """One fair day's opening and closing, as aware datetimes in Asia/Seoul."""
        tz = timezone.get_default_timezone()
        return (
            timezone.make_aware(datetime.combine(day, self.opens_at), tz),
            timezone.make_aware(datetime.combine(day, self.closes_at), tz),
        )

    def within_hours(self, start: datetime, end: datetime) -> bool:
        """Whether [start, end) lies inside one fair day's hours."""
        local = start.astimezone(timezone.get_default_timezone())
        day = local.date()
        if not (self.starts_on <= day <= self.ends_on):
            return False
        opening, closing = self.day_bounds(day)
        return opening <= start and end <= closing

    def days(self) -> list:
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + timedelta(days=i) for i in range(count)]

    def registration_is_open(self, now: datetime) -> bool:
        return (
            self.status in (self.Status.REGISTRATION, self.Status.LIVE)
            and self.registration_opens_at <= now < self.registration_closes_at
        )

    def request_window_is_open(self, now: datetime) -> bool:
        return (
            self.release == self.Release.DRAW
            and self.request_window_opens_at is not None
            and self.request_window_opens_at <= now < self.slots_open_at
            and self.status in (self.Status.REGISTRATION, self.Status.LIVE)
        )
