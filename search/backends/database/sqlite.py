# SQL here is assembled from fixed fragments and slot names this module chooses; every value
# (terms, filters, cursors) is a query parameter.
# ruff: noqa: S608
"""SQLite (the zero-configuration mode): an FTS5 table over the analyzed terms matches, bm25
ranks; the page, the total and each facet's counts are separate statements over the matches."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import connection
from django.db.models.expressions import RawSQL

from ... import analysis
from ...models import MULTI_SLOTS
from ...registry import IndexSpec
from .common import TextMatch, boost_sql
from .facets import Conditions


def fts5_query_text(parsed: analysis.ParsedQuery) -> str:
    def quoted(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    clauses = []
    for clause in parsed.clauses:
        alternatives = []
        for alternative in clause.alternatives:
            if alternative.phrase:
                alternatives.append(quoted(" ".join(alternative.terms)))
            else:
                alternatives.append("(" + " AND ".join(quoted(t) for t in alternative.terms) + ")")
        clauses.append("(" + " OR ".join(alternatives) + ")")
    query = " AND ".join(clauses)
    if parsed.excluded:
        query = f"({query}) NOT ({' OR '.join(quoted(t) for t in parsed.excluded)})"
    return query


def text_match(parsed: analysis.ParsedQuery, today: dt.date) -> TextMatch:
    """The FTS5 table's matches, ranked by bm25 (title terms weigh four times the body's)."""
    return TextMatch(
        joins=" JOIN search_text_fts ON search_text_fts.rowid = e.id",
        condition="search_text_fts MATCH %s",
        params=[fts5_query_text(parsed)],
        score="(-bm25(search_text_fts, 4.0, 1.0)) * " + boost_sql("sqlite", today),
    )


def run(
    matches_sql, params, page_sql, page_params, spec: IndexSpec, conditions: Conditions, request
):
    """(page rows, {facet: {value: count}}, total)."""
    prefix = f"WITH m AS ({matches_sql}) "
    with connection.cursor() as cursor:
        cursor.execute(prefix + page_sql, params + page_params)
        rows = [list(r) for r in cursor.fetchall()]
        sql, p = conditions.all_but(None)
        cursor.execute(prefix + f"SELECT count(*) FROM m WHERE {sql}", params + p)
        total = cursor.fetchone()[0]
        by_facet: dict[str, dict[int, int]] = defaultdict(dict)
        if request.with_facets:
            for facet in spec.facets:
                sql, p = conditions.all_but(facet.name)
                columns = (
                    [f"m{i}" for i in range(1, MULTI_SLOTS + 1)] if facet.multiple else [facet.slot]
                )
                for column in columns:
                    cursor.execute(
                        prefix + f"SELECT m.{column}, count(*) FROM m WHERE {sql} "
                        f"AND m.{column} IS NOT NULL GROUP BY m.{column}",
                        params + p,
                    )
                    for value, count in cursor.fetchall():
                        by_facet[facet.name][value] = by_facet[facet.name].get(value, 0) + count
    return rows, by_facet, total


def matching_entries(entries, parsed: analysis.ParsedQuery):
    return entries.filter(
        pk__in=RawSQL(
            "SELECT rowid FROM search_text_fts WHERE search_text_fts MATCH %s",
            [fts5_query_text(parsed)],
        )
    )
