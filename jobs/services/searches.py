"""Writes for saved job searches and their daily digest emails."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.emails import send_templated_email
from core.validators import refuse_too_long

from ..models import DigestDelivery, SavedSearch
from ..selectors import search_postings
from ._common import site_url

MAX_SAVED_SEARCHES = 20


def saved_search_create(*, user: User, name: str, params: dict[str, Any]) -> SavedSearch:
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(_("You can keep at most 20 saved searches."))
    search = SavedSearch(
        user=user,
        name=refuse_too_long((name or "").strip(), 80, field="name") or _("My search"),
        q=(params.get("q") or "")[:100],
        district=params.get("district") or "",
        employment_type=params.get("employment_type") or "",
        skill_ids=",".join(str(int(s)) for s in params.get("skills") or []),
        salary_min=params.get("salary_min") or None,
        remote=bool(params.get("remote")),
        experience=params.get("experience") or "",
        years=params.get("years"),
        education=params.get("education") or "",
    )
    search.full_clean(exclude=["user"])
    search.save()
    return search


def saved_search_delete(*, search: SavedSearch) -> None:
    """Delete a saved search (fetched through ``selectors.get_saved_search_for_owner``)."""
    search.delete()


def send_digest(*, saved_search_id: int, day=None) -> int:
    """Email one saved search's new postings for a day, at most once (the delivery row is the claim)."""
    day = day or timezone.localdate()
    search = SavedSearch.objects.select_related("user").filter(pk=saved_search_id).first()
    if search is None or not search.user.is_active:
        return 0
    with transaction.atomic():
        try:
            with transaction.atomic():
                delivery = DigestDelivery.objects.create(saved_search=search, day=day)
        except IntegrityError:
            return 0  # already sent today
        now = timezone.now()
        postings = list(
            search_postings(search.as_params()).filter(
                published_at__gt=search.notified_until, published_at__lte=now
            )[:20]
        )
        SavedSearch.objects.filter(pk=search.pk).update(notified_until=now)
        delivery.posting_count = len(postings)
        delivery.save(update_fields=["posting_count"])
        if postings:
            user = search.user
            send_templated_email(
                "jobs-digest",
                to=[user.email],
                context={
                    "name": user.name,
                    "search_name": search.name,
                    "postings": [
                        {
                            "title": p.title,
                            "company": p.company.name,
                            "url": site_url("jobs:detail", p.pk),
                        }
                        for p in postings
                    ],
                },
                language=user.language,
            )
    return len(postings)
