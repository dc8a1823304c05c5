"""Text search for apps that sit to the left of ``search`` (which they must not import).

The search app registers its matcher here in ``SearchConfig.ready()``; an app narrows a queryset
to the objects matching a query with ``filter_matching(queryset, kind, q)``, and so uses the
same Korean analysis, index and backend as the search pages. Without a registered matcher (an
installation without the search app) it falls back to the caller's own filter.

The index is written after the data, by a queued task; ``index_changed`` (``kind``) is sent once
such a write has committed, so what an app derives from search answers (the validators and kept
answers of ``core.http_cache``) can follow the index rather than the data alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from django.dispatch import Signal

Matcher = Callable[[QuerySet, str, str], QuerySet | None]

_matcher: Matcher | None = None

index_changed = Signal()  # kwargs: kind


def register(matcher: Matcher) -> None:
    global _matcher
    _matcher = matcher


def filter_matching(queryset: QuerySet, kind: str, q: str) -> QuerySet | None:
    """``queryset`` narrowed to what matches ``q`` in the ``kind`` index, or None when no search
    is registered for that kind (the caller then filters on its own)."""
    if _matcher is None:
        return None
    return _matcher(queryset, kind, q)
