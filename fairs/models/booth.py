"""Booths: a company's place at a fair, its representatives, brochures and linked postings."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .fair import Fair, _bilingual

# A representative counts as online while their console has checked in this recently.
ONLINE_GRACE = timedelta(minutes=2)


def brochure_upload_to(brochure, filename: str) -> str:
    return f"fairs/brochures/{brochure.booth_id}/{filename}"


class Booth(models.Model):
    """One company at one fair. Staff invite a company or approve its request; only approved booths show."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited by the center")
        REQUESTED = "requested", _("Requested by the company")
        APPROVED = "approved", pgettext_lazy("booth status", "Approved")
        DECLINED = "declined", pgettext_lazy("booth status", "Declined")

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="booths")
    company = models.ForeignKey(
        "accounts.Company", on_delete=models.PROTECT, related_name="fair_booths"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    introduction = models.TextField(_("introduction (Korean)"), blank=True, max_length=5000)
    introduction_en = models.TextField(_("introduction (English)"), blank=True, max_length=5000)
    video_url = models.URLField(
        _("video"),
        blank=True,
        help_text=_("A YouTube or Vimeo link is embedded; others are linked."),
    )
    place = models.CharField(
        _("place at the venue"),
        max_length=120,
        blank=True,
        help_text=_("For hybrid fairs, e.g. B-12."),
    )
    postings = models.ManyToManyField(
        "jobs.Posting", blank=True, related_name="fair_booths", verbose_name=_("linked postings")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["fair", "company__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "company"],
                name="fairs_booth_once_per_fair",
                violation_error_message=_("This company already has a booth at this fair."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.company.name} @ {self.fair_id}"

    @property
    def display_introduction(self) -> str:
        return _bilingual(self.introduction, self.introduction_en)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Representative(models.Model):
    """A company member staffing a booth. The row also says whether they are online now."""

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fair_representations"
    )
    is_online = models.BooleanField(_("online"), default=False)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booth representative")
        verbose_name_plural = _("booth representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["booth", "user"],
                name="fairs_representative_once",
                violation_error_message=_("This person already staffs this booth."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ booth {self.booth_id}"

    @staticmethod
    def online_q(now=None) -> Q:
        now = now or timezone.now()
        return Q(is_online=True, last_seen_at__gte=now - ONLINE_GRACE)


class Brochure(models.Model):
    """A PDF a booth hands out (checked by content, not by its name)."""

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="brochures")
    title = models.CharField(_("title"), max_length=120)
    file = models.FileField(_("PDF file"), upload_to=brochure_upload_to, max_length=200)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("brochure")
        verbose_name_plural = _("brochures")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title
