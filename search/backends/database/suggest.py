"""Autocomplete keys (jamo and 초성 spellings of titles from each of their first words) and
the lookup by prefix, the same on PostgreSQL and SQLite."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from ... import hangul
from ...models import SearchSuggestion
from ..base import Suggestion

SUGGEST_WORDS = 4  # a title is suggested from each of its first words
CANDIDATES = 200


def suggestion_keys(texts: list[str]) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for text in texts:
        words = text.split()
        for start in range(min(len(words), SUGGEST_WORDS)):
            suffix = " ".join(words[start:])
            for key in (
                hangul.compact(hangul.jamo(suffix)),
                hangul.compact(hangul.chosung(suffix)),
            ):
                key = key[:200]
                if key and (text, key) not in seen:
                    seen.add((text, key))
                    keys.append((text, key))
    return keys


def query_key(q: str) -> str:
    q = (q or "").strip()[:50]
    if not q:
        return ""
    # 초성 keys are stored as typed (ㅈㅇㄹ); anything else is matched by its jamo spelling.
    return hangul.compact(q) if hangul.is_chosung_query(q) else hangul.compact(hangul.jamo(q))


def suggest(q: str, kinds: list[str], limit: int = 8, today=None) -> list[Suggestion]:
    key = query_key(q)
    if not key:
        return []
    today = today or timezone.localdate()
    # The first keys in index order (no sort over every match: a one-letter prefix
    # matches most of the index), then ranked here: shorter keys (the word starts the
    # title) and newer items first.
    rows = list(
        SearchSuggestion.objects.filter(key__startswith=key, kind__in=kinds)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=today))
        .values_list("key", "published_at", "text", "kind", "object_id", "url")[:CANDIDATES]
    )
    rows.sort(key=lambda row: (len(row[0]), -row[1].timestamp()))
    seen: set[str] = set()
    found: list[Suggestion] = []
    for _key, _published, text, kind, object_id, url in rows:
        if text in seen:
            continue
        seen.add(text)
        found.append(Suggestion(text=text, kind=kind, id=object_id, url=url or ""))
        if len(found) >= limit:
            break
    return found
