"""Each trainee's recommendation feed, stored and kept equal to the live ranking.

``matching.recommendations_live`` ranks every open posting that shares a skill with the trainee:
exact, but it aggregates tens of thousands of rows per call at scale. Here each trainee's best
``FEED_SIZE`` postings are kept in ``Recommendation`` rows (with a ``RecommendationState``) and
maintained incrementally, so reading the feed is an index lookup:

- the trainee's skills (``skills.hooks``) or preferences (``profile_update``) change →
  the list is marked stale in the same transaction (reads compute live meanwhile) and a task
  recomputes it after commit;
- a posting is published, edited or closed (``posting_sync_match_rows``) → a task
  removes it from every list, then scores it in one statement for every trainee with a list who
  holds one of its skills and inserts it where it beats the list's last row (or the list holds
  every candidate), and trims lists to ``FEED_SIZE``; lists left shorter than ``REFILL_BELOW``
  that may be missing candidates are recomputed.

Invariant: a list is the exact top ``len(list)`` of the live ranking (score rounded to 1e-6, ties
newer posting first); ``is_complete`` says it is the whole ranking. Maintenance of one trainee's
list is serialized by locking their state row (PostgreSQL; SQLite runs one writer anyway).
Reading is ``matching.recommendations_for``. Every score comes from ``jobs.scoring``.
"""

from __future__ import annotations

import multiprocessing

from django.db import connection, connections, transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from skills.models import TraineeSkill

from .. import scoring
from ..models import JobSeekerProfile, Posting, PostingSkill, Recommendation, RecommendationState
from ..tasks import refresh_recommendations

FEED_SIZE = 50  # postings kept per trainee
REFILL_BELOW = 20  # a list that may be truncated is recomputed when it falls below this


# --- one trainee ----------------------------------------------------------------------------


def _lock_state(user_id: int) -> RecommendationState:
    RecommendationState.objects.get_or_create(user_id=user_id)
    return RecommendationState.objects.select_for_update().get(user_id=user_id)


def trainee_feed_store(
    *, user_id: int, fetch: int
) -> tuple[list[tuple[int, float]], dict[int, scoring.SkillHolding], JobSeekerProfile | None]:
    """Rank live and store the best ``FEED_SIZE``; call inside a transaction. Locks the state row.

    Returns the ranking (``fetch`` rows at most) and the inputs it was computed from.
    """
    state = _lock_state(user_id)
    holdings = scoring.holdings_for(user_id)
    profile = JobSeekerProfile.objects.filter(user_id=user_id).first()
    ranked = scoring.posting_ranking(holdings, scoring.Preferences.of(profile), fetch)
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
    trainee_feed_store(user_id=user_id, fetch=FEED_SIZE + 1)
    return True


def trainee_feed_invalidate(user_ids: list[int]) -> None:
    """The trainees' skills or preferences changed: mark their lists stale, recompute after commit.

    Registered with ``skills.hooks`` in ``JobsConfig.ready``; trainees without a list get one on
    their first read.
    """
    with_list = list(
        RecommendationState.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
    )
    if not with_list:
        return
    RecommendationState.objects.filter(user_id__in=with_list).update(is_stale=True)
    for user_id in with_list:
        refresh_recommendations.delay_on_commit(user_id)


# --- one posting ----------------------------------------------------------------------------


def _insert_sql(posting_id: int, rows: list[PostingSkill]) -> tuple[str, list]:
    """INSERT the posting into the lists where it belongs, scored as the live ranking scores it.

    ``scoring.trainee_scores_sql`` scores it for every trainee with a fresh list who holds one of
    its skills (the preference points from the posting's copy on its skill rows); it goes in where
    it beats the list's last row, or where the list holds every candidate.
    """
    rec = Recommendation._meta.db_table
    state = RecommendationState._meta.db_table
    scored, params = scoring.trainee_scores_sql(
        rows[0], rows, among=f"JOIN {state} st ON st.user_id = ts.user_id AND NOT st.is_stale"
    )
    # "Beats the last row" is "ranks above some row of the list": two index probes per trainee on
    # (user, -score, -posting) instead of reading whole lists for their minimum.
    sql = f"""
        WITH {scored}
        INSERT INTO {rec} (user_id, posting_id, score)
        SELECT s.user_id, %s, s.score
        FROM scored s
        JOIN {state} st ON st.user_id = s.user_id
        WHERE st.is_complete
           OR EXISTS (SELECT 1 FROM {rec} r WHERE r.user_id = s.user_id AND r.score < s.score)
           OR EXISTS (
               SELECT 1 FROM {rec} r
               WHERE r.user_id = s.user_id AND r.score = s.score AND r.posting_id < %s
           )
    """  # noqa: S608 — only fixed SQL snippets are formatted in; every value is a parameter
    return sql, [*params, posting_id, posting_id]


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
        sql, params = _insert_sql(posting_id, rows)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Aggregate the tens of thousands of holders' rows in memory.
                cursor.execute("SET LOCAL work_mem = '64MB'")
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
        # Counted per list through the (user, …) index: the lists holding the posting are few.
        cursor.execute(
            f"""
            SELECT p.user_id FROM {rec} p
            WHERE p.posting_id = %s
              AND (SELECT COUNT(*) FROM {rec} r WHERE r.user_id = p.user_id) > %s
            """,  # noqa: S608
            [posting_id, FEED_SIZE],
        )
        over = [row[0] for row in cursor.fetchall()]
        if not over:
            return
        RecommendationState.objects.filter(user_id__in=over).update(is_complete=False)
    _cut(over)


def _refill(user_ids: set[int]) -> None:
    """Recompute, after commit, lists the posting left short while more candidates may exist."""
    if not user_ids:
        return
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

REBUILD_BATCH = 200  # trainees ranked per statement by ``feed_rebuild``


CANDIDATES = "jobs_feed_rebuild_candidates"  # SQLite: a temporary table of the connection


def _candidates_sql(pairs: list[tuple[int, int]]) -> dict[str, tuple[str, list]]:
    """The pairs as a query: two arrays on PostgreSQL, a temporary table elsewhere."""
    if connection.vendor == "postgresql":
        return {
            "candidates": (
                "SELECT * FROM unnest(%s::integer[], %s::integer[]) AS c(user_id, posting_id)",
                [[u for u, _p in pairs], [p for _u, p in pairs]],
            ),
            "postings": ("ps.posting_id = ANY(%s::integer[])", [sorted({p for _u, p in pairs})]),
        }
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {CANDIDATES} "
            "(user_id integer NOT NULL, posting_id integer NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {CANDIDATES}")  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {CANDIDATES} (user_id, posting_id) VALUES (%s, %s)",  # noqa: S608
            pairs,
        )
    return {"candidates": (f"SELECT user_id, posting_id FROM {CANDIDATES}", [])}  # noqa: S608


def feed_rebuild_batch(user_ids: list[int], table: scoring.PostingTable | None = None) -> int:
    """Recompute these trainees' lists in one transaction, set-based. Idempotent.

    One ``INSERT … SELECT`` (``scoring.rankings_insert_sql``) ranks the open postings for all of
    them and keeps each one's best ``FEED_SIZE + 1``; the extra row only tells whether the list is
    complete and is deleted. With ``table`` (loaded once per rebuild) the statement scores only
    the pairs ``table.candidates`` pre-selects, which include each trainee's best ``FEED_SIZE + 1``;
    without, every posting sharing a skill. Their state rows are created if missing and locked
    first (in user order), so a posting applied or a change made meanwhile waits and then applies
    to the new list. Returns the number of lists written (trainees that exist).
    """
    rec = Recommendation._meta.db_table
    with transaction.atomic():
        user_ids = sorted(User.objects.filter(pk__in=user_ids).values_list("pk", flat=True))
        if not user_ids:
            return 0
        RecommendationState.objects.bulk_create(
            [RecommendationState(user_id=uid) for uid in user_ids], ignore_conflicts=True
        )
        list(
            RecommendationState.objects.select_for_update()
            .filter(user_id__in=user_ids)
            .order_by("user_id")
            .values_list("user_id", flat=True)
        )
        Recommendation.objects.filter(user_id__in=user_ids).delete()
        candidates = {}
        if table is not None:
            candidates = _candidates_sql(table.candidates(user_ids, FEED_SIZE + 1))
        sql, params = scoring.rankings_insert_sql(user_ids, rec, FEED_SIZE + 1, **candidates)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Hash the (trainee, posting) sums of the whole batch in memory.
                cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute(sql, params)
        over = list(
            Recommendation.objects.filter(user_id__in=user_ids)
            .values("user_id")
            .annotate(n=Count("id"))
            .filter(n__gt=FEED_SIZE)
            .values_list("user_id", flat=True)
        )
        if over:
            _cut(over)
        now = timezone.now()
        RecommendationState.objects.filter(user_id__in=user_ids).update(
            is_stale=False, is_complete=True, refreshed_at=now
        )
        RecommendationState.objects.filter(user_id__in=over).update(is_complete=False)
    return len(user_ids)


_TABLE: scoring.PostingTable | None = None  # the open postings, shared with forked workers


def feed_rebuild(
    *,
    user_ids: list[int] | None = None,
    missing_only: bool = False,
    after_user: int = 0,
    batch: int = REBUILD_BATCH,
    workers: int = 1,
    progress=None,
) -> int:
    """Recompute the lists of these trainees (default: everyone holding a skill), in batches.

    Each batch is one transaction (``feed_rebuild_batch``), so an interrupted rebuild keeps what
    it finished: run it again with ``after_user`` (``progress(done, total, resume_after)`` is told
    after each batch the user id up to which every batch is done) or ``missing_only``. The open
    postings are loaded once (``scoring.PostingTable``) and shared with ``workers`` forked
    processes, each with its own database connection. Postings changed while the rebuild ran are
    applied again at its end (``posting_feed_apply``), as their tasks would.
    """
    global _TABLE  # noqa: PLW0603 — read by the forked workers
    if user_ids is None:
        user_ids = list(
            TraineeSkill.objects.order_by("user_id").values_list("user_id", flat=True).distinct()
        )
    user_ids = sorted(uid for uid in set(user_ids) if uid > after_user)
    if missing_only:
        have = set(
            RecommendationState.objects.filter(user_id__in=user_ids, is_stale=False).values_list(
                "user_id", flat=True
            )
        )
        user_ids = [uid for uid in user_ids if uid not in have]
    if not user_ids:
        return 0
    loaded_at = timezone.now()
    _TABLE = scoring.PostingTable()
    chunks = [user_ids[start : start + batch] for start in range(0, len(user_ids), batch)]
    finished = [False] * len(chunks)
    contiguous, done = 0, 0

    def report(index: int) -> None:
        nonlocal contiguous, done
        finished[index] = True
        done += len(chunks[index])
        while contiguous < len(chunks) and finished[contiguous]:
            contiguous += 1
        if progress is not None:
            progress(done, len(user_ids), chunks[contiguous - 1][-1] if contiguous else after_user)

    try:
        # Forked workers have their own connections: only for committed data (not inside a
        # transaction, such as a test's).
        if workers > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block:
            connections.close_all()  # each forked worker opens its own connection
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for index, _count in pool.imap_unordered(_rebuild_indexed, enumerate(chunks)):
                    report(index)
        else:
            for index, chunk in enumerate(chunks):
                feed_rebuild_batch(chunk, _TABLE)
                report(index)
    finally:
        _TABLE = None
    for posting_id in Posting.objects.filter(updated_at__gte=loaded_at).values_list(
        "pk", flat=True
    ):
        posting_feed_apply(posting_id=posting_id)
    return len(user_ids)


def _rebuild_indexed(item: tuple[int, list[int]]) -> tuple[int, int]:
    index, chunk = item
    return index, feed_rebuild_batch(chunk, _TABLE)


def _cut(user_ids: list[int]) -> None:
    """Delete the rows past ``FEED_SIZE`` in these trainees' lists."""
    rec = Recommendation._meta.db_table
    placeholders = ", ".join(["%s"] * len(user_ids))
    with connection.cursor() as cursor:
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
            [*user_ids, FEED_SIZE],
        )
