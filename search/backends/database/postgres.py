# SQL here is assembled from fixed fragments and slot names this module chooses; every value
# (terms, filters, cursors) is a query parameter.
# ruff: noqa: S608
"""PostgreSQL: the page of hits (keyset) and every facet's counts in one statement.

Matching reads a narrow row: ``search_term`` numbers every analyzed Kiwi morpheme once, and
each entry holds the ids of its terms (``term_ids``, GIN-indexed) and of its title's
(``title_ids``). A term in a quarter of the postings then visits a table of ~400-byte rows,
not the ~950-byte rows a tsvector made (docs/search.md has the figures), and the score
(title holds all / some / none of the words, times the recency boost) is integer-array
arithmetic instead of ``ts_rank``. Trigram similarity on titles catches typos.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core.bulk import copy_rows

from ... import analysis
from ...registry import IndexSpec
from . import counts
from .common import FACET_ROWS_KEPT, TextMatch, boost_sql, ident, load_json
from .facets import Conditions, facet_for_column, group_columns

FUZZY_CANDIDATES = 200
FUZZY_THRESHOLD = 0.5


def copy(model, objects: list) -> None:
    """Write new rows with COPY: several times faster than INSERT for a batch."""
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.auto_created)]
    # psycopg adapts numbers, text and dates itself; only JSON needs Django's preparation
    prepared = [isinstance(f, models.JSONField) for f in fields]
    copy_rows(
        model,
        [f.name for f in fields],
        (
            [
                f.get_db_prep_save(getattr(obj, f.attname), connection)
                if prepare
                else getattr(obj, f.attname)
                for f, prepare in zip(fields, prepared, strict=True)
            ]
            for obj in objects
        ),
    )


def term_ids(terms: Iterable[str], *, create: bool) -> dict[str, int]:
    """The dictionary ids of these terms; with ``create``, new terms are numbered first.

    Inserted in sorted order, so two batches adding the same new terms wait for each other
    instead of deadlocking.
    """
    wanted = sorted({term for term in terms if term})
    if not wanted:
        return {}
    with connection.cursor() as cursor:
        if create:
            cursor.execute(
                "INSERT INTO search_term (term) SELECT w FROM unnest(%s::text[]) AS w "
                "ORDER BY w ON CONFLICT (term) DO NOTHING",
                [wanted],
            )
        cursor.execute("SELECT term, id FROM search_term WHERE term = ANY(%s::text[])", [wanted])
        return dict(cursor.fetchall())


ENTRY_COLUMNS = [
    "kind", "object_id", "f1", "f2", "f3", "f4", "f5", "f6", "m1", "m2", "m3", "m4", "m5", "m6",
    "published_at", "deadline", "expires_on", "salary", "indexed_at",
]  # fmt: skip


def insert_entries(entries: list, terms: list[tuple[list[str], list[str]]]) -> None:
    """COPY new entries with the ids of their terms (title terms, body terms), so no row is
    written twice; the entries' primary keys are read back by the caller."""
    ids = term_ids([t for title, body in terms for t in title + body], create=True)
    now = timezone.now()
    columns = ", ".join(ENTRY_COLUMNS + ["term_ids", "title_ids"])
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY search_entry ({columns}) FROM STDIN") as stream,
    ):
        for entry, (title, body) in zip(entries, terms, strict=True):
            entry.indexed_at = now
            stream.write_row(
                [getattr(entry, column) for column in ENTRY_COLUMNS]
                + [
                    sorted({ids[t] for t in title + body if t in ids}),
                    sorted({ids[t] for t in title if t in ids}),
                ]
            )


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def text_match(parsed: analysis.ParsedQuery, today: dt.date) -> TextMatch:
    """The condition and score for the matches of a query.

    Every alternative is a containment test on the GIN-indexed ``term_ids`` (a phrase also
    checks word order in the analyzed text, for the rows that hold all its words). A term
    the dictionary has never seen matches nothing. The score is cheap enough to compute for
    every match: a title holding all the query's words ranks above one holding some, above
    one holding none, each scaled by the recency and deadline boost.
    """
    ids = term_ids(
        [t for c in parsed.clauses for a in c.alternatives for t in a.terms] + parsed.excluded,
        create=False,
    )
    column = "e.term_ids"
    clauses: list[str] = []
    params: list[Any] = []
    every: list[int] = []  # the first alternative of each clause, for ranking
    anyone: set[int] = set()
    for clause in parsed.clauses:
        alternatives = []
        for position, alternative in enumerate(clause.alternatives):
            if any(term not in ids for term in alternative.terms):
                continue
            found = sorted({ids[term] for term in alternative.terms})
            anyone.update(found)
            if position == 0:
                every += found
            sql = f"{column} @> %s::int[]"
            params.append(found)
            if alternative.phrase and len(alternative.terms) > 1:
                sql += (
                    " AND EXISTS (SELECT 1 FROM search_text pt WHERE pt.entry_id = "
                    "e.id AND (to_tsvector('simple', pt.title_terms) || "
                    "to_tsvector('simple', pt.body_terms)) @@ to_tsquery('simple', %s))"
                )
                params.append(" <-> ".join(_lexeme(t) for t in alternative.terms))
            alternatives.append(f"({sql})")
        if not alternatives:
            return TextMatch(condition="false")
        clauses.append("(" + " OR ".join(alternatives) + ")")
    excluded = sorted({ids[term] for term in parsed.excluded if term in ids})
    if excluded:
        clauses.append(f"NOT ({column} && %s::int[])")
        params.append(excluded)
    # "n = ANY(title_ids)" tests (ids are integers from our own table, written inline) cost
    # half of what the array operators @> and && do, per match
    every_sql = " AND ".join(f"{int(i)} = ANY(e.title_ids)" for i in sorted(set(every)))
    some_sql = " OR ".join(f"{int(i)} = ANY(e.title_ids)" for i in sorted(anyone))
    score = (
        f"(CASE WHEN {every_sql or 'false'} THEN 0.3::float8 "
        f"WHEN {some_sql or 'false'} THEN 0.2::float8 ELSE 0.1::float8 END) * "
        + boost_sql("postgresql", today)
    )
    single_term = None
    if (
        len(parsed.clauses) == 1
        and len(parsed.clauses[0].alternatives) == 1
        and len(set(every)) == 1
        and not parsed.excluded
    ):
        single_term = every[0]
    return TextMatch(
        condition=" AND ".join(clauses),
        params=params,
        single_term=single_term,
        # Written so no index serves it: the planner otherwise reads every row of the kind
        # through the (kind, object_id) index and filters, instead of the GIN bitmap.
        kind="(e.kind || '') = %s",
        score=score,
    )


def similar_titles(kind: str, text: str) -> list[int]:
    with transaction.atomic(), connection.cursor() as cursor:
        # <% uses the title's trigram index; a one-letter typo in a three-syllable word
        # (주얼라 for 주얼리) scores 0.5, under the default threshold of 0.6.
        cursor.execute(f"SET LOCAL pg_trgm.word_similarity_threshold = {FUZZY_THRESHOLD}")
        cursor.execute(
            "SELECT e.id FROM search_text t JOIN search_entry e ON e.id = t.entry_id "
            "WHERE e.kind = %s AND %s <%% t.title "
            "ORDER BY word_similarity(%s, t.title) DESC, e.id LIMIT %s",
            [kind, text, text, FUZZY_CANDIDATES],
        )
        return [row[0] for row in cursor.fetchall()]


def run(
    matches_sql,
    params,
    page_sql,
    page_params,
    spec: IndexSpec,
    conditions: Conditions,
    request,
    order: str,
):
    """(page rows, {facet: {value: count}}, total) from one statement."""
    columns = group_columns(spec)
    aggregates = []
    aggregate_params: list[Any] = []
    sql, p = conditions.all_but(None)
    aggregates.append(f"count(*) FILTER (WHERE {sql}) AS c")
    aggregate_params += p
    for name in conditions:
        sql, p = conditions.all_but(name)
        aggregates.append(f"count(*) FILTER (WHERE {sql}) AS c_{ident(name)}")
        aggregate_params += p
    grouped = bool(request.with_facets and columns)
    if grouped:
        sets = ", ".join(f"(m.{c})" for c in columns)
        grouping = ", ".join(f"m.{c}" for c in columns)
        counts = ["c"] + [f"c_{ident(name)}" for name in conditions]
        largest = f"GREATEST({', '.join(counts)})" if len(counts) > 1 else "c"
        # only each facet's largest values travel back (a company facet has thousands)
        facet_sql = (
            "SELECT * FROM (SELECT *, row_number() OVER "
            f"(PARTITION BY g ORDER BY {largest} DESC) AS rn FROM ("
            f"SELECT GROUPING({grouping}) AS g, {', '.join(columns)}, "
            f"{', '.join(aggregates)} FROM m GROUP BY GROUPING SETS ({sets}, ())"
            f") AS grouped) AS ranked WHERE rn <= {FACET_ROWS_KEPT}"
        )
    else:
        facet_sql = f"SELECT {', '.join(aggregates)} FROM m"
    statement = (
        f"WITH m AS MATERIALIZED ({matches_sql}), "
        f"p AS ({page_sql}), f AS ({facet_sql}) "
        "SELECT (SELECT coalesce(json_agg(json_build_array(p.id, p.object_id, p.s) "
        f"ORDER BY {order}), '[]') FROM p), (SELECT coalesce(json_agg(f), '[]') FROM f)"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner's guess for a common term favours a sequential scan that tests every
        # row's ids; the bitmap from the GIN index is several times faster. The matches are
        # materialized once for the page and the facets: in memory, not a temporary file.
        cursor.execute(
            "SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL work_mem = '32MB'"
        )
        cursor.execute(statement, params + page_params + aggregate_params)
        page_json, facets_json = cursor.fetchone()
    rows = load_json(page_json)
    total = 0
    by_facet: dict[str, dict[int, int]] = defaultdict(dict)
    all_bits = (1 << len(columns)) - 1 if grouped else 0
    for row in load_json(facets_json):
        if not grouped or row["g"] == all_bits:
            total = row["c"]
            if not grouped:
                break
            continue
        # GROUPING(): bit set for each column *not* grouped in this row
        for position, column in enumerate(columns):
            bit = 1 << (len(columns) - 1 - position)
            if row["g"] & bit:
                continue
            value = row[column]
            if value is None:
                continue
            facet = facet_for_column(spec, column)
            counter = row.get(f"c_{ident(facet.name)}", row["c"])
            by_facet[facet.name][value] = by_facet[facet.name].get(value, 0) + counter
    return rows, by_facet, total


def _published_before(midnight: dt.datetime, cursor_params: list) -> dt.datetime:
    """Where the newest-first walk over the last stream may start: after a cursor of score
    ``after``, only entries older than the age at which 0.1 × (1 + 0.5 / (1 + age / 30))
    falls to ``after`` can follow, so the walk skips the pages already shown instead of
    reading through them. A minute of slack: the score itself still decides."""
    if not cursor_params:
        return midnight
    recency = float(cursor_params[0]) / 0.1 - 1  # 0.5 / (1 + age / 30), in (0, 0.5]
    if not 0 < recency < 0.5:
        return midnight
    age = 30 * (0.5 / recency - 1)
    try:
        bound = midnight - dt.timedelta(days=age) + dt.timedelta(minutes=1)
    except OverflowError:
        return midnight
    return min(bound, midnight)


def run_counted(
    key: str,
    from_where: str,
    params: list,
    cursor_sql: str,
    cursor_params: list,
    *,
    spec: IndexSpec,
    term_id: int,
    today: dt.date,
    size: int,
    direction: str,
    relevance: bool,
):
    """(page rows, {facet: {value: count}}, total) for one counted term and no filter, or
    None when the term is not counted (any more): the counts come from
    ``search_term_count``, the statement only ranks.

    ``key`` is the sort key ``… AS s`` of an entry ``e``, ``from_where`` the matches' FROM
    and WHERE, ``cursor_sql`` the keyset condition over ``m.s`` and ``m.id``. By relevance the
    page is the best of four streams, each cheap to take the first rows of:

    - titles holding the word: their score (0.3 × a boost of 1 to 1.7) is above every other
      match's (0.1 × at most 1.7);
    - the others with a deadline within the week (boost + 0.2), scored (a few percent);
    - the others published from the start of the day on: one boost, best by id;
    - the rest, whose score only falls with age: newest first through the
      (kind, published_at, id) index, so the first rows after the cursor are the best.
    """
    counts_sql, counts_params = counts.counts_sql(spec.kind, term_id, today)
    limit = int(size) + 1
    statement_params: list[Any] = []

    def stream(extra: str, extra_params: list, order: str) -> str:
        statement_params.extend(params + extra_params + cursor_params)
        return (
            f"(SELECT m.id, m.object_id, m.s FROM (SELECT e.id, e.object_id, "
            f"e.published_at AS pub, {key} {from_where} AND {extra}) AS m "
            f"WHERE {cursor_sql} ORDER BY {order} LIMIT {limit})"
        )

    by_score = f"m.s {direction}, m.id {direction}"
    if relevance:
        week = [today, today + dt.timedelta(days=7)]
        midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)  # as boost_sql's
        other = f"NOT ({int(term_id)} = ANY(e.title_ids))"
        later = "(e.deadline IS NULL OR e.deadline NOT BETWEEN %s AND %s)"
        streams = [
            stream(f"e.title_ids @> ARRAY[{int(term_id)}]", [], by_score),
            # the kind as itself, so the (kind, deadline) and (kind, published_at) indexes serve
            stream(
                f"{other} AND e.kind = %s AND e.deadline BETWEEN %s AND %s",
                [spec.kind, *week],
                by_score,
            ),
            stream(
                f"{other} AND {later} AND e.kind = %s AND e.published_at >= %s",
                [*week, spec.kind, midnight],
                by_score,
            ),
        ]
        page_sql = (
            f"SELECT * FROM ({' UNION ALL '.join(streams)}) AS m ORDER BY {by_score} LIMIT {limit}"
        )
        walk_params_from = len(statement_params)
        walk_sql = stream(
            f"{other} AND {later} AND e.kind = %s AND e.published_at < %s",
            [*week, spec.kind, _published_before(midnight, cursor_params)],
            "m.pub DESC, m.id DESC",
        )
        walk_params = statement_params[walk_params_from:]
        del statement_params[walk_params_from:]
    else:
        page_sql = stream("true", [], by_score)
        walk_sql, walk_params = "", []
    statement = (
        f"WITH p AS ({page_sql}), f AS ({counts_sql}) "
        "SELECT (SELECT coalesce(json_agg(json_build_array(p.id, p.object_id, p.s) "
        f"ORDER BY p.s {direction}, p.id {direction}), '[]') FROM p), "
        "(SELECT coalesce(json_agg(json_build_array(f.slot, f.value, f.n)), '[]') FROM f)"
    )
    fresh = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if fresh:
            # two statements, one snapshot: the page and the counts agree
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute(
            "SET LOCAL enable_seqscan = off; SET LOCAL jit = off; "
            "SET LOCAL max_parallel_workers_per_gather = 0"
        )
        cursor.execute(statement, statement_params + counts_params)
        page_rows, counted = cursor.fetchone()
        page_rows = load_json(page_rows)
        if walk_sql:
            # The last stream walks the (kind, published_at) index newest first and tests
            # each row: with bitmap scans allowed, the planner (misjudging how many rows pass
            # the cursor) reads and sorts every match instead, which on a deep page costs
            # as much as scoring them all.
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(walk_sql, walk_params)
            page_rows += [list(row) for row in cursor.fetchall()]
            reverse = direction == "DESC"
            page_rows.sort(key=lambda row: (row[2], row[0]), reverse=reverse)
            page_rows = page_rows[:limit]
    total = None
    by_slot: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for slot, value, n in load_json(counted):
        if slot == counts.TOTAL_SLOT:
            total = (total or 0) + n
        else:
            by_slot[slot][value] += n
    if total is None:
        return None
    by_facet: dict[str, dict[int, int]] = {}
    for facet in spec.facets:
        slot = counts.MULTI_SLOT if facet.multiple else counts.slot_of(facet.slot)
        kept = [(value, n) for value, n in by_slot[slot].items() if n > 0]
        largest = sorted(kept, key=lambda item: -item[1])[:FACET_ROWS_KEPT]
        by_facet[facet.name] = dict(largest)
    return page_rows, by_facet, total


def matching_entries(entries, parsed: analysis.ParsedQuery):
    match = text_match(parsed, timezone.localdate())
    # the condition is made of this module's fixed fragments; the ids are parameters
    return entries.filter(
        pk__in=RawSQL(f"SELECT e.id FROM search_entry e WHERE {match.condition}", match.params)  # noqa: S611
    )
