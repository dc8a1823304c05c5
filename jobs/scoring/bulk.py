"""Every trainee's best postings at once: a fast pre-selection for the feed's full rebuild.

The full rebuild (``services.feed.feed_rebuild``) must rank every open posting for every trainee:
at 100k postings and 50k trainees that is about 3.4 billion (trainee, posting skill) pairs, too
many to sum in SQL in minutes. ``PostingTable`` loads the open ``PostingSkill`` rows once and, for a
batch of trainees, sums the skill part of the score for every posting with NumPy and adds the
preference terms (each term evaluated by ``formula.evaluate`` once per distinct combination of its
inputs, never re-implemented), then keeps per trainee the postings within ``MARGIN`` points of
their ``keep``-th best. The database then scores exactly those pairs with the SQL formula
(``sql.rankings_insert_sql(candidates=…)``), so what is stored is the SQL's score and order; this
module only decides which pairs are worth scoring.

Why it is safe: the NumPy score differs from the SQL one only by float rounding (about 1e-12)
and the SQL rounding to 1e-6, far below ``MARGIN``; so every posting the SQL would rank among a
trainee's best ``keep`` is within the margin of the ``keep``-th NumPy score, and is a candidate.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

import numpy as np

from skills.models import TraineeSkill

from ..models import JobSeekerProfile, PostingSkill
from .formula import (
    LEVELS,
    POSTING_INPUTS,
    PREFERENCE_WEIGHTS,
    SKILLS_WEIGHT,
    TERMS,
    Preferences,
    SkillHolding,
    Var,
    add_holding,
    evaluate,
)

MARGIN = 1e-3  # points; much larger than any float difference between NumPy and SQL
TINY = 1e-9


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
    return tuple(value) if isinstance(value, list) else value


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
            share = np.array([r[3] for r in rows], dtype=np.float64) / np.array(
                [r[4] for r in rows], dtype=np.float64
            )
            starts = np.flatnonzero(np.r_[True, skill[1:] != skill[:-1]])
            ends = np.r_[starts[1:], len(rows)]
            self.by_skill = {
                int(skill[a]): (index[a:b], level[a:b], share[a:b])
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

    def candidates(self, user_ids: list[int], keep: int) -> list[tuple[int, int]]:
        """(user id, posting id) pairs that include each trainee's best ``keep`` postings."""
        n = len(self.posting_ids)
        if not user_ids or not n:
            return []
        holdings: dict[int, dict[int, SkillHolding]] = {uid: {} for uid in user_ids}
        for user_id, skill_id, level, source in TraineeSkill.objects.filter(
            user_id__in=user_ids
        ).values_list("user_id", "skill_id", "level", "source"):
            add_holding(holdings[user_id], skill_id, level, source)
        profiles = {p.user_id: p for p in JobSeekerProfile.objects.filter(user_id__in=user_ids)}
        pairs: list[tuple[int, int]] = []
        for user_id in user_ids:
            keys, weights = [], []
            for skill_id, holding in holdings[user_id].items():
                found = self.by_skill.get(skill_id)
                if found is None:
                    continue
                index, level, share = found
                credit = np.array([holding.credit(m) for m in LEVELS], dtype=np.float64)
                keys.append(index)
                # TINY marks "shares a skill" even where the credit is 0 (65 x 7 x TINY << MARGIN).
                weights.append(share * credit[level] + TINY)
            if not keys:
                continue
            sums = np.bincount(np.concatenate(keys), weights=np.concatenate(weights), minlength=n)
            hits = np.flatnonzero(sums)
            if len(hits) <= keep:
                pairs += [(user_id, pid) for pid in self.posting_ids[hits].tolist()]
                continue
            # The preference points of each combination of term classes, then of each posting.
            env = Preferences.of(profiles.get(user_id)).env()
            points = np.zeros(len(self.combinations))
            for t, name in enumerate(TERMS):
                values = self._term_values(name, env)
                points += PREFERENCE_WEIGHTS[name] * values[self.combinations[:, t]]
            score = SKILLS_WEIGHT * sums[hits] + points[self.combination_of_posting[hits]]
            kth = np.partition(score, len(hits) - keep)[len(hits) - keep]
            chosen = hits[score >= kth - MARGIN]
            pairs += [(user_id, pid) for pid in self.posting_ids[chosen].tolist()]
        return pairs
