"""Small helpers for the accounts and API tests."""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.html import escape

PASSWORD = "a-Sturdy-pass-92"


def has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in str(text))


def korean(msgid: str) -> str:
    """The Korean catalog's translation of ``msgid``; fails, naming it, when the catalog lacks it."""
    with translation.override("ko"):
        translated = translation.gettext(msgid)
    assert translated != msgid and has_hangul(translated), f"Korean catalog lacks {msgid!r}"
    return translated


def form_errors(response, field: str) -> list[str]:
    """Errors of ``field`` on the page's form; each must also be shown on the page itself."""
    form = response.context["form"]
    errors = list(form.errors.get(field, []))
    page = response.content.decode()
    for message in errors:
        assert escape(message) in page, f"the error {message!r} is not shown on the page"
    return errors


def link_in(body: str, path_prefix: str) -> str:
    """The path of the first link in an email body that starts with ``path_prefix``."""
    match = re.search(
        r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[A-Za-z0-9_\-:/.%?=&]*)", body
    )
    assert match, f"no link to {path_prefix} in:\n{body}"
    return match.group(1)
