"""Skills: declared and verified, verified ranks first; the me/skills API."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from skills.models import TraineeSkill
from skills.selectors import skills_for_trainee
from skills.services import trainee_skill_declare, trainee_skill_unverify, trainee_skill_verify
from tests.courses.factories import SkillFactory


@pytest.fixture
def cad(db):
    return SkillFactory(name="주얼리 CAD", name_en="Jewelry CAD")


@pytest.fixture
def casting(db):
    return SkillFactory(name="주조", name_en="Casting")


class TestServices:
    def test_verified_ranks_above_declared(self, alice, cad, casting):
        trainee_skill_declare(user=alice, skill=casting, level=5)
        trainee_skill_declare(user=alice, skill=cad, level=4)
        trainee_skill_verify(
            user=alice,
            skill=cad,
            level=2,
            evidence_label="주얼리 CAD 1기 수료",
            evidence_ref="certificate:1",
        )
        held = skills_for_trainee(alice)
        assert [(h.skill.name, h.source, h.level) for h in held] == [
            ("주얼리 CAD", "verified", 2),
            ("주조", "declared", 5),
        ]
        assert held[0].declared_level == 4

    def test_verify_is_idempotent_and_never_lowers(self, alice, cad):
        trainee_skill_verify(
            user=alice, skill=cad, level=3, evidence_label="a", evidence_ref="certificate:1"
        )
        trainee_skill_verify(
            user=alice, skill=cad, level=3, evidence_label="a", evidence_ref="certificate:1"
        )
        trainee_skill_verify(
            user=alice, skill=cad, level=2, evidence_label="b", evidence_ref="certificate:2"
        )
        row = TraineeSkill.objects.get(user=alice, source="verified")
        assert (row.level, row.evidence_ref) == (3, "certificate:1")

    def test_unverify_by_evidence(self, alice, cad):
        trainee_skill_verify(
            user=alice, skill=cad, level=3, evidence_label="a", evidence_ref="certificate:9"
        )
        assert trainee_skill_unverify(evidence_ref="certificate:9") == 1
        assert skills_for_trainee(alice) == []

    def test_levels_outside_1_to_5_are_refused(self, alice, cad):
        with pytest.raises(ValidationError):
            trainee_skill_declare(user=alice, skill=cad, level=6)


class TestMySkillsApi:
    def test_put_replaces_declared_and_keeps_verified(self, alice, cad, casting):
        trainee_skill_verify(
            user=alice, skill=cad, level=3, evidence_label="수료", evidence_ref="certificate:1"
        )
        client = APIClient()
        client.force_authenticate(alice)
        response = client.put(
            "/api/v1/me/skills/", {"skills": [{"skill": casting.pk, "level": 2}]}, format="json"
        )
        assert response.status_code == 200
        assert [(s["skill"]["name"], s["verified"]) for s in response.json()] == [
            ("주얼리 CAD", True),
            ("주조", False),
        ]
        response = client.put("/api/v1/me/skills/", {"skills": []}, format="json")
        assert [s["skill"]["name"] for s in response.json()] == ["주얼리 CAD"]

    def test_bad_input_changes_nothing(self, alice, cad, casting):
        trainee_skill_declare(user=alice, skill=casting, level=2)
        client = APIClient()
        client.force_authenticate(alice)
        for body in (
            {"skills": [{"skill": cad.pk, "level": 9}]},
            {"skills": [{"skill": 999999, "level": 1}]},
            {"skills": [{"skill": cad.pk, "level": 1}, {"skill": cad.pk, "level": 2}]},
        ):
            response = client.put("/api/v1/me/skills/", body, format="json")
            assert response.status_code == 400
            assert set(response.json()) == {"detail", "errors"}
        assert [s.skill for s in skills_for_trainee(alice)] == [casting]

    def test_needs_login(self, db):
        assert APIClient().get("/api/v1/me/skills/").status_code in (401, 403)
