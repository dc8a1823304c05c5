"""The skill taxonomy, and a skill trainee A declared."""

from __future__ import annotations

from skills.models import TraineeSkill
from tests.authz import personas as p
from tests.courses.factories import SkillCategoryFactory, SkillFactory


def build(world) -> None:
    category = world.add("skill_category", SkillCategoryFactory(slug="authz-making"))
    skill = world.add("skill", SkillFactory(category=category, name="왁스 카빙", name_en="Wax"))
    world.add("skill_2", SkillFactory(category=category, name="보석 세팅", name_en="Setting"))
    world.add(
        "trainee_skill_a",
        TraineeSkill.objects.create(
            user=world.users[p.TRAINEE_A], skill=skill, level=3, source="declared"
        ),
    )
