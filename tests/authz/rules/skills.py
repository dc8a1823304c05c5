"""A trainee's own skills."""

from __future__ import annotations

from tests.authz.personas import TRAINEE_A, TRAINEE_B
from tests.authz.rules.dsl import everyone, only, pk, row

RULES = [
    row(
        "skills:mine",
        GET=only(TRAINEE_A, TRAINEE_B),
        POST=only(TRAINEE_A, TRAINEE_B),
        body=lambda w: {"skill": w.pk("skill_2"), "level": 2},
    ),
    # Removing a skill from one's own declared list: the skill is the shared taxonomy's.
    row(
        "skills:mine_remove",
        kwargs={"skill_id": pk("skill")},
        POST=only(TRAINEE_A, TRAINEE_B),
    ),
    # --- API
    row("api_skills", GET=everyone()),
    row(
        "api_my_skills",
        GET=only(TRAINEE_A, TRAINEE_B),
        PUT=only(TRAINEE_A, TRAINEE_B),
        body=lambda w: {"skills": [{"skill": w.pk("skill_2"), "level": 2}]},
    ),
]
