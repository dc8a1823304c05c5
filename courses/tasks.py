"""Background work for courses: expiring unanswered seat offers."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=10, max_retries=5)
def expire_offers() -> int:
    """Expire seat offers past their deadline and pass each seat to the next person (idempotent)."""
    from .services import offers_expire

    count = offers_expire()
    if count:
        logger.info("expired %s course seat offers", count)
    return count
