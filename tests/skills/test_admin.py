"""Center staff correcting someone's skills in the admin: logged about the person, and jobs hears of it."""

from __future__ import annotations

import pytest

from core.audit import entries_about
from skills import hooks
from skills.models import TraineeSkill
from skills.services import trainee_skill_declare
from tests.courses.factories import SkillFactory
from tests.factories import UserFactory, add_totp


@pytest.fixture
def root(client, db):
    user = UserFactory(email="root@example.com", name="관리자", is_staff=True, is_superuser=True)
    add_totp(user)
    client.force_login(user)
    return user


@pytest.fixture
def heard(monkeypatch):
    calls: list[list[int]] = []
    monkeypatch.setattr(hooks, "_listeners", {"test": calls.append})
    return calls


def test_a_corrected_level_is_logged_and_announced(client, root, alice, heard):
    cad = SkillFactory(name="주얼리 CAD")
    row = trainee_skill_declare(user=alice, skill=cad, level=2)
    heard.clear()
    url = f"/admin/skills/traineeskill/{row.pk}/change/"
    response = client.post(
        url,
        {
            "skill": cad.pk,
            "level": "4",
            "source": "declared",
            "evidence_label": "",
            "evidence_ref": "",
            "_continue": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    row.refresh_from_db()
    assert row.level == 4 and row.user == alice
    entry = entries_about(alice).get()
    assert (entry.action, entry.actor) == ("skills.trainee_skill.corrected", root)
    assert entry.data["level"] == 4 and entry.data["fields"] == ["level"]
    assert heard == [[alice.pk]]  # the recommendations are recomputed
    page = client.get(url).content.decode()
    assert "센터 운영자가 보유 기술 수정" in page
    client.force_login(alice)
    assert "센터 운영자가 보유 기술 수정" in client.get("/settings/privacy/").content.decode()


def test_a_removed_skill_is_logged_and_announced(client, root, alice, heard):
    row = trainee_skill_declare(user=alice, skill=SkillFactory(name="왁스 카빙"), level=3)
    heard.clear()
    response = client.post(f"/admin/skills/traineeskill/{row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TraineeSkill.objects.filter(pk=row.pk).exists()
    assert [e.action for e in entries_about(alice)] == ["skills.trainee_skill.removed"]
    assert heard == [[alice.pk]]
