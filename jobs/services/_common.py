"""Helpers the jobs services share: absolute links for emails and a company's active members."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import Company, User


def site_url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def company_members(company: Company) -> QuerySet[User]:
    return User.objects.filter(company_memberships__company=company, is_active=True)
