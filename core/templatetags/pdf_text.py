"""Text helpers for PDF templates (core.pdf)."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

register = template.Library()


@register.filter(needs_autoescape=True)
def keep_words(value, autoescape=True):
    """Let lines break only between words (어절), never inside a Korean word.

    WeasyPrint has no ``word-break: keep-all``, so each word becomes a
    ``<span class="kw">`` that pdf.css keeps on one line.
    """
    already_safe = isinstance(value, SafeData) or not autoescape
    words = str(value).split()
    return mark_safe(
        " ".join(f'<span class="kw">{w if already_safe else escape(w)}</span>' for w in words)
    )
