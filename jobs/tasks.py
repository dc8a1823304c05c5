"""Scheduled work for jobs: closing at the deadline, "still hiring?" reminders, daily digests,
the stored recommendation lists, interview reminders, lapsing offers and bookmark reminders.

Services import these tasks; each task imports the service it calls inside its body, so the
two modules never import each other at load time.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def close_expired_postings() -> int:
    from . import services

    return services.close_expired_postings()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def send_still_hiring_reminders() -> int:
    from . import services

    return services.send_still_hiring_reminders()


@shared_task
def send_saved_search_digests() -> int:
    """Fan out one task per saved search; each is idempotent per day."""
    from django.utils import timezone

    from .models import SavedSearch

    day = timezone.localdate().isoformat()
    count = 0
    for search_id in (
        SavedSearch.objects.filter(user__is_active=True).values_list("pk", flat=True).iterator()
    ):
        send_saved_search_digest.delay(search_id, day)
        count += 1
    return count


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def send_saved_search_digest(saved_search_id: int, day: str) -> int:
    import datetime as dt

    from . import services

    return services.send_digest(saved_search_id=saved_search_id, day=dt.date.fromisoformat(day))


@shared_task(autoretry_for=(OperationalError,), retry_backoff=5, max_retries=5)
def refresh_recommendations(user_id: int) -> bool:
    """Recompute a trainee's stored recommendations if stale or short (idempotent)."""
    from .services import feed

    return feed.trainee_feed_refresh(user_id=user_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=5, max_retries=5)
def apply_posting_to_recommendations(posting_id: int) -> int:
    """Bring the stored recommendation lists up to date with one posting (idempotent)."""
    from .services import feed

    return feed.posting_feed_apply(posting_id=posting_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def send_interview_reminders() -> int:
    """The 24 h and 1 h reminders of confirmed interviews (each claimed once; beat, every 5 min)."""
    from . import services

    return services.send_interview_reminders()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def lapse_offers() -> int:
    """Warn a day before an offer lapses, then lapse expired offers (idempotent; beat)."""
    from . import services

    return services.offers_lapse()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def send_bookmark_reminders() -> int:
    """Remind trainees of bookmarked postings closing within two days (once each; beat, hourly)."""
    from . import services

    return services.send_bookmark_reminders()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=5, max_retries=5)
def send_thread_notification(participant_id: int) -> bool:
    """A participant's batched message email, when due (claimed under a lock: idempotent)."""
    from . import services

    return services.thread_notify(participant_id=participant_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=5)
def send_due_thread_notifications() -> int:
    """Message emails that are due and whose task never ran (beat, every 5 minutes)."""
    from . import services

    return services.send_due_thread_notifications()
