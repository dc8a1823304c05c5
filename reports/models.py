"""What outcome reports need beyond the other apps' records: exclusions and follow-ups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrollment
from jobs.models import Employment


class RateExclusion(models.Model):
    """A completer left out of a run's employment rate, as the 고용노동부 rules allow.

    HRD-Net's 취업률 leaves out completers who cannot take a job in the six months after
    completion: 진학 (further education), 입대 (military service), 질병·사망, 해외 이주, and
    those already in work when training began (재직자). Staff record the reason.
    """

    class Reason(models.TextChoices):
        FURTHER_EDUCATION = "further_education", _("Continuing to further education (진학)")
        MILITARY_SERVICE = "military_service", _("Military service (입대)")
        ILLNESS = "illness", _("Illness, injury or death (질병·사망)")
        EMIGRATION = "emigration", _("Moved abroad (해외 이주)")
        ALREADY_EMPLOYED = "already_employed", _("Already employed when training began (재직자)")

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="rate_exclusion"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("employment rate exclusion")
        verbose_name_plural = _("employment rate exclusions")

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.reason}"


class FollowUp(models.Model):
    """The question "are you still employed?" 6 or 12 months after an employment started."""

    class Months(models.IntegerChoices):
        SIX = 6, _("6 months")
        TWELVE = 12, _("12 months")

    employment = models.ForeignKey(Employment, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after the start"), choices=Months.choices)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("answer by"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    still_employed = models.BooleanField(_("still employed"), null=True, blank=True)

    class Meta:
        verbose_name = _("employment follow-up")
        verbose_name_plural = _("employment follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["employment", "months"],
                name="reports_followup_once",
                violation_error_message=_("This follow-up has already been made."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employment_id} +{self.months}m"
