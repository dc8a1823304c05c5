"""Background work for consulting: reminders (Celery beat, every few minutes)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(Exception,), retry_backoff=30, retry_backoff_max=600, max_retries=5)
def send_reminders() -> int:
    """Send the 24 h and 1 h reminders that are due; safe to run twice at once."""
    from .services import send_due_reminders

    sent = send_due_reminders()
    if sent:
        logger.info("sent %s consultation reminders", sent)
    return sent


@shared_task(autoretry_for=(OperationalError,), retry_backoff=15, max_retries=5)
def render_summary_pdf(booking_id: int) -> bool:
    """Render a completed consultation's summary PDF; does nothing if the kept one is current."""
    from .services import summary_pdf_render

    return summary_pdf_render(booking_id=booking_id)
