"""Who registered for a fair, what booths may see of them, and what they visited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .booth import Booth
from .fair import Fair


class Registration(models.Model):
    """An attendee's registration. Its row is the lock for that attendee's bookings and calls."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="registrations")
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fair_registrations"
    )
    share_profile = models.BooleanField(_("booths may see my job profile and résumé"), default=True)
    share_skills = models.BooleanField(_("booths may see my verified skills"), default=True)
    share_contact = models.BooleanField(_("booths may see my email and phone"), default=False)
    consent_to_apply = models.BooleanField(
        _("a booth may turn a conversation into an application for its posting"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "attendee"],
                name="fairs_registration_once",
                violation_error_message=_("You are already registered for this fair."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.attendee_id} @ {self.fair_id}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None

    def audit_subject(self):
        return self.attendee


class Visit(models.Model):
    """A page view of the lobby or a booth, counted for the fair's analytics (no more than that)."""

    class Kind(models.TextChoices):
        LOBBY = "lobby", _("Lobby")
        BOOTH = "booth", _("Booth")

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="visits")
    booth = models.ForeignKey(
        Booth, on_delete=models.CASCADE, null=True, blank=True, related_name="visits"
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=6, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["fair", "kind"], name="fairs_visit_fair_kind")]

    def __str__(self) -> str:
        return f"{self.kind} visit @ {self.fair_id}"
