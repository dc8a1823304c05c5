"""Highlighted titles and snippets for the database backend, made in Python for one page of hits.

The query's terms (and every spelling of their synonyms) are found in the original text
case-insensitively; the text is escaped and the matches wrapped in <mark>. Morphemes are
substrings of the words they come from (반지 in 반지를), so this marks what a reader expects.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape

from . import synonyms

SNIPPET_CHARS = 160


@lru_cache(maxsize=512)
def _pattern(terms: frozenset[str]) -> re.Pattern | None:
    spellings: set[str] = set()
    for term in terms:
        for variant in synonyms.variants(term):
            spellings.add(variant)
            if " " in variant:
                spellings.update(variant.split())
    spellings = {s for s in spellings if s.strip()}
    if not spellings:
        return None
    ordered = sorted(spellings, key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in ordered), re.IGNORECASE)


def _spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    pattern = _pattern(terms)
    return [m.span() for m in pattern.finditer(text)] if pattern else []


def mark(text: str, terms: frozenset[str]) -> str:
    """``text`` escaped, with each term marked."""
    out: list[str] = []
    position = 0
    for start, end in _spans(text, terms):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def snippet(text: str, terms: frozenset[str], length: int = SNIPPET_CHARS) -> str:
    """About ``length`` characters of ``text`` around its first match, escaped and marked."""
    text = " ".join(text.split())
    spans = _spans(text, terms)
    start = 0
    if spans and spans[0][0] > length // 3:
        start = spans[0][0] - length // 3
        space = text.rfind(" ", 0, start)
        start = space + 1 if space > start - 20 else start
    piece = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return prefix + mark(piece, terms) + suffix
