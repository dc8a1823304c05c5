"""Each trainee's recommendation feed, stored and kept equal to the live ranking.

``matching.recommendations_live`` ranks every open posting that shares a skill with the trainee:
exact, but it aggregates tens of thousands of rows per call at scale. Here each trainee's best
``FEED_SIZE`` postings are kept in ``Recommendation`` rows (with a ``RecommendationState``) and
maintained incrementally, so reading the feed is an index lookup:

- the trainee's skills (``skills.hooks``) or preferences (``profile_update``) change →
  the list is marked stale in the same transaction (reads compute live meanwhile) and a task
  recomputes it after commit;
- a posting is published, edited or closed (``posting_feed_apply``) → a task removes it from
  every list, scores it in one statement for every trainee with a fresh list who holds one of its
  skills, and inserts it where it beats the list's last row (stored on ``RecommendationState``:
  a column comparison, not a look at every list) or the list holds every candidate; lists over
  ``FEED_SIZE`` are trimmed, lists left shorter than ``REFILL_BELOW`` that may be missing
  candidates are recomputed.

Invariant: a list is the exact top ``len(list)`` of the live ranking (score rounded to 1e-6, ties
newer posting first); ``is_complete`` says it is the whole ranking; ``last_score`` and
``last_posting_id`` are its last row after every write here. (Deleting a posting cascades to its
rows without touching the state: the stored row then lies below the list's real last row, at the
point where the list was cut, and the comparison stays exact, since every posting cut from an
incomplete list ranks below it.) Maintenance of one trainee's list is serialized by locking
their state row (PostgreSQL; SQLite runs one writer anyway); a posting being applied locks only
the lists it enters or leaves, and first waits for the whole-list recomputations in flight
(``_recomputing`` / ``_wait_for_recomputations``), which may have ranked before it was published.
Reading is ``matching.recommendations_for``. Every score comes from ``jobs.scoring``.
"""

from __future__ import annotations

import multiprocessing

from django.db import connection, connections, transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from core.bulk import copy_rows
from skills.models import TraineeSkill

from .. import scoring
from ..models import JobSeekerProfile, Posting, PostingSkill, Recommendation, RecommendationState
from ..tasks import refresh_recommendations

FEED_SIZE = 50  # postings kept per trainee
REFILL_BELOW = 20  # a list that may be truncated is recomputed when it falls below this


# --- one trainee ----------------------------------------------------------------------------


RECOMPUTING = (
    0x6A6F_6273_6665_6564  # "jobsfeed": the advisory lock key of whole-list recomputations
)


def _recomputing() -> None:
    """Say, until commit, that this transaction recomputes whole lists (PostgreSQL).

    Taken before any state row is locked. ``posting_feed_apply`` waits for these transactions
    before it looks at the lists: one of them may have ranked before the posting was published
    (or changed) and would store a list that misses it, on a state row the posting does not beat.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [RECOMPUTING])


def _wait_for_recomputations() -> None:
    """Wait until every whole-list recomputation in flight has committed (PostgreSQL).

    Those starting later rank with the posting's current rows, committed before its task runs.
    Called before any row lock is taken, so it cannot be part of a deadlock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [RECOMPUTING])
            cursor.execute("SELECT pg_advisory_unlock(%s)", [RECOMPUTING])


def _lock_state(user_id: int) -> RecommendationState:
    _recomputing()
    RecommendationState.objects.get_or_create(user_id=user_id)
    return RecommendationState.objects.select_for_update().get(user_id=user_id)


def _set_last_rows(user_ids) -> None:
    """Store the last row of these trainees' lists on their state rows (two index probes each)."""
    user_ids = list(user_ids)
    if not user_ids:
        return
    rec = Recommendation._meta.db_table
    state = RecommendationState._meta.db_table
    last = f"""
        SELECT r.{{column}} FROM {rec} r WHERE r.user_id = {state}.user_id
        ORDER BY r.score, r.posting_id LIMIT 1
    """  # noqa: S608
    condition, params = _user_ids_sql(f"{state}.user_id", user_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {state} SET last_score = ({last.format(column="score")}),
                last_posting_id = ({last.format(column="posting_id")})
            WHERE {condition}
            """,  # noqa: S608
            params,
        )


def _user_ids_sql(column: str, user_ids: list[int]) -> tuple[str, list]:
    """``column`` is one of these ids: an array on PostgreSQL (any number), a list elsewhere."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::integer[])", [list(user_ids)]
    return f"{column} IN ({', '.join(['%s'] * len(user_ids))})", list(user_ids)


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
    state.last_posting_id, state.last_score = ranked[:FEED_SIZE][-1] if ranked else (None, None)
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


def _entering_sql(posting_id: int, rows: list[PostingSkill]) -> tuple[str, list]:
    """The trainees whose list the posting would enter, with its score, by their stored last row.

    ``scoring.trainee_scores_sql`` scores it for every trainee with a fresh list who holds one of
    its skills (the preference points from the posting's copy on its skill rows); it enters where
    the list holds every candidate or it ranks above the list's last row. Read without locks:
    ``posting_feed_apply`` checks again under the lock of the lists found.
    """
    state = RecommendationState._meta.db_table
    scored, params = scoring.trainee_scores_sql(
        rows[0],
        rows,
        among=f"JOIN {state} st ON st.user_id = k.user_id AND NOT st.is_stale",
        # Most lists end far above what the posting can score for most holders: those are
        # dropped on their skill part alone, before their preferences are read.
        worth="st.is_complete OR {best} >= st.last_score",
    )
    sql = f"""
        WITH {scored}
        SELECT s.user_id, s.score
        FROM scored s
        JOIN {state} st ON st.user_id = s.user_id
        WHERE st.is_complete
           OR st.last_score < s.score
           OR (st.last_score = s.score AND st.last_posting_id < %s)
        ORDER BY s.user_id
    """  # noqa: S608 — only fixed SQL snippets are formatted in; every value is a parameter
    return sql, [*params, posting_id]


def _insert(posting_id: int, entering: list[tuple[int, float]]) -> list[int]:
    """Insert the posting, with its score, into the lists it still enters; return their trainees.

    Called with their state rows locked: the same comparison with the stored last row as
    ``_entering_sql``, on the rows as they are now (a list recomputed meanwhile has a new last
    row, or holds the posting already).
    """
    rec = Recommendation._meta.db_table
    state = RecommendationState._meta.db_table
    if connection.vendor == "postgresql":
        pairs = "SELECT * FROM unnest(%s::integer[], %s::double precision[])"
        params: list = [[u for u, _s in entering], [score for _u, score in entering]]
    else:
        pairs = "VALUES " + ", ".join(["(%s, CAST(%s AS REAL))"] * len(entering))
        params = [value for pair in entering for value in pair]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH c(user_id, score) AS ({pairs})
            INSERT INTO {rec} (user_id, posting_id, score)
            SELECT c.user_id, %s, c.score
            FROM c
            JOIN {state} st ON st.user_id = c.user_id AND NOT st.is_stale
            WHERE (
                st.is_complete
                OR st.last_score < c.score
                OR (st.last_score = c.score AND st.last_posting_id < %s)
            )
            AND NOT EXISTS (
                SELECT 1 FROM {rec} r WHERE r.user_id = c.user_id AND r.posting_id = %s
            )
            RETURNING user_id
            """,  # noqa: S608
            [*params, posting_id, posting_id, posting_id],
        )
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def posting_feed_apply(*, posting_id: int) -> int:
    """Bring every stored list up to date with one posting's current state. Idempotent.

    Waits for whole-list recomputations in flight, finds (without locks) the lists the posting
    enters by their stored last row, then locks the state rows of those and of the lists holding
    it (in user order, so two postings applied at once cannot deadlock) and: removes the posting;
    inserts it where it still belongs; trims; stores the lists' new last rows; recomputes lists
    that may now be truncated too short. Returns the lists that hold it.
    """
    _wait_for_recomputations()
    rows = list(PostingSkill.objects.filter(posting_id=posting_id, is_open=True))
    entering: list[tuple[int, float]] = []
    if rows:
        sql, params = _entering_sql(posting_id, rows)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Aggregate the tens of thousands of holders' rows in memory.
                cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute(sql, params)
            entering = [(row[0], float(row[1])) for row in cursor.fetchall()]
    in_lists = Recommendation.objects.filter(posting_id=posting_id).values("user_id")
    _lock_states(posting_id, [u for u, _s in entering])
    removed_from = set(in_lists.values_list("user_id", flat=True))
    Recommendation.objects.filter(posting_id=posting_id).delete()
    now_in: set[int] = set()
    if entering:
        now_in = set(_insert(posting_id, entering))
        _trim(posting_id)
    _set_last_rows(removed_from | now_in)
    _refill(removed_from - now_in)
    return len(now_in)


def _lock_states(posting_id: int, user_ids: list[int]) -> None:
    """Lock the state rows of the lists holding the posting and of these trainees, in user order."""
    if connection.vendor != "postgresql":
        return  # SQLite runs one writer at a time
    rec = Recommendation._meta.db_table
    state = RecommendationState._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT user_id FROM {state}
            WHERE user_id IN (
                SELECT user_id FROM {rec} WHERE posting_id = %s
                UNION SELECT unnest(%s::integer[])
            )
            ORDER BY user_id
            FOR UPDATE
            """,  # noqa: S608
            [posting_id, user_ids],
        )


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

REBUILD_BATCH = 500  # trainees per transaction in ``feed_rebuild``


def feed_rebuild_batch(user_ids: list[int], table: scoring.PostingTable | None = None) -> int:
    """Recompute these trainees' lists in one transaction, set-based. Idempotent.

    With ``table`` (the open postings, loaded once per rebuild) each list is ranked in memory
    (``PostingTable.rankings``: the SQL's arithmetic and rounding, in NumPy) and written with
    COPY. Without, one ``INSERT … SELECT`` (``scoring.rankings_insert_sql``) ranks the open
    postings for all of them and keeps each one's best ``FEED_SIZE + 1``; the extra row only tells
    whether the list is complete and is deleted. Their state rows are created if missing and
    locked first (in user order), so a posting applied or a change made meanwhile waits and then
    applies to the new list. Returns the number of lists written (trainees that exist).
    """
    rec = Recommendation._meta.db_table
    with transaction.atomic():
        _recomputing()
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
        now = timezone.now()
        if table is not None:
            # Read after the locks: a skill change committed meanwhile is in these rankings.
            rankings = table.rankings(user_ids, FEED_SIZE)
            copy_rows(
                Recommendation,
                ["user", "posting", "score"],
                (
                    (user_id, posting_id, score)
                    for user_id, (ranked, _count) in rankings.items()
                    for posting_id, score in ranked
                ),
            )
            incomplete = [uid for uid, (_ranked, count) in rankings.items() if count > FEED_SIZE]
            _mark_fresh(user_ids, incomplete, now)
            return len(user_ids)
        sql, params = scoring.rankings_insert_sql(user_ids, rec, FEED_SIZE + 1)
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
        _mark_fresh(user_ids, over, now)
    return len(user_ids)


def _mark_fresh(user_ids: list[int], incomplete: list[int], now) -> None:
    """The lists of ``user_ids`` were just recomputed; those of ``incomplete`` were cut."""
    RecommendationState.objects.filter(user_id__in=user_ids).update(
        is_stale=False, is_complete=True, refreshed_at=now
    )
    if incomplete:
        RecommendationState.objects.filter(user_id__in=incomplete).update(is_complete=False)
    _set_last_rows(user_ids)


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
