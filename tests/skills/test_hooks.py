"""Apps further along (jobs' recommendation feed) hear about every change to a trainee's skills."""

from __future__ import annotations

import pytest

from skills import hooks
from skills.services import (
    trainee_skill_declare,
    trainee_skill_unverify,
    trainee_skill_verify,
    trainee_skill_withdraw,
    trainee_skills_replace_declared,
)
from tests.courses.factories import SkillFactory


@pytest.fixture
def heard(monkeypatch):
    calls: list[list[int]] = []
    monkeypatch.setattr(hooks, "_listeners", {"test": calls.append})
    return calls


class TestSkillsChangedHook:
    def test_it_reports_every_change_to_a_trainees_skills(self, db, alice, heard):
        cad = SkillFactory(name="주얼리 CAD")
        trainee_skill_declare(user=alice, skill=cad, level=3)
        trainee_skills_replace_declared(user=alice, items=[(cad, 4)])
        trainee_skill_withdraw(user=alice, skill=cad)
        trainee_skill_verify(
            user=alice, skill=cad, level=2, evidence_label="수료", evidence_ref="c:1"
        )
        trainee_skill_unverify(evidence_ref="c:1")
        assert heard and all(ids == [alice.pk] for ids in heard)
        assert len(heard) == 6  # declare, replace (+ its declare), withdraw, verify, unverify

    def test_it_stays_quiet_when_nothing_changes(self, db, alice, heard):
        cad = SkillFactory(name="주얼리 CAD")
        trainee_skill_verify(user=alice, skill=cad, level=3, evidence_label="a", evidence_ref="c:1")
        heard.clear()
        trainee_skill_verify(user=alice, skill=cad, level=2, evidence_label="b", evidence_ref="c:2")
        trainee_skill_unverify(evidence_ref="c:9")
        assert heard == []
