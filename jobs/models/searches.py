"""Saved searches and their digest deliveries."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.districts import District

from .choices import EmploymentType


class SavedSearch(models.Model):
    """A trainee's saved job search; new matching postings arrive in a daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=80)
    q = models.CharField(_("keywords"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices, blank=True
    )
    skill_ids = models.CharField(max_length=200, blank=True)
    salary_min = models.PositiveBigIntegerField(_("minimum salary"), null=True, blank=True)
    remote = models.BooleanField(_("remote only"), default=False)
    # The job seeker's side of the experience and education filters (``jobs.filters``).
    experience = models.CharField(_("experience"), max_length=16, blank=True)
    years = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    education = models.CharField(_("education"), max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Postings published up to this moment have already been sent.
    notified_until = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def as_params(self) -> dict:
        return {
            "q": self.q,
            "district": self.district,
            "employment_type": self.employment_type,
            "skills": self.skill_ids,
            "salary_min": self.salary_min or "",
            "remote": "1" if self.remote else "",
            "experience": self.experience,
            "years": self.years,
            "education": self.education,
        }


class DigestDelivery(models.Model):
    """One daily digest sent for a saved search: the unique day makes the task idempotent."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="deliveries"
    )
    day = models.DateField()
    posting_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "day"],
                name="jobs_digest_once_a_day",
                violation_error_message=_("Today's digest was already sent."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} · {self.day}"
