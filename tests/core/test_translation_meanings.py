"""One msgid, one meaning: Django merges every catalog into one per language, so a msgid that two
apps translate differently shows one app's Korean on the other's pages ("Move to" read 옮길 기수
on the applicant board). Short, ambiguous words carry a context (pgettext) instead."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
KOREAN = sorted(
    p for p in BASE.glob("**/locale/ko/LC_MESSAGES/django.po") if ".venv" not in p.parts
)

# Words that mean different things in different places: never translated without a context.
AMBIGUOUS = {
    "Move to",
    "Move",
    "Move %(name)s to",
    "What",
    "Submitted",
    "Completed",
    "Draft",
    "Revoke",
    "Video room",
    "Verified",
    "by",
}
TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(["'])(?P<msgid>.+?)\1(?P<rest>[^%]*)%\}"""
)
GETTEXT_CALL = re.compile(r"""\b_\(\s*(["'])(?P<msgid>[^"'\n]+)\1\s*\)""")


def _catalog_entries():
    entries: dict[tuple, dict[str, str]] = defaultdict(dict)
    for path in KOREAN:
        app = path.relative_to(BASE).parts[0]
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                entries[(entry.msgctxt, entry.msgid)][app] = entry.msgstr or str(
                    entry.msgstr_plural
                )
    return entries


def test_there_are_several_catalogs():
    assert len(KOREAN) >= 7


def test_a_msgid_has_one_korean_translation_in_every_catalog():
    clashes = {
        f"{ctx + ' | ' if ctx else ''}{msgid}": by_app
        for (ctx, msgid), by_app in _catalog_entries().items()
        if len(set(by_app.values())) > 1
    }
    assert clashes == {}, (
        "Give these a context (pgettext) where the meanings differ, or one translation: "
        f"{list(clashes.items())[:5]}"
    )


def test_ambiguous_words_are_never_translated_without_a_context():
    found = []
    for (ctx, msgid), by_app in _catalog_entries().items():
        if ctx is None and msgid in AMBIGUOUS:
            found.append((msgid, sorted(by_app)))
    assert found == [], f"add a context to: {found}"


def _sources():
    for path in BASE.rglob("*"):
        if {".venv", "tests", "node_modules", "var"} & set(path.parts) or not path.is_file():
            continue
        if path.suffix in {".html", ".txt", ".py"} and "migrations" not in path.parts:
            yield path


def test_short_words_used_by_several_apps_in_templates_have_a_context_or_one_meaning():
    """A one- or two-word msgid used without context in several apps' templates or code must
    have the same Korean in every catalog (checked above) — and never be an ambiguous word."""
    used: dict[str, set[str]] = defaultdict(set)
    for path in _sources():
        app = path.relative_to(BASE).parts[0]
        text = path.read_text(encoding="utf-8", errors="ignore")
        for match in TRANSLATE_TAG.finditer(text):
            if "context" not in match.group("rest"):
                used[match.group("msgid")].add(app)
        if path.suffix == ".py":
            for match in GETTEXT_CALL.finditer(text):
                used[match.group("msgid")].add(app)
    offenders = {m: sorted(apps) for m, apps in used.items() if m in AMBIGUOUS}
    assert offenders == {}, f"use a context for: {offenders}"


KNOWN_STRINGS = {
    # page → Korean strings that must be there (the English msgid would show if a catalog
    # were missing, stale or not loaded)
    "/courses/": ["교육과정"],
    "/jobs/": ["채용"],
    "/fairs/": ["박람회"],
    "/consulting/": ["상담"],
    "/search/?q=반지": ["검색"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", sorted(KNOWN_STRINGS))
def test_every_apps_page_is_korean_in_korean(client, url):
    from django.utils import translation

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 200
    page = response.content.decode()
    for korean in KNOWN_STRINGS[url]:
        assert korean in page, f"{url} lacks {korean}"
    # No msgid of that app's catalog that has a Korean translation shows in English.
    app = url.strip("/").split("/")[0].split("?")[0]
    path = BASE / app / "locale/ko/LC_MESSAGES/django.po"
    with translation.override("ko"):
        english_left = [
            e.msgid
            for e in polib.pofile(str(path))
            if not e.msgctxt
            and len(e.msgid) > 12
            and "%" not in e.msgid
            and "{" not in e.msgid
            and e.msgstr
            and e.msgstr != e.msgid
            and f">{e.msgid}<" in page
        ]
    assert english_left == [], f"{url} shows English: {english_left[:5]}"
