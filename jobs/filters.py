"""What the experience and education filters of the job list mean, in one place.

A job seeker filters by what they bring, the way Korean job boards ask: 신입 (postings open
to newcomers), 경력 (postings for experienced people), 경력무관 (postings that do not ask),
their years of experience, and their highest education. Each choice becomes the set of
``Posting.experience_level`` / ``Posting.education`` values it admits, so the database
filter (``selectors.search_postings``) and the search app's facet filters (exact values,
OR-ed, on the database and the Elasticsearch backend alike) select the same postings.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Education, ExperienceLevel

# 신입 / 경력 / 경력무관: a posting that does not ask ("any") suits newcomers and
# experienced people alike.
EXPERIENCE_CHOICES = [
    ("entry", pgettext_lazy("experience filter", "New (신입)")),
    ("career", pgettext_lazy("experience filter", "Experienced (경력)")),
    ("any", pgettext_lazy("experience filter", "Any experience (무관)")),
]
EXPERIENCE_LEVELS = {
    "entry": [ExperienceLevel.ANY, ExperienceLevel.ENTRY],
    "career": [
        ExperienceLevel.ANY,
        ExperienceLevel.JUNIOR,
        ExperienceLevel.MID,
        ExperienceLevel.SENIOR,
    ],
    "any": [ExperienceLevel.ANY],
}
# The fewest years of experience each level asks for.
MIN_YEARS = {
    ExperienceLevel.ANY: 0,
    ExperienceLevel.ENTRY: 0,
    ExperienceLevel.JUNIOR: 1,
    ExperienceLevel.MID: 3,
    ExperienceLevel.SENIOR: 5,
}
MAX_YEARS = 60

# Highest education, lowest first; a posting asking for "any" suits everyone.
EDUCATION_ORDER = [
    Education.ANY,
    Education.HIGH_SCHOOL,
    Education.COLLEGE,
    Education.BACHELOR,
    Education.MASTER,
]
EDUCATION_CHOICES = [
    ("high_school", _("High school graduate")),
    ("college", _("Two-year college graduate (전문대)")),
    ("bachelor", _("University graduate (4년제)")),
    ("master", _("Master's degree or higher")),
]


def experience_levels(choice: str | None, years: int | None = None) -> list[str] | None:
    """The experience levels a seeker's choice and years admit; None when nothing is chosen."""
    if not choice and years is None:
        return None
    levels = [str(v) for v in EXPERIENCE_LEVELS.get(choice or "", ExperienceLevel.values)]
    if years is not None:
        levels = [v for v in levels if MIN_YEARS[ExperienceLevel(v)] <= years]
    return levels


def education_levels(highest: str | None) -> list[str] | None:
    """The education requirements a seeker with ``highest`` meets; None when nothing is chosen."""
    if not highest or highest not in Education.values:
        return None
    rank = EDUCATION_ORDER.index(Education(highest))
    return [str(v) for v in EDUCATION_ORDER[: rank + 1]]


def search_facets(params: dict) -> dict[str, list[str]]:
    """The same filters as facet values for the search app (``experience``, ``education``)."""
    facets = {}
    levels = experience_levels(params.get("experience"), _years(params.get("years")))
    if levels is not None:
        facets["experience"] = levels
    education = education_levels(params.get("education"))
    if education is not None:
        facets["education"] = education
    return facets


def _years(value) -> int | None:
    try:
        years = int(value)
    except (TypeError, ValueError):
        return None
    return min(max(years, 0), MAX_YEARS)
