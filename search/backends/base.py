"""What every backend takes and returns, so callers never know which one answered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_PAGE_SIZE = 50


@dataclass
class SearchRequest:
    kind: str
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    cursor: str = ""
    size: int = 20
    today: dt.date | None = None
    with_facets: bool = True


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    url: str
    highlight: dict[str, str]
    data: dict[str, Any]
    score: float | None = None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: list[Facet]
    next_cursor: str | None = None
    backend: str = ""
    # Set when the answer came from a fallback or from typo-tolerant matching.
    notice: str = ""
    fuzzy: bool = False


@dataclass
class Suggestion:
    text: str
    kind: str
    id: int
    url: str = ""


class BackendUnavailable(Exception):
    """The engine did not answer (refused, timed out, errored): callers may fall back."""


# --- cursors --------------------------------------------------------------------------------

_CURSOR_SALT = "search.cursor"


def encode_cursor(payload: dict) -> str:
    return signing.dumps(payload, salt=_CURSOR_SALT, compress=True)


def decode_cursor(cursor: str, *, backend: str, sort: str) -> list | None:
    """The keyset values of a cursor made by this backend for this sort; None to start over.

    A cursor someone edited is refused (ValidationError → 400); one made by another backend
    (Elasticsearch before a fallback) starts from the first page.
    """
    if not cursor:
        return None
    try:
        payload = signing.loads(cursor, salt=_CURSOR_SALT)
    except signing.BadSignature as error:
        raise ValidationError({"cursor": [_("This page link is not valid.")]}) from error
    if not isinstance(payload, dict) or not isinstance(payload.get("k"), list):
        raise ValidationError({"cursor": [_("This page link is not valid.")]})
    if payload.get("b") != backend or payload.get("s") != sort:
        return None
    return payload["k"]
