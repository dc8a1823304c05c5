"""Each trainee's recommendation feed, stored and kept equal to the live ranking.

``matching.recommendations_live`` ranks every open posting that shares a skill with the trainee:
exact, but it aggregates tens of thousands of rows per call at scale. Here each trainee's best
``FEED_SIZE`` postings are kept in ``Recommendation`` rows (with a ``RecommendationState``) and
maintained incrementally, so reading the feed is an index lookup:

- the trainee's skills (``skills.hooks``) or preferences (``services.profile_update``) change →
  the list is marked stale in the same transaction (reads compute live meanwhile) and a task
  recomputes it after commit;
- a posting is published, edited or closed (``services.posting_sync_match_rows``) → a task
  removes it from every list, then scores it in one statement for every trainee with a list who
  holds one of its skills and inserts it where it beats the list's last row (or the list holds
  every candidate), and trims lists to ``FEED_SIZE``; lists left shorter than ``REFILL_BELOW``
  that may be missing candidates are recomputed.

Invariant: a list is the exact top ``len(list)`` of the live ranking (score rounded to 1e-6, ties
newer posting first); ``is_complete`` says it is the whole ranking. Maintenance of one trainee's
list is serialized by locking their state row (PostgreSQL; SQLite runs one writer anyway).
"""

from __future__ import annotations

import logging

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from skills.models import TraineeSkill

from . import matching
from .models import JobSeekerProfile, PostingSkill, Recommendation, RecommendationState

logger = logging.getLogger(__name__)

FEED_SIZE = 50  # postings kept per trainee
REFILL_BELOW = 20  # a list that may be truncated is recomputed when it falls below this


# --- reading ---------------------------------------------------------------------------------


def recommendations_read(
    user: User, *, limit: int = 20, with_courses: bool = True
) -> list[matching.Match]:
    """The trainee's best public postings, explained, from their stored list.

    Falls back to the live ranking (and stores it) when there is no list yet, it is stale, or too
    few of its postings are still public while more candidates may exist.
    """
    state = RecommendationState.objects.filter(user_id=user.pk).first()
    if state is not None and not state.is_stale:
        ids = list(
            Recommendation.objects.filter(user_id=user.pk)
            .order_by("-score", "-posting_id")
            .values_list("posting_id", flat=True)
        )
        top = matching.public_in_order(ids, limit)
        if len(top) >= limit or state.is_complete:
            holdings = matching.holdings_for(user.pk)
            profile = JobSeekerProfile.objects.filter(user=user).first()
            return matching.explain_ranked(
                ids, holdings, profile, limit, with_courses=with_courses, top=top
            )
    fetch = max(FEED_SIZE + 1, limit + matching.CANDIDATE_POOL)
    with transaction.atomic():
        ranked, holdings, profile = _recompute_locked(user.pk, fetch=fetch)
    return matching.explain_ranked(
        [pid for pid, _score in ranked], holdings, profile, limit, with_courses=with_courses
    )


# --- one trainee ----------------------------------------------------------------------------


def _lock_state(user_id: int) -> RecommendationState:
    RecommendationState.objects.get_or_create(user_id=user_id)
    return RecommendationState.objects.select_for_update().get(user_id=user_id)


def _recompute_locked(
    user_id: int, *, fetch: int
) -> tuple[list[tuple[int, float]], dict, JobSeekerProfile | None]:
    """Rank live and store the best ``FEED_SIZE``; call inside a transaction. Locks the state row."""
    state = _lock_state(user_id)
    holdings = matching.holdings_for(user_id)
    profile = JobSeekerProfile.objects.filter(user_id=user_id).first()
    ranked = matching._posting_candidates(holdings, profile, fetch) if holdings else []
    Recommendation.objects.filter(user_id=user_id).delete()
    Recommendation.objects.bulk_create(
        Recommendation(user_id=user_id, posting_id=pid, score=score)
        for pid, score in ranked[:FEED_SIZE]
    )
    state.is_stale = False
    # Fewer rows than asked for: that was every candidate.
    state.is_complete = len(ranked) < fetch and len(ranked) <= FEED_SIZE
    state.refreshed_at = timezone.now()
    state.save()
    return ranked, holdings, profile


def _needs_refresh(state: RecommendationState, size: int) -> bool:
    return state.is_stale or (not state.is_complete and size < REFILL_BELOW)


@transaction.atomic
def trainee_feed_refresh(*, user_id: int, force: bool = False) -> bool:
    """Recompute one trainee's list if it is stale or short (always with ``force``). Idempotent.

    Locks the trainee's state row, so a posting being applied to their list waits.
    """
    if not User.objects.filter(pk=user_id).exists():
        return False
    if not force:
        state = _lock_state(user_id)
        size = Recommendation.objects.filter(user_id=user_id).count()
        if not _needs_refresh(state, size):
            return False
    _recompute_locked(user_id, fetch=FEED_SIZE + 1)
    return True


def trainee_feed_invalidate(user_ids: list[int]) -> None:
    """The trainees' skills or preferences changed: mark their lists stale, recompute after commit.

    Registered with ``skills.hooks`` in ``JobsConfig.ready``; trainees without a list get one on
    their first read.
    """
    from .tasks import refresh_recommendations

    with_list = list(
        RecommendationState.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    if not with_list:
        return
    RecommendationState.objects.filter(user_id__in=with_list).update(is_stale=True)
    for user_id in with_list:
        refresh_recommendations.delay_on_commit(user_id)


# --- one posting ----------------------------------------------------------------------------


def _scoring_sql(posting_id: int, rows: list[PostingSkill]) -> tuple[str, list]:
    """INSERT the posting into the lists where it belongs, scored exactly as the live ranking.

    Mirrors ``matching._posting_candidates`` term for term (the same credits, the same float
    expression per posting skill, the preference points from the posting's copy on its skill rows),
    so the rounded score equals the live one; a missing profile counts as "no preferences".
    """
    first = rows[0]
    values = ", ".join(["(%s, %s, %s" + ", CAST(%s AS DOUBLE PRECISION)" * 10 + ")"] * len(rows))
    params: list = []
    for r in rows:
        verified = [min(1.0, lv / r.min_level) * matching.VERIFIED_FACTOR for lv in range(1, 6)]
        declared = [min(1.0, lv / r.min_level) * matching.DECLARED_FACTOR for lv in range(1, 6)]
        params += [r.skill_id, r.weight, r.weight_total, *verified, *declared]
    loc_cases = []
    if first.work_mode == "remote":
        loc_cases.append("WHEN jp.user_id IS NULL OR jp.remote_ok THEN 1")
    loc_cases.append("WHEN jp.user_id IS NULL OR jp.preferred_districts = '' THEN 1")
    loc_cases.append("WHEN (',' || jp.preferred_districts || ',') LIKE %s THEN 1")
    hybrid = "0.5" if first.work_mode == "hybrid" else "0"
    location_sql = "CASE " + " ".join(loc_cases) + f" ELSE {hybrid} END"
    type_sql = (
        "CASE WHEN jp.user_id IS NULL OR jp.employment_types = '' THEN 1 "
        "WHEN (',' || jp.employment_types || ',') LIKE %s THEN 1 ELSE 0 END"
    )
    no_expectation = "jp.salary_expectation IS NULL OR jp.salary_expectation = 0"
    if first.salary_max is None:
        salary_sql = f"CASE WHEN {no_expectation} THEN 1 ELSE 0.5 END"
        salary_params: list = []
    else:
        salary_sql = (
            f"CASE WHEN {no_expectation} THEN 1 WHEN jp.salary_expectation <= %s THEN 1 "
            "ELSE CAST(%s AS DOUBLE PRECISION) / jp.salary_expectation END"
        )
        salary_params = [first.salary_max, first.salary_max]
    params += [f"%,{first.district},%", f"%,{first.employment_type},%", *salary_params]
    credit = (
        "CASE WHEN ts.source = 'verified' THEN "
        "(CASE ts.level WHEN 1 THEN p.v1 WHEN 2 THEN p.v2 WHEN 3 THEN p.v3 WHEN 4 THEN p.v4 ELSE p.v5 END) "
        "ELSE (CASE ts.level WHEN 1 THEN p.d1 WHEN 2 THEN p.d2 WHEN 3 THEN p.d3 WHEN 4 THEN p.d4 ELSE p.d5 END) END"
    )
    scale = matching.SCORE_SCALE
    rec = Recommendation._meta.db_table
    state = RecommendationState._meta.db_table
    sql = f"""
        WITH p(skill_id, weight, weight_total, v1, v2, v3, v4, v5, d1, d2, d3, d4, d5)
             AS (VALUES {values}),
        best AS (
            SELECT ts.user_id, ts.skill_id, MAX({credit}) AS credit
            FROM {TraineeSkill._meta.db_table} ts
            JOIN p ON p.skill_id = ts.skill_id
            JOIN {state} st ON st.user_id = ts.user_id
            WHERE NOT st.is_stale
            GROUP BY ts.user_id, ts.skill_id
        ),
        scored AS (
            SELECT b.user_id,
                   ROUND(({matching.W_SKILL} * SUM(p.weight * b.credit / p.weight_total)
                   + MAX(CAST({matching.W_LOCATION} * ({location_sql})
                         + {matching.W_TYPE} * ({type_sql})
                         + {matching.W_SALARY} * ({salary_sql}) AS DOUBLE PRECISION)))
                   * {scale}) / {scale} AS score
            FROM best b
            JOIN p ON p.skill_id = b.skill_id
            LEFT JOIN {JobSeekerProfile._meta.db_table} jp ON jp.user_id = b.user_id
            GROUP BY b.user_id
        ),
        tail AS (
            SELECT r.user_id, MIN(r.score) AS last_score
            FROM {rec} r
            WHERE r.user_id IN (SELECT user_id FROM scored)
            GROUP BY r.user_id
        ),
        last AS (
            SELECT t.user_id, t.last_score, MIN(r.posting_id) AS last_posting
            FROM tail t
            JOIN {rec} r ON r.user_id = t.user_id AND r.score = t.last_score
            GROUP BY t.user_id, t.last_score
        )
        INSERT INTO {rec} (user_id, posting_id, score)
        SELECT s.user_id, %s, s.score
        FROM scored s
        JOIN {state} st ON st.user_id = s.user_id
        LEFT JOIN last l ON l.user_id = s.user_id
        WHERE st.is_complete
           OR (l.user_id IS NOT NULL
               AND (s.score > l.last_score
                    OR (s.score = l.last_score AND %s > l.last_posting)))
    """  # noqa: S608 — only fixed SQL snippets are formatted in; every value is a parameter
    params += [posting_id, posting_id]
    return sql, params


@transaction.atomic
def posting_feed_apply(*, posting_id: int) -> int:
    """Bring every stored list up to date with one posting's current state. Idempotent.

    Locks the state rows of the trainees concerned (in user order, so two postings applied at
    once cannot deadlock), then: remove the posting; if it is open, insert it where it belongs;
    trim; recompute lists that may now be truncated too short. Returns the lists that hold it.
    """
    rows = list(PostingSkill.objects.filter(posting_id=posting_id, is_open=True))
    skill_ids = [r.skill_id for r in rows]
    holders = TraineeSkill.objects.filter(skill_id__in=skill_ids).values("user_id")
    in_lists = Recommendation.objects.filter(posting_id=posting_id).values("user_id")
    concerned = (
        Q(user_id__in=in_lists) | Q(user_id__in=holders) if rows else Q(user_id__in=in_lists)
    )
    list(
        RecommendationState.objects.select_for_update()
        .filter(concerned)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    removed_from = set(in_lists.values_list("user_id", flat=True))
    Recommendation.objects.filter(posting_id=posting_id).delete()
    if rows:
        sql, params = _scoring_sql(posting_id, rows)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        _trim(posting_id)
    now_in = set(
        Recommendation.objects.filter(posting_id=posting_id).values_list("user_id", flat=True)
    )
    _refill(removed_from - now_in)
    return len(now_in)


def _trim(posting_id: int) -> None:
    """Cut the lists the posting just entered back to ``FEED_SIZE`` (they are no longer complete)."""
    rec = Recommendation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT user_id FROM {rec}
            WHERE user_id IN (SELECT user_id FROM {rec} WHERE posting_id = %s)
            GROUP BY user_id HAVING COUNT(*) > %s
            """,  # noqa: S608
            [posting_id, FEED_SIZE],
        )
        over = [row[0] for row in cursor.fetchall()]
        if not over:
            return
        RecommendationState.objects.filter(user_id__in=over).update(is_complete=False)
        placeholders = ", ".join(["%s"] * len(over))
        cursor.execute(
            f"""
            DELETE FROM {rec} WHERE id IN (
                SELECT id FROM (
                    SELECT id, ROW_NUMBER() OVER (
                        PARTITION BY user_id ORDER BY score DESC, posting_id DESC
                    ) AS position
                    FROM {rec} WHERE user_id IN ({placeholders})
                ) ranked
                WHERE position > %s
            )
            """,  # noqa: S608
            [*over, FEED_SIZE],
        )


def _refill(user_ids: set[int]) -> None:
    """Recompute, after commit, lists the posting left short while more candidates may exist."""
    if not user_ids:
        return
    from .tasks import refresh_recommendations

    short = RecommendationState.objects.filter(
        user_id__in=user_ids, is_complete=False, is_stale=False
    ).values_list("user_id", flat=True)
    sizes = dict(
        Recommendation.objects.filter(user_id__in=user_ids)
        .values("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    for user_id in short:
        if sizes.get(user_id, 0) < REFILL_BELOW:
            refresh_recommendations.delay_on_commit(user_id)


# --- everyone -------------------------------------------------------------------------------


def feed_rebuild(*, user_ids: list[int] | None = None, missing_only: bool = False) -> int:
    """Recompute the lists of these trainees (default: everyone holding a skill); one transaction each."""
    if user_ids is None:
        user_ids = list(
            TraineeSkill.objects.order_by("user_id").values_list("user_id", flat=True).distinct()
        )
    if missing_only:
        have = set(
            RecommendationState.objects.filter(user_id__in=user_ids, is_stale=False).values_list(
                "user_id", flat=True
            )
        )
        user_ids = [uid for uid in user_ids if uid not in have]
    for user_id in user_ids:
        trainee_feed_refresh(user_id=user_id, force=True)
    return len(user_ids)
