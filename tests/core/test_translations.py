"""Korean and English catalogs are complete and their compiled files match the sources."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
CATALOGS = sorted(
    p for p in BASE.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def _id(path: Path) -> str:
    return str(path.relative_to(BASE))


def test_there_are_korean_and_english_catalogs():
    languages = {p.parts[-3] for p in CATALOGS}
    assert {"ko", "en"} <= languages


@pytest.mark.parametrize("path", CATALOGS, ids=_id)
def test_every_entry_is_translated(path):
    catalog = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalog.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert untranslated == [], (
        f"{len(untranslated)} untranslated in {_id(path)}: {untranslated[:5]}"
    )
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {_id(path)}: {fuzzy[:5]}"


@pytest.mark.parametrize("path", CATALOGS, ids=_id)
def test_the_compiled_catalog_matches_its_source(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"run `make messages`: {_id(mo_path)} is missing"
    source = {
        (e.msgctxt, e.msgid): (e.msgstr or dict(e.msgstr_plural))
        for e in polib.pofile(str(path)).translated_entries()
    }
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr or dict(e.msgstr_plural))
        for e in polib.mofile(str(mo_path))
        if e.msgid
    }
    assert compiled == source, f"{_id(mo_path)} is stale: run `make messages`"


ENGLISH = [p for p in CATALOGS if p.parts[-3] == "en"]


@pytest.mark.parametrize("path", ENGLISH, ids=_id)
def test_english_reads_as_written(path):
    """Our msgids are English: an English msgstr that differs is a stale fuzzy guess."""
    wrong = [
        e.msgid
        for e in polib.pofile(str(path))
        if not e.obsolete
        and (
            (e.msgid_plural and e.msgstr_plural != {0: e.msgid, 1: e.msgid_plural})
            or (not e.msgid_plural and e.msgstr != e.msgid)
        )
    ]
    assert wrong == [], f"run `make messages`: {wrong[:5]}"


KOREAN = [p for p in CATALOGS if p.parts[-3] == "ko"]


@pytest.mark.parametrize("path", KOREAN, ids=_id)
def test_korean_plurals_have_one_form(path):
    """Korean has one plural form (nplurals=1); a second msgstr makes msgfmt --check fail."""
    catalog = polib.pofile(str(path))
    assert "nplurals=1" in catalog.metadata.get("Plural-Forms", "").replace(" ", "")
    extra = [e.msgid for e in catalog if e.msgid_plural and set(e.msgstr_plural) != {0}]
    assert extra == []
