"""Evidence of a verified skill, stored as data and put into words in the viewer's language."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

COURSE_COMPLETION = "course_completion"


def course_completion(
    *, course_title: str, course_title_en: str, run_name: str, serial: str, completed_on: str
) -> dict:
    """The evidence of a completed course (수료): what a certificate says, as data."""
    return {
        "kind": COURSE_COMPLETION,
        "course_title": course_title,
        "course_title_en": course_title_en,
        "run_name": run_name,
        "serial": serial,
        "completed_on": completed_on,
    }


def evidence_text(evidence: dict | None, fallback: str = "") -> str:
    """One line for the evidence in the active language; ``fallback`` for free-text evidence."""
    if not evidence or evidence.get("kind") != COURSE_COMPLETION:
        return fallback
    english = (get_language() or "").startswith("en")
    title = (english and evidence.get("course_title_en")) or evidence.get("course_title", "")
    return _("Completed %(course)s %(run)s (%(serial)s)") % {
        "course": title,
        "run": evidence.get("run_name", ""),
        "serial": evidence.get("serial", ""),
    }
