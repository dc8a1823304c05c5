# SQL here is assembled from fixed fragments and slot names this module chooses; every value
# (terms, filters, cursors) is a query parameter.
# ruff: noqa: S608
"""PostgreSQL: a GIN-indexed tsvector of Kiwi morphemes matches; the page of hits (keyset) and
every facet's counts come from one statement; trigram similarity on titles catches typos."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import connection, models, transaction
from django.db.models import BooleanField, ExpressionWrapper
from django.db.models.expressions import RawSQL

from core.bulk import copy_rows

from ... import analysis
from ...registry import IndexSpec
from .common import FACET_ROWS_KEPT, boost_sql, ident, load_json
from .facets import Conditions, facet_for_column, group_columns

FUZZY_CANDIDATES = 200
FUZZY_THRESHOLD = 0.5


def tsquery_text(parsed: analysis.ParsedQuery) -> str:
    """A to_tsquery() string from analyzed terms; each lexeme quoted, so input is never syntax."""

    def lexeme(term: str) -> str:
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    clauses = []
    for clause in parsed.clauses:
        alternatives = []
        for alternative in clause.alternatives:
            joiner = " <-> " if alternative.phrase else " & "
            alternatives.append("(" + joiner.join(lexeme(t) for t in alternative.terms) + ")")
        clauses.append("(" + " | ".join(alternatives) + ")")
    query = " & ".join(clauses)
    for term in parsed.excluded:
        query += f" & !{lexeme(term)}"
    return query


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


def write_vectors(entry_ids: list[int]) -> None:
    """Fill the search columns of these entries from their analyzed terms (search_text)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_entry e SET "
            "title_vector = to_tsvector('simple', t.title_terms), "
            "vector = setweight(to_tsvector('simple', t.title_terms), 'A') || "
            "setweight(to_tsvector('simple', t.body_terms), 'B') "
            "FROM search_text t WHERE t.entry_id = e.id AND e.id = ANY(%s)",
            [entry_ids],
        )


def text_match(parsed: analysis.ParsedQuery, today: dt.date) -> tuple[str, str, list[Any], str]:
    """(joins, condition, parameters, score expression) for the matches of a query.

    Ranked by the title alone (plus recency): ts_rank over the whole vector reads every
    match's tsvector, which costs more than the search itself on common terms.
    """
    return (
        ", to_tsquery('simple', %s) AS q",
        "e.vector @@ q",
        [tsquery_text(parsed)],
        "(0.1 + ts_rank(e.title_vector, q))::float8 * " + boost_sql("postgresql", today),
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
        # The planner's guess for a common term favours a sequential scan that evaluates
        # every row's tsvector; the bitmap from the GIN index is several times faster.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
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


def matching_entries(entries, parsed: analysis.ParsedQuery):
    match = RawSQL("vector @@ to_tsquery('simple', %s)", [tsquery_text(parsed)])
    return entries.alias(match=ExpressionWrapper(match, BooleanField())).filter(match=True)
