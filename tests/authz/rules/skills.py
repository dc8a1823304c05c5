"""A trainee's own skills."""

from __future__ import annotations

from tests.authz.personas import (
    ADMIN,
    COUNSELOR,
    EMPLOYER_A,
    EMPLOYER_B,
    STAFF,
    STAFF_OTHER,
    TRAINEE_A,
    TRAINEE_B,
)
from tests.authz.rules.dsl import everyone, only, pk, row
from tests.authz.rules.known import TRAINEE_ONLY_API, TRAINEE_ONLY_PAGE

NOT_TRAINEES = dict.fromkeys(
    (EMPLOYER_A, EMPLOYER_B, COUNSELOR, STAFF, STAFF_OTHER, ADMIN), TRAINEE_ONLY_PAGE
)

NOT_TRAINEES_API = dict.fromkeys(NOT_TRAINEES, TRAINEE_ONLY_API)

RULES = [
    row(
        "skills:mine",
        GET=only(TRAINEE_A, TRAINEE_B, known=NOT_TRAINEES),
        POST=only(TRAINEE_A, TRAINEE_B, known=NOT_TRAINEES),
        body=lambda w: {"skill": w.pk("skill_2"), "level": 2},
    ),
    # Removing a skill from one's own declared list: the skill is the shared taxonomy's.
    row(
        "skills:mine_remove",
        kwargs={"skill_id": pk("skill")},
        POST=only(TRAINEE_A, TRAINEE_B, known=NOT_TRAINEES),
    ),
    # --- API
    row("api_skills", GET=everyone()),
    row(
        "api_my_skills",
        GET=only(TRAINEE_A, TRAINEE_B, known=NOT_TRAINEES_API),
        PUT=only(TRAINEE_A, TRAINEE_B, known=NOT_TRAINEES_API),
        body=lambda w: {"skills": [{"skill": w.pk("skill_2"), "level": 2}]},
    ),
]
