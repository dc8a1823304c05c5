"""Personal-data export and erasure across apps (개인정보 보호법: 열람·삭제 요구).

Each app registers, in its ``AppConfig.ready()``, a function that exports what it
holds about a person and one that erases or anonymizes it. ``accounts`` calls
them without importing the apps, so dependencies keep pointing one way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register(section: str, *, export: Exporter | None = None, erase: Eraser | None = None) -> None:
    if export is not None:
        _exporters[section] = export
    if erase is not None:
        _erasers[section] = erase


def export_user_data(user) -> dict[str, Any]:
    return {section: export(user) for section, export in _exporters.items()}


def erase_user_data(user) -> None:
    for erase in _erasers.values():
        erase(user)
