# SQL here is assembled from fixed fragments; every value is a query parameter.
# ruff: noqa: S608
"""PostgreSQL: facet counts kept per common term, so a one-word search needs no aggregate.

A term held by many entries of a kind (``COMMON_TERM_ENTRIES`` or more) is *counted*:
``search_term_count`` keeps, for that kind and term, how many entries hold it (slot 0) and
how many of those have each value in each facet slot (slots 1–6 for ``f1…f6``, slot 7 for
the multi-valued ``m1…m6`` together). A search for that one word with no active filter reads
its total and facet counts from there and only ranks; every other search counts live.

Exact, not approximate:

- every write to ``search_entry`` (``DatabaseBackend.upsert``/``delete``/``clear``) adjusts
  the counted terms' rows in the same transaction, with the entries' stored values — the
  same values the live count reads;
- an entry is hidden from the day its ``expires_on`` comes, without a write: the counts
  include every entry, and a search subtracts those of the term expired by its day (few:
  the hourly close removes postings past their deadline; the ``search_entry_expiry`` index
  finds them);
- nothing else a live count reads changes without a write (a course's seats are a stored
  facet value, re-indexed hourly; the day's boosts change the ranking only).

Locks: a writer takes ``search_term_count`` in ROW EXCLUSIVE mode before it touches an
entry; choosing which terms are counted (``refresh_counted_terms``) and removing unused terms
(``remove_unused_terms``) take SHARE ROW EXCLUSIVE, so they wait for writers in flight and
writers wait for them: a term never starts being counted between a writer's change to an
entry and its change to the counts. Each writer changes the count rows in one statement, in
key order, so two writers do not deadlock on them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import connection, transaction

from ...models import FACET_SLOTS, MULTI_SLOTS

# A term in this many entries of a kind gets its counts kept; below half of it, no longer.
COMMON_TERM_ENTRIES = 2000
BUILD_TERMS = 10  # terms whose counts are built per locked transaction
TOTAL_SLOT = 0
MULTI_SLOT = FACET_SLOTS + 1

# (slot, value) pairs of an entry ``e``: its total, each single-valued slot, each multi value
SLOT_VALUES = (
    "(VALUES (0, 0), "
    + ", ".join(f"({i}, e.f{i})" for i in range(1, FACET_SLOTS + 1))
    + ", "
    + ", ".join(f"({MULTI_SLOT}, e.m{i})" for i in range(1, MULTI_SLOTS + 1))
    + ") AS v(slot, value)"
)


def slot_of(column: str) -> int:
    """The count slot of an entry column (``f3`` → 3, ``m1…m6`` → 7)."""
    return MULTI_SLOT if column.startswith("m") else int(column[1:])


def lock_for_write() -> None:
    """Before a write to ``search_entry``: wait while counted terms are being chosen."""
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE search_term_count IN ROW EXCLUSIVE MODE")


def entry_deltas(entry_ids: list[int], sign: int) -> Counter:
    """What these entries add (sign 1) or take away (-1) from the counted terms' counts."""
    if not entry_ids:
        return Counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.kind, t.term_id, v.slot, v.value, count(*) "
            "FROM search_entry e CROSS JOIN LATERAL unnest(e.term_ids) AS u(term_id) "
            "JOIN search_term_count t ON t.kind = e.kind AND t.term_id = u.term_id "
            "AND t.slot = 0 AND t.value = 0 "
            f"CROSS JOIN LATERAL {SLOT_VALUES} "
            "WHERE e.id = ANY(%s) AND v.value IS NOT NULL GROUP BY 1, 2, 3, 4",
            [entry_ids],
        )
        return Counter({tuple(row[:4]): sign * row[4] for row in cursor.fetchall()})


def apply_deltas(deltas: Counter) -> None:
    """Add these changes to the counts in one statement, rows in key order."""
    rows = sorted((key, n) for key, n in deltas.items() if n)
    if not rows:
        return
    kinds = [kind for (kind, _, _, _), _ in rows]
    terms = [term for (_, term, _, _), _ in rows]
    slots = [slot for (_, _, slot, _), _ in rows]
    values = [value for (_, _, _, value), _ in rows]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_term_count AS c (kind, term_id, slot, value, count) "
            "SELECT * FROM unnest(%s::varchar[], %s::int[], %s::smallint[], %s::int[], %s::int[]) "
            "ORDER BY 1, 2, 3, 4 "
            "ON CONFLICT (kind, term_id, slot, value) DO UPDATE SET count = c.count + "
            "EXCLUDED.count",
            [kinds, terms, slots, values, [n for _, n in rows]],
        )


def clear_kind(kind: str) -> None:
    """Every entry of a kind left: its counted terms count nothing (and stay counted)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_term_count WHERE kind = %s AND slot <> 0", [kind])
        cursor.execute("UPDATE search_term_count SET count = 0 WHERE kind = %s", [kind])


def refresh_counted_terms(kind: str, threshold: int | None = None) -> tuple[int, int]:
    """Count the terms now held by ``threshold`` (``COMMON_TERM_ENTRIES``) entries or more;
    stop counting those under half of it. Returns (terms added, terms dropped).

    Which terms qualify is read without a lock (it is only a choice); each few terms' counts
    are then built under the lock in a transaction of their own, so writers wait seconds, not
    the minute that all of a large index's common terms take at once.
    """
    threshold = threshold or COMMON_TERM_ENTRIES
    floor = max(1, threshold // 2)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t, count(*) FROM search_entry e, unnest(e.term_ids) AS t "
            "WHERE e.kind = %s GROUP BY t HAVING count(*) >= %s",
            [kind, floor],
        )
        frequency = dict(cursor.fetchall())
        cursor.execute("SELECT term_id FROM search_term_count WHERE kind = %s AND slot = 0", [kind])
        counted = {row[0] for row in cursor.fetchall()}
    added = sorted(t for t, n in frequency.items() if n >= threshold and t not in counted)
    dropped = sorted(t for t in counted if frequency.get(t, 0) < floor)
    if dropped:
        forget_terms(kind, dropped)
    for start in range(0, len(added), BUILD_TERMS):
        chunk = added[start : start + BUILD_TERMS]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("LOCK TABLE search_term_count IN SHARE ROW EXCLUSIVE MODE")
            cursor.execute(
                "INSERT INTO search_term_count (kind, term_id, slot, value, count) "
                "SELECT e.kind, t, v.slot, v.value, count(*) FROM search_entry e "
                "CROSS JOIN LATERAL unnest(e.term_ids) AS t "
                f"CROSS JOIN LATERAL {SLOT_VALUES} "
                "WHERE e.kind = %s AND e.term_ids && %s::int[] AND t = ANY(%s) "
                # in key order: a term's rows share a few pages
                "AND v.value IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
                "ON CONFLICT DO NOTHING",
                [kind, chunk, chunk],
            )
    return len(added), len(dropped)


def forget_terms(kind: str, term_ids: list[int] | None = None) -> None:
    """Stop keeping counts for these terms of a kind (None: all of them)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE search_term_count IN SHARE ROW EXCLUSIVE MODE")
        if term_ids is None:
            cursor.execute("DELETE FROM search_term_count WHERE kind = %s", [kind])
        else:
            cursor.execute(
                "DELETE FROM search_term_count WHERE kind = %s AND term_id = ANY(%s)",
                [kind, term_ids],
            )


def remove_unused_terms() -> int:
    """Delete the dictionary's terms no entry holds any more; returns how many."""
    with transaction.atomic(), connection.cursor() as cursor:
        # writers number new terms and then write entries holding them: not in between
        cursor.execute("LOCK TABLE search_term_count IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(
            "WITH used AS (SELECT DISTINCT unnest(term_ids) AS id FROM search_entry) "
            "DELETE FROM search_term s WHERE NOT EXISTS (SELECT 1 FROM used WHERE used.id = s.id)"
        )
        removed = cursor.rowcount
        cursor.execute(
            "DELETE FROM search_term_count c WHERE NOT EXISTS "
            "(SELECT 1 FROM search_term s WHERE s.id = c.term_id)"
        )
    return removed


def is_counted(kind: str, term_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM search_term_count WHERE kind = %s AND term_id = %s AND slot = 0",
            [kind, term_id],
        )
        return cursor.fetchone() is not None


def counts_sql(kind: str, term_id: int, today: dt.date) -> tuple[str, list]:
    """A query of (slot, value, n) rows for a counted term on ``today``, to be summed per
    (slot, value): the kept counts, and minus one for each value of each entry hidden by then.
    Slot 0 is the total; no slot 0 row means the term is not counted (any more)."""
    sql = (
        "SELECT slot, value, count AS n FROM search_term_count "
        "WHERE kind = %s AND term_id = %s AND (count > 0 OR slot = 0) "
        "UNION ALL SELECT v.slot, v.value, -count(*)::int FROM search_entry e "
        f"CROSS JOIN LATERAL {SLOT_VALUES} "
        "WHERE e.kind = %s AND e.expires_on <= %s AND e.term_ids @> ARRAY[%s]::int[] "
        "AND v.value IS NOT NULL GROUP BY 1, 2"
    )
    return sql, [kind, term_id, kind, today, term_id]
