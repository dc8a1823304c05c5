"""Background work of the reports app."""

from __future__ import annotations

from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_follow_ups() -> int:
    """Daily: ask about jobs whose 6 or 12 months have come (idempotent)."""
    from .services import follow_ups_send

    return follow_ups_send()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def recompute_summaries(keys: list[list]) -> dict:
    """After a change: recompute the summary rows it touches (idempotent)."""
    from .summaries import summaries_recompute

    return summaries_recompute(keys=[tuple(k) for k in keys])


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def rebuild_summaries() -> dict:
    """Nightly: recompute every summary row (repairs writes no signal saw)."""
    from .summaries import summaries_rebuild

    return summaries_rebuild()
