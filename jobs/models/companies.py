"""Invitations to join a company's members."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, CompanyMembership, OneTimeInvitation


class CompanyInvitation(OneTimeInvitation):
    """A one-time link by which a company owner makes a colleague a recruiter (or co-owner)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=CompanyMembership.CompanyRole.choices,
        default=CompanyMembership.CompanyRole.RECRUITER,
    )

    class Meta(OneTimeInvitation.Meta):
        verbose_name = _("colleague invitation")
        verbose_name_plural = _("colleague invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"
