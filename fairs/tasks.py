"""Periodic work of the fairs: interview reminders and calls nobody answered in time."""

from __future__ import annotations

from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def send_interview_reminders() -> int:
    from .services import send_interview_reminders as remind

    return remind()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def expire_calls() -> int:
    from .services import expire_calls as expire

    return expire()
