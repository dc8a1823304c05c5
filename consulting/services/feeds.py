"""Private calendar feeds: a long random token in the URL, kept only as its hash."""

from __future__ import annotations

import secrets

from accounts.models import User, hash_secret

from ..models import CalendarFeed


def calendar_feed_regenerate(*, user: User) -> str:
    """A new private feed URL token; the old URL stops working. Returns the token, shown once."""
    raw = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": hash_secret(raw)})
    return raw


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()
