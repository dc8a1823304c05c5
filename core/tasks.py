"""Platform-wide background tasks."""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=8,
)
def send_email(
    self,
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str | None = None,
    attachments: list | None = None,
) -> None:
    """Send one already-rendered message; retried with backoff when the mail server fails."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()


@shared_task
def clear_expired_sessions() -> None:
    """Drop expired sessions so the session table stays small."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    logger.info("cleared %s expired sessions", deleted)


@shared_task
def ping() -> str:
    """Health check for the worker."""
    return "pong"
