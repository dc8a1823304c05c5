"""The match score's definition: weights, skill credit, preference terms, and their Python value.

``jobs.scoring.sql`` turns the same terms into SQL; docs/matching.md explains them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from skills.models import TraineeSkill
from skills.selectors import is_verified

from ..models import JobSeekerProfile

# --- the formula ------------------------------------------------------------------------------

SOURCE_FACTORS = {TraineeSkill.Source.VERIFIED: 1.0, TraineeSkill.Source.DECLARED: 0.6}
LEVELS = range(1, 6)
SKILLS_WEIGHT = 65
PREFERENCE_WEIGHTS = {"location": 15, "employment_type": 10, "salary": 10}
PREFERENCE_MAX = sum(PREFERENCE_WEIGHTS.values())  # every term is worth 0 to 1
SCORE_SCALE = 1_000_000  # SQL scores are rounded to 1 / SCORE_SCALE points


class Expr:
    """A node of a preference term."""


@dataclass(frozen=True)
class Var(Expr):
    """An input: a posting field or a trainee preference."""

    name: str


@dataclass(frozen=True)
class Equals(Expr):
    value: Expr
    constant: str


@dataclass(frozen=True)
class OneOf(Expr):
    """``item`` is one of ``items`` (a list in Python, comma-separated text in the database)."""

    item: Expr
    items: Expr


@dataclass(frozen=True)
class Empty(Expr):
    items: Expr


@dataclass(frozen=True)
class Unset(Expr):
    """None or 0."""

    value: Expr


@dataclass(frozen=True)
class Missing(Expr):
    """None."""

    value: Expr


@dataclass(frozen=True)
class Flag(Expr):
    value: Expr


@dataclass(frozen=True)
class All(Expr):
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class AnyOf(Expr):
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Ratio(Expr):
    """min(1, numerator ÷ denominator)."""

    numerator: Expr
    denominator: Expr


@dataclass(frozen=True)
class Cases(Expr):
    """The value of the first branch whose condition holds, else ``default``."""

    branches: tuple[tuple[Expr, float | Expr], ...]
    default: float | Expr


# The posting's side (``Posting`` and its copy on ``PostingSkill``) ...
WORK_MODE, DISTRICT, EMPLOYMENT_TYPE, SALARY_MAX = (
    Var("work_mode"),
    Var("district"),
    Var("employment_type"),
    Var("salary_max"),
)
# ... and the trainee's preferences (``JobSeekerProfile``; no profile means no preferences).
DISTRICTS, TYPES, REMOTE_OK, EXPECTATION = (
    Var("districts"),
    Var("employment_types"),
    Var("remote_ok"),
    Var("salary_expectation"),
)

TERMS: dict[str, Expr] = {
    # 1 for a remote job and a trainee open to remote work, no district preference or a preferred
    # district; 0.5 for a hybrid job elsewhere; else 0.
    "location": Cases(
        (
            (All((Equals(WORK_MODE, "remote"), Flag(REMOTE_OK))), 1.0),
            (AnyOf((Empty(DISTRICTS), OneOf(DISTRICT, DISTRICTS))), 1.0),
            (Equals(WORK_MODE, "hybrid"), 0.5),
        ),
        0.0,
    ),
    # 1 when the type is among the preferred ones, or none are chosen.
    "employment_type": Cases(((AnyOf((Empty(TYPES), OneOf(EMPLOYMENT_TYPE, TYPES))), 1.0),), 0.0),
    # 1 without an expectation; 0.5 for 회사 내규에 따름 (unknown, neither good nor bad); else
    # how much of the expectation the posting's maximum reaches.
    "salary": Cases(
        ((Unset(EXPECTATION), 1.0), (Missing(SALARY_MAX), 0.5)), Ratio(SALARY_MAX, EXPECTATION)
    ),
}
assert TERMS.keys() == PREFERENCE_WEIGHTS.keys()


def level_credit(level: int, min_level: int, source: str) -> float:
    """Credit of one skill row of ``level`` from ``source`` against a posting's minimum level."""
    if level <= 0:
        return 0.0
    return min(1.0, level / min_level) * SOURCE_FACTORS[source]


@dataclass
class SkillHolding:
    """A person's levels in one skill: verified and declared (0 when they hold no such row)."""

    skill_id: int
    verified_level: int = 0
    declared_level: int = 0

    def credit(self, min_level: int) -> float:
        return max(
            level_credit(self.verified_level, min_level, TraineeSkill.Source.VERIFIED),
            level_credit(self.declared_level, min_level, TraineeSkill.Source.DECLARED),
        )

    @property
    def level(self) -> int:
        return max(self.verified_level, self.declared_level)

    def is_verified_at(self, min_level: int) -> bool:
        """Verified for a requirement of ``min_level`` (skills' one definition of "verified")."""
        return is_verified(self.verified_level, at_level=min_level)


def add_holding(holdings: dict[int, SkillHolding], skill_id: int, level: int, source: str) -> None:
    holding = holdings.setdefault(skill_id, SkillHolding(skill_id))
    if source == TraineeSkill.Source.VERIFIED:
        holding.verified_level = max(holding.verified_level, level)
    else:
        holding.declared_level = max(holding.declared_level, level)


def holdings_for(user_id: int) -> dict[int, SkillHolding]:
    """The person's verified and declared level of each skill they hold."""
    holdings: dict[int, SkillHolding] = {}
    for skill_id, level, source in TraineeSkill.objects.filter(user_id=user_id).values_list(
        "skill_id", "level", "source"
    ):
        add_holding(holdings, skill_id, level, source)
    return holdings


@dataclass(frozen=True)
class Preferences:
    districts: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()
    remote_ok: bool = True
    salary_expectation: int | None = None

    @classmethod
    def of(cls, profile: JobSeekerProfile | None) -> Preferences:
        if profile is None:
            return cls()
        return cls(
            tuple(profile.district_list),
            tuple(profile.employment_type_list),
            profile.remote_ok,
            profile.salary_expectation,
        )

    def env(self) -> dict[str, Any]:
        return {
            "districts": list(self.districts),
            "employment_types": list(self.employment_types),
            "remote_ok": self.remote_ok,
            "salary_expectation": self.salary_expectation,
        }


POSTING_INPUTS = ("work_mode", "district", "employment_type", "salary_max")


def posting_env(posting) -> dict[str, Any]:
    """The posting's inputs, from a ``Posting`` or a ``PostingSkill`` (which carries a copy)."""
    return {name: getattr(posting, name) for name in POSTING_INPUTS}


# --- in Python ---------------------------------------------------------------------------------


def evaluate(expr: Expr | float, env: dict[str, Any]) -> Any:
    """The value of a term (or a part of it) for known inputs."""
    match expr:
        case float() | int():
            return expr
        case Var(name):
            return env[name]
        case Equals(value, constant):
            return evaluate(value, env) == constant
        case OneOf(item, items):
            return evaluate(item, env) in evaluate(items, env)
        case Empty(items):
            return not evaluate(items, env)
        case Unset(value):
            return not evaluate(value, env)
        case Missing(value):
            return evaluate(value, env) is None
        case Flag(value):
            return bool(evaluate(value, env))
        case All(parts):
            return all(evaluate(p, env) for p in parts)
        case AnyOf(parts):
            return any(evaluate(p, env) for p in parts)
        case Ratio(numerator, denominator):
            return min(1.0, evaluate(numerator, env) / evaluate(denominator, env))
        case Cases(branches, default):
            for condition, value in branches:
                if evaluate(condition, env):
                    return evaluate(value, env)
            return evaluate(default, env)
    raise TypeError(f"not a term: {expr!r}")


def preference_parts(posting, preferences: Preferences) -> dict[str, float]:
    """Each preference term (0–1) of one posting for one trainee."""
    env = {**posting_env(posting), **preferences.env()}
    return {name: float(evaluate(term, env)) for name, term in TERMS.items()}


def total_score(skills: float, parts: dict[str, float]) -> float:
    """The 0–100 score from skill coverage (0–1) and the preference terms, unrounded.

    Summed in the order the SQL sums it: the skills, plus the preference points together.
    """
    preference = sum(PREFERENCE_WEIGHTS[name] * parts[name] for name in PREFERENCE_WEIGHTS)
    return SKILLS_WEIGHT * skills + preference
