"""Every trainee's best postings at once, scored in memory: the feed's full rebuild.

The full rebuild (``services.feed.feed_rebuild``) must rank every open posting for every trainee:
at 100k postings and 50k trainees that is about 3.4 billion (trainee, posting skill) pairs, too
many to sum in SQL in minutes. ``PostingTable`` loads the open ``PostingSkill`` rows once and, for
each trainee, computes the score of every posting sharing a skill with NumPy, with the very
arithmetic the SQL statements do (``sql.posting_ranking``): per skill row ``weight × credit ÷
total weight`` (the credit from ``SkillHolding.credit``), summed per posting, times
``SKILLS_WEIGHT``, plus the preference points (each term of ``formula.TERMS`` evaluated by
``formula.evaluate`` once per distinct combination of its inputs, never re-implemented, added in
the order ``sql.preference_sql`` adds them), rounded to 1e-6 points as the database rounds
(``rounded``). It keeps each trainee's best ``keep``, ordered as the SQL orders them (score, then
newer posting).

Why it ties with SQL: every operation is the same IEEE double operation in the same order, except
the order in which a posting's few skill rows are summed (the SQL's is unspecified too); that
changes a sum by at most an ulp or two (about 1e-14 points), which the rounding to 1e-6 removes.
``tests/jobs/test_scoring_properties.py`` checks on random data that the lists stored this way
equal those of ``posting_ranking``, score for score.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

import numpy as np
from django.db import connection

from skills.models import TraineeSkill

from ..models import JobSeekerProfile, PostingSkill
from .formula import (
    LEVELS,
    POSTING_INPUTS,
    PREFERENCE_WEIGHTS,
    SCORE_SCALE,
    SKILLS_WEIGHT,
    TERMS,
    Preferences,
    SkillHolding,
    Var,
    add_holding,
    evaluate,
)


def _inputs(expr: Any) -> set[str]:
    """The names of the inputs a term reads."""
    if isinstance(expr, Var):
        return {expr.name}
    found: set[str] = set()
    if is_dataclass(expr):
        for f in fields(expr):
            found |= _inputs(getattr(expr, f.name))
    elif isinstance(expr, tuple):
        for item in expr:
            found |= _inputs(item)
    return found


def _frozen(value: Any) -> Any:
    """A cache key for an input. The terms only ask whether a list is empty or holds an item
    (``Empty``, ``OneOf``), so lists with the same items share a key whatever their order."""
    return tuple(sorted(set(value))) if isinstance(value, list) else value


class PostingTable:
    """The open postings' skill rows and preference inputs, loaded once for a whole rebuild."""

    def __init__(self) -> None:
        rows = list(
            PostingSkill.objects.filter(is_open=True)
            .order_by("skill_id", "posting_id")
            .values_list(
                "skill_id", "posting_id", "min_level", "weight", "weight_total", *POSTING_INPUTS
            )
        )
        self.posting_ids = np.array(sorted({r[1] for r in rows}), dtype=np.int64)
        n = len(self.posting_ids)
        if rows:
            skill = np.array([r[0] for r in rows], dtype=np.int64)
            index = np.searchsorted(self.posting_ids, np.array([r[1] for r in rows]))
            level = np.array([r[2] for r in rows], dtype=np.int64) - 1
            weight = np.array([r[3] for r in rows], dtype=np.float64)
            total = np.array([r[4] for r in rows], dtype=np.float64)
            starts = np.flatnonzero(np.r_[True, skill[1:] != skill[:-1]])
            ends = np.r_[starts[1:], len(rows)]
            self.by_skill = {
                int(skill[a]): (index[a:b], level[a:b], weight[a:b], total[a:b])
                for a, b in zip(starts, ends, strict=True)
            }
        else:
            self.by_skill = {}
        inputs: list[tuple] = [()] * n
        for i, r in zip(index.tolist() if rows else [], rows, strict=True):
            inputs[i] = tuple(r[5:])
        # Per term: the distinct values of the posting inputs it reads, and each posting's class;
        # then each posting's combination of those classes (few distinct ones).
        self.terms = {}
        per_term = []
        for name, term in TERMS.items():
            names = sorted(_inputs(term) & set(POSTING_INPUTS))
            positions = [POSTING_INPUTS.index(x) for x in names]
            classes: dict[tuple, int] = {}
            of_posting = np.array(
                [
                    classes.setdefault(tuple(values[p] for p in positions), len(classes))
                    for values in inputs
                ],
                dtype=np.int64,
            ).reshape(n)
            per_term.append(of_posting)
            trainee_names = sorted(_inputs(term) - set(POSTING_INPUTS))
            self.terms[name] = (names, list(classes), trainee_names, {})
        combined = np.stack(per_term, axis=1) if n else np.zeros((0, len(TERMS)), np.int64)
        self.combinations, self.combination_of_posting = np.unique(
            combined, axis=0, return_inverse=True
        )
        self.combination_of_posting = self.combination_of_posting.reshape(n)

    def _term_values(self, name: str, preferences: dict[str, Any]) -> np.ndarray:
        """The term's value for each class of postings, for one trainee's preferences (cached)."""
        names, classes, trainee_names, cache = self.terms[name]
        key = tuple(_frozen(preferences[x]) for x in trainee_names)
        if key not in cache:
            env = dict(zip(trainee_names, key, strict=True))
            cache[key] = np.array(
                [
                    float(evaluate(TERMS[name], {**env, **dict(zip(names, c, strict=True))}))
                    for c in classes
                ],
                dtype=np.float64,
            )
        return cache[key]

    def _points(self, preferences: Preferences) -> np.ndarray:
        """The preference points of each combination of term classes, summed as the SQL sums them."""
        env = preferences.env()
        points = np.zeros(len(self.combinations))
        for t, name in enumerate(TERMS):
            values = self._term_values(name, env)
            points += PREFERENCE_WEIGHTS[name] * values[self.combinations[:, t]]
        return points

    def ranking(
        self, holdings: dict[int, SkillHolding], preferences: Preferences, keep: int
    ) -> tuple[list[tuple[int, float]], int]:
        """The best ``keep`` (posting id, score), as ``sql.posting_ranking`` gives them, and how many
        open postings share a skill with the person (the length of the whole ranking)."""
        n = len(self.posting_ids)
        keys, parts = [], []
        for skill_id, holding in holdings.items():
            found = self.by_skill.get(skill_id)
            if found is None:
                continue
            index, level, weight, total = found
            credit = np.array([holding.credit(m) for m in LEVELS], dtype=np.float64)
            keys.append(index)
            parts.append(weight * credit[level] / total)  # the SQL's weight * credit / total
        if not keys:
            return [], 0
        index = np.concatenate(keys)
        sums = np.bincount(index, weights=np.concatenate(parts), minlength=n)
        shares = np.zeros(n, dtype=bool)
        shares[index] = True
        hits = np.flatnonzero(shares)
        points = self._points(preferences)
        raw = SKILLS_WEIGHT * sums[hits] + points[self.combination_of_posting[hits]]
        if len(hits) > keep:
            # Rounding keeps the order of scores (it can only make some equal) and moves each by
            # half a unit at most: the best ``keep`` once rounded are among those within a unit of
            # the keep-th unrounded score, so only those are rounded and sorted.
            kth = np.partition(raw, len(hits) - keep)[len(hits) - keep]
            near = raw >= kth - 2 / SCORE_SCALE
            hits, raw = hits[near], raw[near]
        score = rounded(raw)
        order = np.lexsort((-hits, -score))[:keep]
        ranked = list(
            zip(self.posting_ids[hits[order]].tolist(), score[order].tolist(), strict=True)
        )
        return ranked, int(shares.sum())

    def rankings(
        self, user_ids: list[int], keep: int
    ) -> dict[int, tuple[list[tuple[int, float]], int]]:
        """``ranking`` for each of these trainees, from their skill rows and profiles as stored now."""
        holdings: dict[int, dict[int, SkillHolding]] = {uid: {} for uid in user_ids}
        for user_id, skill_id, level, source in TraineeSkill.objects.filter(
            user_id__in=user_ids
        ).values_list("user_id", "skill_id", "level", "source"):
            add_holding(holdings[user_id], skill_id, level, source)
        profiles = {p.user_id: p for p in JobSeekerProfile.objects.filter(user_id__in=user_ids)}
        return {
            user_id: self.ranking(holdings[user_id], Preferences.of(profiles.get(user_id)), keep)
            for user_id in user_ids
        }


def rounded(scores: np.ndarray) -> np.ndarray:
    """Scores rounded to 1 / ``SCORE_SCALE`` points exactly as ``sql._rounded`` rounds in the database.

    ``ROUND(x * scale) / scale``: PostgreSQL rounds a double half to even (``rint``), SQLite half
    away from zero (non-negative scores: ``floor(x + 0.5)``).
    """
    scaled = scores * SCORE_SCALE
    if connection.vendor == "postgresql":
        return np.rint(scaled) / SCORE_SCALE
    return np.floor(scaled + 0.5) / SCORE_SCALE
