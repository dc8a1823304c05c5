"""The match score, declared once (``formula``); its Python value and its SQL (``sql``) derive from it.

score (0–100) = 65 × skills + 15 × location + 10 × employment type + 10 × salary

- **skills**: Σ weight × credit ÷ Σ weight over the posting's skills (a required skill weighs 3,
  a preferred one 1: ``PostingSkill.WEIGHTS``); credit = source factor × min(1, level ÷ minimum
  level), the factor 1.0 for a verified skill and 0.6 for a declared one, the better of the two
  when a person holds both.
- **preferences**: the three terms in ``TERMS``, written as small expressions over the posting's
  fields and the trainee's preferences. ``evaluate`` computes them in Python (the explanation);
  ``compile_sql`` turns them into SQL where either side is a column and the other known, folding
  what is known, so the database only sees the branches that can still differ.

Three statements rank with this formula: ``posting_ranking`` (a trainee's open postings, from
``PostingSkill``), ``trainee_ranking`` (a posting's discoverable trainees) and, through
``trainee_scores_sql``, the stored feed's insert of one posting into every list
(``services.feed``); ``rankings_insert_sql`` is ``posting_ranking`` for many trainees at once;
``bulk.PostingTable`` computes the same rankings in memory for the feed's full rebuild. Scores are
rounded to 1e-6 points (``SCORE_SCALE``), so the same score summed in another order ties exactly.
docs/matching.md explains the terms.
"""

from .bulk import PostingTable
from .formula import (
    LEVELS,
    PREFERENCE_WEIGHTS,
    SCORE_SCALE,
    SKILLS_WEIGHT,
    SOURCE_FACTORS,
    TERMS,
    Preferences,
    SkillHolding,
    add_holding,
    evaluate,
    holdings_for,
    level_credit,
    posting_env,
    preference_parts,
    total_score,
)
from .sql import (
    Column,
    Sql,
    compile_sql,
    posting_ranking,
    preference_sql,
    rankings_insert_sql,
    trainee_ranking,
    trainee_scores_sql,
)

__all__ = [
    "LEVELS",
    "PREFERENCE_WEIGHTS",
    "SCORE_SCALE",
    "SKILLS_WEIGHT",
    "SOURCE_FACTORS",
    "TERMS",
    "Column",
    "PostingTable",
    "Preferences",
    "SkillHolding",
    "Sql",
    "add_holding",
    "compile_sql",
    "evaluate",
    "holdings_for",
    "level_credit",
    "posting_env",
    "posting_ranking",
    "preference_parts",
    "preference_sql",
    "rankings_insert_sql",
    "total_score",
    "trainee_ranking",
    "trainee_scores_sql",
]
