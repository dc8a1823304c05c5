"""One definition of "verified" (skills.selectors.is_verified): fit panel, résumé, matching and API agree."""

import pytest

from jobs import matching
from jobs.selectors import resume_context
from skills.selectors import is_verified, skills_for_trainee
from tests.jobs.conftest import give_skill, posting, posting_data, publish, skills  # noqa: F401


@pytest.fixture
def alice_polishes(alice, skills):  # noqa: F811
    """Verified at 2 by a course, and self-declared at 3."""
    give_skill(alice, skills["Polishing"], 2, "verified")
    give_skill(alice, skills["Polishing"], 3, "declared")
    return alice


def _item(match, skill):
    return next(s for s in match.matched_skills + match.missing_skills if s["skill_id"] == skill.pk)


def test_the_fit_panel_says_verified_2_as_the_resume_does(alice_polishes, posting, skills):  # noqa: F811
    item = _item(matching.match_for_posting(alice_polishes, posting), skills["Polishing"])
    assert (item["level"], item["verified"]) == (2, True)  # not "3, verified"
    [held] = [s for s in resume_context(alice_polishes)["skills"] if s.skill == skills["Polishing"]]
    assert (held.level, held.is_verified) == (2, True)


def test_a_declared_level_never_makes_a_requirement_verified(alice, posting, skills):  # noqa: F811
    give_skill(alice, skills["Wax carving"], 1, "verified")
    give_skill(alice, skills["Wax carving"], 3, "declared")
    item = _item(matching.match_for_posting(alice, posting), skills["Wax carving"])
    assert item["verified"] is False  # the job asks for 3; only 1 is verified
    assert item["level"] == 3


def test_the_pages_and_the_api_agree(client, alice_polishes, posting, skills, bob):  # noqa: F811
    client.force_login(alice_polishes)
    mine = client.get("/api/v1/me/skills/").json()
    row = next(r for r in mine if r["skill"]["id"] == skills["Polishing"].pk)
    assert (row["level"], row["verified"]) == (2, True)
    assert [h.level for h in skills_for_trainee(alice_polishes) if h.is_verified] == [2]


def test_the_rule_itself():
    assert is_verified(2) and is_verified(2, at_level=2)
    assert not is_verified(2, at_level=3) and not is_verified(0)
