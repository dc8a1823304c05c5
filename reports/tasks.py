"""Background work of the reports app."""

from __future__ import annotations

from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_follow_ups() -> int:
    """Daily: ask about jobs whose 6 or 12 months have come (idempotent)."""
    from .services import follow_ups_send

    return follow_ups_send()
