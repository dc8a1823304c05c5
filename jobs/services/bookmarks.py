"""A trainee's bookmarked postings (관심 공고) and the reminder two days before a deadline."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Company, User
from core.emails import send_templated_email

from ..models import Bookmark, Posting
from ._common import site_url

# The reminder leaves once the deadline is at most this many days away (D-2).
REMIND_DAYS_BEFORE = 2


def bookmark_add(*, user: User, posting: Posting) -> Bookmark:
    """Bookmark a posting (idempotent: bookmarking twice keeps the one row)."""
    existing = Bookmark.objects.filter(user=user, posting=posting).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Bookmark.objects.create(user=user, posting=posting)
    except IntegrityError:  # a double click raced us; the unique constraint kept one row
        return Bookmark.objects.get(user=user, posting=posting)


def bookmark_remove(*, user: User, posting_id: int) -> bool:
    """Drop the person's bookmark of a posting; True when there was one."""
    deleted, _ = Bookmark.objects.filter(user=user, posting_id=posting_id).delete()
    return bool(deleted)


def send_bookmark_reminders(now: datetime | None = None) -> int:
    """Email each trainee whose bookmarked open posting closes within two days, once per bookmark.

    Days are Seoul's. Each bookmark is claimed by a conditional UPDATE on ``reminder_sent_at``
    before its email is queued, so a second run (or a second worker) sends nothing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = (
        Bookmark.objects.filter(
            reminder_sent_at__isnull=True,
            user__is_active=True,
            posting__status=Posting.Status.PUBLISHED,
            posting__company__status=Company.Status.VERIFIED,
            posting__deadline__gte=today,
            posting__deadline__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        )
        .select_related("user", "posting__company")
        .order_by("pk")
    )
    sent = 0
    for bookmark in due:
        with transaction.atomic():
            claimed = Bookmark.objects.filter(pk=bookmark.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not claimed:
                continue
            posting = bookmark.posting
            send_templated_email(
                "jobs-bookmark-reminder",
                to=[bookmark.user.email],
                context={
                    "name": bookmark.user.name,
                    "title": posting.title,
                    "company": posting.company.name,
                    "deadline": posting.deadline,
                    "days_left": (posting.deadline - today).days,
                    "url": site_url("jobs:detail", posting.pk),
                },
                language=bookmark.user.language,
            )
            sent += 1
    return sent
