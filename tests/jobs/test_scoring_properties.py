"""Property: for any skills, levels and preferences, the SQL rankings and the Python scores agree,
and the stored feed equals the live ranking.

One formula (``jobs.scoring``) yields four statements: a trainee's postings
(``posting_ranking``), a posting's trainees (``trainee_ranking``), the feed's insert of one
posting into every stored list (``services.feed.posting_feed_apply``) and the feed's set-based
rebuild of many lists at once (``services.feed.feed_rebuild_batch``). Hypothesis draws postings
and trainees; each example runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.services import consents_record
from jobs import matching, scoring
from jobs.models import JobSeekerProfile, Posting, PostingSkill, Recommendation, RecommendationState
from jobs.services import feed, posting_sync_match_rows
from skills.models import TraineeSkill
from tests.factories import make_trainee

from .conftest import posting_data

# The SQL rounds scores to 1e-6 points; the rest is float noise.
TOLERANCE = 1e-6
DISTRICTS = ["jongno", "jung", "mapo", "gangnam"]
TYPES = ["full_time", "contract", "intern", "part_time"]
SKILLS = ["Wax carving", "Jewelry CAD", "Stone setting", "Polishing", "Gem appraisal"]
# Annual salaries in whole 만원 millions, as postings and profiles state them.
salaries = st.integers(min_value=18, max_value=90).map(lambda m: m * 1_000_000)

posting_specs = st.fixed_dictionaries(
    {
        "skills": st.lists(
            st.tuples(
                st.sampled_from(SKILLS),
                st.sampled_from(["required", "preferred"]),
                st.integers(min_value=1, max_value=5),
            ),
            min_size=1,
            max_size=3,
            unique_by=lambda item: item[0],
        ),
        "district": st.sampled_from(DISTRICTS),
        "employment_type": st.sampled_from(TYPES),
        "work_mode": st.sampled_from(["onsite", "hybrid", "remote"]),
        "salary_max": st.none() | salaries,
    }
)
trainee_specs = st.fixed_dictionaries(
    {
        # (verified level, declared level) per skill; 0 means no such row
        "levels": st.dictionaries(
            st.sampled_from(SKILLS),
            st.tuples(st.integers(0, 5), st.integers(0, 5)),
            max_size=5,
        ),
        "profile": st.none()
        | st.fixed_dictionaries(
            {
                "preferred_districts": st.lists(
                    st.sampled_from(DISTRICTS), unique=True, max_size=3
                ),
                "employment_types": st.lists(st.sampled_from(TYPES), unique=True, max_size=3),
                "remote_ok": st.booleans(),
                "salary_expectation": st.none() | st.just(0) | salaries,
            }
        ),
        "discoverable": st.booleans(),
    }
)


def _publish(company, by, skills, spec, *, title: str, open_: bool = True) -> Posting:
    fields = {k: spec[k] for k in ("district", "employment_type", "work_mode", "salary_max")}
    posting = Posting.objects.create(
        company=company,
        created_by=by,
        status=Posting.Status.PUBLISHED if open_ else Posting.Status.DRAFT,
        **{**posting_data(title=title, salary_min=None), **fields},
    )
    for name, kind, level in spec["skills"]:
        PostingSkill.objects.create(
            posting=posting,
            skill=skills[name],
            kind=kind,
            min_level=level,
            weight=PostingSkill.WEIGHTS[kind],
        )
    posting_sync_match_rows(posting)
    return posting


def _trainee(skills, spec):
    user = make_trainee()
    for name, (verified, declared) in spec["levels"].items():
        for level, source in ((verified, "verified"), (declared, "declared")):
            if level:
                TraineeSkill.objects.create(
                    user=user, skill=skills[name], level=level, source=source
                )
    if spec["profile"] is not None:
        prefs = spec["profile"]
        JobSeekerProfile.objects.create(
            user=user,
            preferred_districts=",".join(prefs["preferred_districts"]),
            employment_types=",".join(prefs["employment_types"]),
            remote_ok=prefs["remote_ok"],
            salary_expectation=prefs["salary_expectation"],
        )
    if spec["discoverable"]:
        consents_record(user=user, granted={"employer_discovery": True})
    return user


def _shares_a_skill(posting: Posting, holdings) -> bool:
    return any(row.skill_id in holdings for row in posting.posting_skills.all())


def _assert_ranking_agrees(ranking: list[tuple[int, float]], python: dict[int, float]) -> None:
    """Same candidates, each score within the rounding, and the order Python's scores give."""
    assert {pk for pk, _score in ranking} == set(python)
    for pk, score in ranking:
        assert abs(score - python[pk]) <= TOLERANCE, (pk, score, python[pk])
    for (a, _sa), (b, _sb) in pairwise(ranking):
        assert python[a] >= python[b] - 2 * TOLERANCE


def _stored_lists(trainees) -> dict[int, tuple]:
    """Each trainee's state (stale, complete, last row) and stored list, best first."""
    return {
        user.pk: (
            *RecommendationState.objects.filter(user=user).values_list(
                "is_stale", "is_complete", "last_posting_id", "last_score"
            )[0],
            list(
                Recommendation.objects.filter(user=user)
                .order_by("-score", "-posting_id")
                .values_list("posting_id", "score")
            ),
        )
        for user in trainees
    }


def _check(bob_company, bob, skills, postings_spec, later_spec, trainees_spec, close_first):
    postings = [
        _publish(bob_company, bob, skills, spec, title=f"공고 {i}")
        for i, spec in enumerate(postings_spec)
    ]
    trainees = [_trainee(skills, spec) for spec in trainees_spec]

    # A trainee's postings: SQL ranking against the Python explanation.
    for user in trainees:
        holdings = scoring.holdings_for(user.pk)
        profile = JobSeekerProfile.objects.filter(user=user).first()
        ranking = scoring.posting_ranking(holdings, scoring.Preferences.of(profile), 1000)
        python = {
            p.pk: matching.explain(p, holdings, profile).exact_score
            for p in postings
            if _shares_a_skill(p, holdings)
        }
        _assert_ranking_agrees(ranking, python)

    # A posting's discoverable trainees (those consenting; with or without a profile).
    for posting in postings:
        rows = list(posting.posting_skills.all())
        ranking = scoring.trainee_ranking(posting, rows, 1000)
        python = {}
        for user, spec in zip(trainees, trainees_spec, strict=True):
            profile = JobSeekerProfile.objects.filter(user=user).first()
            holdings = scoring.holdings_for(user.pk)
            if spec["discoverable"] and _shares_a_skill(posting, holdings):
                python[user.pk] = matching.explain(posting, holdings, profile).exact_score
        _assert_ranking_agrees(ranking, python)

    # The stored feed: lists built now, then postings published and closed one at a time.
    for user in trainees:
        feed.trainee_feed_store(user_id=user.pk, fetch=feed.FEED_SIZE + 1)
    # The set-based rebuild of everyone at once stores exactly what one ranking per trainee did
    # (``posting_ranking``), score for score, with the same states and last rows: in SQL, and
    # ranked in memory with NumPy.
    one_by_one = _stored_lists(trainees)
    for _stale, _complete, last_posting, last_score, stored in one_by_one.values():
        assert (last_posting, last_score) == (stored[-1] if stored else (None, None))
    feed.feed_rebuild_batch([user.pk for user in trainees])
    assert _stored_lists(trainees) == one_by_one
    feed.feed_rebuild_batch([user.pk for user in trainees], scoring.PostingTable())
    assert _stored_lists(trainees) == one_by_one
    for i, spec in enumerate(later_spec):
        later = _publish(bob_company, bob, skills, spec, title=f"새 공고 {i}")
        feed.posting_feed_apply(posting_id=later.pk)
        postings.append(later)
    if close_first and postings:
        closed = postings[0]
        closed.status = Posting.Status.CLOSED
        closed.save()
        posting_sync_match_rows(closed)
        feed.posting_feed_apply(posting_id=closed.pk)
    for user in trainees:
        state = RecommendationState.objects.get(user=user)
        stored = list(
            Recommendation.objects.filter(user=user)
            .order_by("-score", "-posting_id")
            .values_list("posting_id", "score")
        )
        profile = JobSeekerProfile.objects.filter(user=user).first()
        live = scoring.posting_ranking(
            scoring.holdings_for(user.pk), scoring.Preferences.of(profile), 10_000
        )
        assert stored == live[: len(stored)]
        assert len(stored) == min(len(live), feed.FEED_SIZE) or not state.is_complete
        assert (state.last_posting_id, state.last_score) == (stored[-1] if stored else (None, None))
        read = [(m.posting.pk, m.score) for m in matching.recommendations_for(user, limit=4)]
        expected = [(m.posting.pk, m.score) for m in matching.recommendations_live(user, limit=4)]
        assert read == expected


def _property(max_examples: int):
    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        postings_spec=st.lists(posting_specs, min_size=1, max_size=5),
        later_spec=st.lists(posting_specs, max_size=3),
        trainees_spec=st.lists(trainee_specs, min_size=1, max_size=3),
        close_first=st.booleans(),
    )
    def check(
        monkeypatch, bob_company, bob, skills, postings_spec, later_spec, trainees_spec, close_first
    ):
        # A small list, so that trimming and truncated lists happen with a few postings.
        monkeypatch.setattr(feed, "FEED_SIZE", 3)
        with transaction.atomic():
            _check(bob_company, bob, skills, postings_spec, later_spec, trainees_spec, close_first)
            transaction.set_rollback(True)

    return check


test_sql_and_python_agree_and_the_feed_equals_the_live_ranking = pytest.mark.postgres(
    _property(max_examples=150)
)
test_sql_and_python_agree_on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="runs as the postgres-marked property on PostgreSQL"
)(_property(max_examples=60))


class TestPostingTableTiesWithSql:
    """The full rebuild ranks in memory (``scoring.PostingTable``): the same lists, score for
    score and in the same order, as ``posting_ranking`` computes in the database."""

    @pytest.mark.parametrize("seed", range(3))
    def test_it_ranks_exactly_as_the_sql_on_random_data(self, seed, bob_company, bob, skills):
        rng = random.Random(seed)
        names = list(skills)

        def salary():  # whole millions as forms give them, and odd amounts that do not divide
            return rng.choice([None, rng.randint(18, 90) * 1_000_000, rng.randint(1, 10**8)])

        postings = []
        for i in range(60):
            chosen = rng.sample(names, rng.randint(1, 4))
            spec = {
                "skills": [
                    (name, rng.choice(["required", "preferred"]), rng.randint(1, 5))
                    for name in chosen
                ],
                "district": rng.choice(DISTRICTS),
                "employment_type": rng.choice(TYPES),
                "work_mode": rng.choice(["onsite", "hybrid", "remote"]),
                "salary_max": salary(),
            }
            postings.append(_publish(bob_company, bob, skills, spec, title=f"공고 {i}"))
        # Some closed: in neither ranking.
        for posting in rng.sample(postings, 10):
            posting.status = Posting.Status.CLOSED
            posting.save()
            posting_sync_match_rows(posting)
        table = scoring.PostingTable()
        compared = 0
        for _ in range(15):
            spec = {
                "levels": {
                    name: (rng.randint(0, 5), rng.randint(0, 5))
                    for name in rng.sample(names, rng.randint(1, 5))
                },
                "profile": rng.choice(
                    [
                        None,
                        {
                            "preferred_districts": rng.sample(DISTRICTS, rng.randint(0, 3)),
                            "employment_types": rng.sample(TYPES, rng.randint(0, 3)),
                            "remote_ok": rng.random() < 0.5,
                            "salary_expectation": rng.choice([None, 0, salary() or 1]),
                        },
                    ]
                ),
                "discoverable": False,
            }
            user = _trainee(skills, spec)
            holdings = scoring.holdings_for(user.pk)
            preferences = scoring.Preferences.of(JobSeekerProfile.objects.filter(user=user).first())
            sql = scoring.posting_ranking(holdings, preferences, 10_000)
            assert table.ranking(holdings, preferences, 10_000) == (sql, len(sql))
            assert table.ranking(holdings, preferences, 5) == (sql[:5], len(sql))
            compared += len(sql)
        assert compared > 200  # most trainees share skills with many postings
