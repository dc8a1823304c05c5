"""Online job fairs. The fairs app is being built: add a row for each route it adds.

Example (objects come from tests/authz/world/fairs.py):

    row("fairs:booth", kwargs={"booth_id": pk("booth_a")}, GET=everyone()),
    row("fairs:booth_edit", kwargs={"booth_id": pk("booth_a")}, GET=only(EMPLOYER_A),
        POST=only(EMPLOYER_A), body={"title": "A 공방 부스"}),
"""

from __future__ import annotations

from tests.authz.rules.dsl import everyone, row

RULES = [
    row("fairs:index", GET=everyone()),
]
