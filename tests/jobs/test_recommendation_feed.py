"""The stored recommendation feed always equals the live ranking, and reading it is cheap."""

from __future__ import annotations

import random

import pytest
from django.db import transaction

from jobs import matching, scoring, services
from jobs.models import JobSeekerProfile, Posting, PostingSkill, Recommendation, RecommendationState
from jobs.services import feed
from skills import services as skill_services
from tests.factories import make_trainee

from .conftest import give_skill, posting_data, publish

DISTRICTS = ["jongno", "jung", "mapo", "gangnam"]
TYPES = ["full_time", "contract", "intern", "part_time"]


def _feed_equals_live(user, limit, *, cascaded: bool = False):
    """What a trainee reads equals the live ranking, and their stored list is its exact head.

    The state row holds the list's last row; once a deleted posting's rows have cascaded out of
    lists (``cascaded``), it may instead lie below the real last row, where the list was cut.
    """
    live = [(m.posting.pk, m.score) for m in matching.recommendations_live(user, limit=limit)]
    read = [(m.posting.pk, m.score) for m in matching.recommendations_for(user, limit=limit)]
    assert read == live
    state = RecommendationState.objects.filter(user=user).first()
    if state is None or state.is_stale:
        return
    stored = list(
        Recommendation.objects.filter(user=user)
        .order_by("-score", "-posting_id")
        .values_list("posting_id", "score")
    )
    holdings = scoring.holdings_for(user.pk)
    profile = JobSeekerProfile.objects.filter(user=user).first()
    ranking = scoring.posting_ranking(holdings, scoring.Preferences.of(profile), 10_000)
    assert stored == ranking[: len(stored)]
    if state.is_complete:
        assert len(stored) == len(ranking)
    last = (state.last_posting_id, state.last_score)
    if not cascaded or last == (None, None):
        assert last == (stored[-1] if stored else (None, None))
    elif stored:
        assert (last[1], last[0]) <= (stored[-1][1], stored[-1][0])


class TestFeedFollowsEveryChange:
    @pytest.mark.parametrize("seed", range(6))
    def test_it_equals_the_live_ranking_after_random_operations(
        self, seed, monkeypatch, bob, bob_company, dave, skills, django_capture_on_commit_callbacks
    ):
        # A small feed, so that trimming, truncated lists and refills all happen with few postings.
        monkeypatch.setattr(feed, "FEED_SIZE", 6)
        monkeypatch.setattr(feed, "REFILL_BELOW", 4)
        limit = 4
        rng = random.Random(seed)
        skill_list = list(skills.values())
        trainees = [make_trainee() for _ in range(4)]
        postings: list[Posting] = []
        evidence = 0

        def skill_spec():
            chosen = rng.sample(skill_list, rng.randint(1, 3))
            return [
                {
                    "skill": s.pk,
                    "kind": rng.choice(["required", "preferred"]),
                    "min_level": rng.randint(1, 4),
                }
                for s in chosen
            ]

        def fields():
            salary = rng.choice([None, 30_000_000, 45_000_000])
            return {
                "district": rng.choice(DISTRICTS),
                "employment_type": rng.choice(TYPES),
                "work_mode": rng.choice(["onsite", "onsite", "hybrid", "remote"]),
                "salary_min": salary and salary - 5_000_000,
                "salary_max": salary,
            }

        def op_publish():
            draft = services.posting_create(
                company=bob_company,
                by=bob,
                data=posting_data(title=f"공고 {len(postings)}", **fields()),
                skills=skill_spec(),
            )
            postings.append(publish(draft, dave))

        def op_close():
            open_ = [p for p in postings if p.status == Posting.Status.PUBLISHED]
            if open_:
                chosen = rng.choice(open_)
                postings[postings.index(chosen)] = services.posting_close(posting=chosen, by=bob)

        def op_edit_posting():
            # What an edit of a published posting does (e.g. through the admin): new matching
            # fields and skills, then the sync every posting write ends with.
            open_ = [p for p in postings if p.status == Posting.Status.PUBLISHED]
            if not open_:
                return
            posting = rng.choice(open_)
            with transaction.atomic():
                for key, value in fields().items():
                    setattr(posting, key, value)
                posting.save()
                PostingSkill.objects.filter(posting=posting).delete()
                for spec in skill_spec():
                    PostingSkill.objects.create(
                        posting=posting,
                        skill_id=spec["skill"],
                        kind=spec["kind"],
                        min_level=spec["min_level"],
                        weight=PostingSkill.WEIGHTS[spec["kind"]],
                    )
                services.posting_sync_match_rows(posting)

        def op_declare():
            skill_services.trainee_skill_declare(
                user=rng.choice(trainees), skill=rng.choice(skill_list), level=rng.randint(1, 5)
            )

        def op_replace_declared():
            items = [(s, rng.randint(1, 5)) for s in rng.sample(skill_list, rng.randint(0, 3))]
            skill_services.trainee_skills_replace_declared(user=rng.choice(trainees), items=items)

        def op_verify():
            nonlocal evidence
            evidence += 1
            skill_services.trainee_skill_verify(
                user=rng.choice(trainees),
                skill=rng.choice(skill_list),
                level=rng.randint(1, 5),
                evidence_label="수료",
                evidence_ref=f"certificate:{evidence % 5}",
            )

        def op_unverify():
            skill_services.trainee_skill_unverify(evidence_ref=f"certificate:{rng.randint(0, 4)}")

        def op_preferences():
            services.profile_update(
                user=rng.choice(trainees),
                data={
                    "preferred_districts": rng.sample(DISTRICTS, rng.randint(0, 2)),
                    "employment_types": rng.sample(TYPES, rng.randint(0, 2)),
                    "remote_ok": rng.random() < 0.5,
                    "salary_expectation": rng.choice([None, 35_000_000, 50_000_000]),
                },
            )

        cascaded = False

        def op_delete_posting():
            # Deleting a posting (the admin can) cascades to its rows in the lists, behind the
            # feed's back: the lists must stay exact for the postings applied after.
            nonlocal cascaded
            if postings:
                chosen = postings.pop(rng.randrange(len(postings)))
                cascaded |= Recommendation.objects.filter(posting=chosen).exists()
                chosen.delete()

        def op_read():
            matching.recommendations_for(rng.choice(trainees), limit=limit)

        operations = [
            (op_publish, 6),
            (op_close, 2),
            (op_edit_posting, 2),
            (op_declare, 3),
            (op_replace_declared, 1),
            (op_verify, 2),
            (op_unverify, 1),
            (op_preferences, 2),
            (op_delete_posting, 1),
            (op_read, 3),
        ]
        ops, weights = zip(*operations, strict=True)
        for _step in range(70):
            with django_capture_on_commit_callbacks(execute=True):
                rng.choices(ops, weights=weights)[0]()
            for trainee in trainees:
                _feed_equals_live(trainee, limit, cascaded=cascaded)


class TestMaintenance:
    def test_a_trainee_without_a_list_gets_one_on_first_read(self, posting, alice, skills):
        give_skill(alice, skills["Wax carving"], 3)
        assert not Recommendation.objects.filter(user=alice).exists()
        [match] = matching.recommendations_for(alice)
        assert match.posting == posting
        assert list(
            Recommendation.objects.filter(user=alice).values_list("posting_id", flat=True)
        ) == [posting.pk]
        state = RecommendationState.objects.get(user=alice)
        assert state.is_complete and not state.is_stale

    def test_a_published_posting_enters_existing_lists_without_recomputing_them(
        self, posting, alice, bob, bob_company, dave, skills, django_capture_on_commit_callbacks
    ):
        give_skill(alice, skills["Gem appraisal"], 4)
        matching.recommendations_for(alice)
        refreshed_at = RecommendationState.objects.get(user=alice).refreshed_at
        with django_capture_on_commit_callbacks(execute=True):
            other = publish(
                services.posting_create(
                    company=bob_company,
                    by=bob,
                    data=posting_data(title="보석 감정사"),
                    skills=[{"skill": skills["Gem appraisal"].pk, "min_level": 3}],
                ),
                dave,
            )
        assert list(
            Recommendation.objects.filter(user=alice).values_list("posting_id", flat=True)
        ) == [other.pk]
        assert RecommendationState.objects.get(user=alice).refreshed_at == refreshed_at
        with django_capture_on_commit_callbacks(execute=True):
            services.posting_close(posting=other, by=bob)
        assert not Recommendation.objects.filter(user=alice).exists()
        assert matching.recommendations_for(alice) == []

    def test_a_skill_change_makes_reads_live_until_the_list_is_recomputed(
        self, posting, alice, skills, django_capture_on_commit_callbacks
    ):
        give_skill(alice, skills["Gem appraisal"], 4)
        assert matching.recommendations_for(alice) == []
        with transaction.atomic():
            skill_services.trainee_skill_declare(user=alice, skill=skills["Wax carving"], level=3)
            # the recompute waits for the commit; meanwhile the list is stale and reads rank live
            assert RecommendationState.objects.get(user=alice).is_stale
            assert [m.posting for m in matching.recommendations_for(alice)] == [posting]

    def test_the_read_path_uses_a_fixed_number_of_queries(
        self, alice, bob, bob_company, dave, skills, django_assert_max_num_queries
    ):
        for i in range(25):
            publish(
                services.posting_create(
                    company=bob_company,
                    by=bob,
                    data=posting_data(title=f"세공 {i}"),
                    skills=[{"skill": skills["Wax carving"].pk, "min_level": 2}],
                ),
                dave,
            )
        give_skill(alice, skills["Wax carving"], 3)
        matching.recommendations_for(alice)
        # state, list, skills, profile, postings, their skills, courses and their runs
        with django_assert_max_num_queries(8):
            assert len(matching.recommendations_for(alice)) == 20

    def test_the_rebuild_command_builds_every_list(self, posting, alice, skills):
        from django.core.management import call_command

        give_skill(alice, skills["Wax carving"], 3)
        other = make_trainee()
        give_skill(other, skills["Polishing"], 1)
        call_command("rebuild_recommendations", verbosity=0)
        assert Recommendation.objects.filter(user__in=[alice, other]).count() == 2
