"""One way to send email: render now, send from a task after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def render_email(template_prefix: str, context: dict, *, language: str | None = None) -> dict:
    """Render ``templates/emails/<prefix>-subject.txt``, ``-body.txt`` and optional ``-body.html``."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        ctx = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
        subject = render_to_string(f"emails/{template_prefix}-subject.txt", ctx)
        body = render_to_string(f"emails/{template_prefix}-body.txt", ctx)
        try:
            html = render_to_string(f"emails/{template_prefix}-body.html", ctx)
        except TemplateDoesNotExist:  # plain text only
            html = None
    subject = " ".join(subject.split())
    return {"subject": f"[{settings.SITE_NAME}] {subject}", "body": body, "html": html}


def send_email_after_commit(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    html: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Queue a rendered message; it leaves only once the surrounding transaction commits.

    ``attachments`` are ``(filename, text_content, mimetype)`` so the task stays JSON-serializable.
    """
    from core.tasks import send_email

    send_email.delay_on_commit(
        to=list(to), subject=subject, body=body, html=html, attachments=attachments or []
    )


def send_templated_email(
    template_prefix: str, *, to: Iterable[str], context: dict, language: str | None = None
) -> None:
    """Render a template set and send it after commit."""
    send_email_after_commit(to=to, **render_email(template_prefix, context, language=language))
