# SQL here is assembled from fixed fragments and slot names this module chooses; every value
# (terms, filters, cursors) is a query parameter.
# ruff: noqa: S608
"""The database backend: PostgreSQL full-text search, or SQLite FTS5 in the zero-config mode.

Both read the same tables (search.models) written by the same code, and answer with one SQL
statement per search: the matches (a GIN-indexed tsvector of Kiwi morphemes on PostgreSQL, an
FTS5 table on SQLite), then the page of hits by keyset and every facet's counts in one pass,
each facet counted under all active filters but its own. When nothing matches, PostgreSQL
tries once more with trigram similarity on titles (typos: 주얼라 → 주얼리).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bulk import copy_rows

from .. import analysis, hangul, highlight
from ..models import MULTI_SLOTS, SearchEntry, SearchSuggestion, SearchText
from ..registry import IndexSpec
from .base import (
    Facet,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResult,
    Suggestion,
    decode_cursor,
    encode_cursor,
)

BODY_CHARS = 4000  # analyzed and kept for snippets
SUGGEST_WORDS = 4  # a title is suggested from each of its first words
FACET_VALUES_SHOWN = 12
FACET_ROWS_KEPT = 100  # per slot, from the database to Python
FUZZY_CANDIDATES = 200
FUZZY_THRESHOLD = 0.5

# sort → (SQL expression, direction, type name for the cursor cast)
_SORTS = {
    "relevance": ("score", "DESC", "float"),
    "newest": ("e.published_at", "DESC", "timestamp"),
    "deadline": ("COALESCE(e.deadline, DATE '9999-12-31')", "ASC", "date"),
    "salary": ("COALESCE(e.salary, -1)", "DESC", "int"),
}


def _vendor() -> str:
    return connection.vendor


def _tsquery_text(parsed: analysis.ParsedQuery) -> str:
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


def _fts5_query_text(parsed: analysis.ParsedQuery) -> str:
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


class DatabaseBackend:
    name = "database"

    # --- writes -------------------------------------------------------------------------

    def upsert(self, spec: IndexSpec, documents: Sequence[tuple[int, dict]]) -> int:
        """Replace the entries of these objects with the given documents (idempotent)."""
        if not documents:
            return 0
        titles = [doc["title"] for _, doc in documents]
        bodies = [(doc.get("body") or "")[:BODY_CHARS] for _, doc in documents]
        analyzed = analysis.terms_many(titles + bodies)
        title_terms, body_terms = analyzed[: len(titles)], analyzed[len(titles) :]
        object_ids = [object_id for object_id, _ in documents]
        with transaction.atomic():
            self.delete(spec.kind, object_ids)
            entries = [
                SearchEntry(
                    kind=spec.kind,
                    object_id=object_id,
                    published_at=doc["published_at"],
                    deadline=doc.get("deadline"),
                    expires_on=doc.get("expires_on"),
                    salary=doc.get("salary"),
                    **spec.slots(doc.get("facets") or {}),
                )
                for object_id, doc in documents
            ]
            SearchEntry.objects.bulk_create(entries)
            if any(entry.pk is None for entry in entries):
                found = dict(
                    SearchEntry.objects.filter(
                        kind=spec.kind, object_id__in=object_ids
                    ).values_list("object_id", "pk")
                )
                for entry in entries:
                    entry.pk = found[entry.object_id]
            texts = []
            suggestions = []
            for entry, (_, doc), t_terms, b_terms, body in zip(
                entries, documents, title_terms, body_terms, bodies, strict=True
            ):
                texts.append(
                    SearchText(
                        entry_id=entry.pk,
                        title=doc["title"][:300],
                        url=doc["url"][:300],
                        body=body,
                        data=doc.get("data") or {},
                        title_terms=" ".join(t_terms),
                        body_terms=" ".join(b_terms),
                    )
                )
                for text, key in _suggestion_keys(doc.get("suggest") or [doc["title"]]):
                    suggestions.append(
                        SearchSuggestion(
                            entry_id=entry.pk,
                            kind=spec.kind,
                            object_id=entry.object_id,
                            url=doc["url"][:300],
                            expires_on=entry.expires_on,
                            published_at=doc["published_at"],
                            key=key,
                            text=text,
                        )
                    )
            if _vendor() == "postgresql":
                _copy(SearchText, texts)
                _copy(SearchSuggestion, suggestions)
            else:
                SearchText.objects.bulk_create(texts)
                SearchSuggestion.objects.bulk_create(suggestions)
            if _vendor() == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "UPDATE search_entry e SET "
                        "title_vector = to_tsvector('simple', t.title_terms), "
                        "vector = setweight(to_tsvector('simple', t.title_terms), 'A') || "
                        "setweight(to_tsvector('simple', t.body_terms), 'B') "
                        "FROM search_text t WHERE t.entry_id = e.id AND e.id = ANY(%s)",
                        [[entry.pk for entry in entries]],
                    )
        return len(entries)

    def delete(self, kind: str, object_ids: Iterable[int]) -> int:
        object_ids = list(object_ids)
        if not object_ids:
            return 0
        entry_ids = list(
            SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).values_list(
                "pk", flat=True
            )
        )
        if not entry_ids:
            return 0
        with transaction.atomic():
            SearchSuggestion.objects.filter(entry_id__in=entry_ids).delete()
            SearchText.objects.filter(entry_id__in=entry_ids).delete()
            SearchEntry.objects.filter(pk__in=entry_ids)._raw_delete(SearchEntry.objects.db)
        return len(entry_ids)

    def clear(self, kind: str) -> None:
        with transaction.atomic():
            SearchSuggestion.objects.filter(kind=kind).delete()
            SearchText.objects.filter(entry__kind=kind).delete()
            SearchEntry.objects.filter(kind=kind)._raw_delete(SearchEntry.objects.db)

    def indexed_ids(self, kind: str) -> set[int]:
        return set(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True))

    # --- search ---------------------------------------------------------------------------

    def search(self, request: SearchRequest, spec: IndexSpec) -> SearchResult:
        parsed = analysis.parse_query(request.q)
        sort = request.sort if request.sort in spec.sorts else spec.sorts[0]
        if sort == "relevance" and parsed.is_empty:
            sort = "newest" if "newest" in spec.sorts else sort
        result = self._run(request, spec, parsed, sort, fuzzy_ids=None)
        if (
            result.total == 0
            and not parsed.is_empty
            and not request.cursor
            and _vendor() == "postgresql"
        ):
            fuzzy_ids = self._similar_titles(spec.kind, parsed.text)
            if fuzzy_ids:
                result = self._run(request, spec, parsed, sort, fuzzy_ids=fuzzy_ids)
                result.fuzzy = True
        return result

    def _similar_titles(self, kind: str, text: str) -> list[int]:
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

    def _run(
        self,
        request: SearchRequest,
        spec: IndexSpec,
        parsed: analysis.ParsedQuery,
        sort: str,
        fuzzy_ids: list[int] | None,
    ) -> SearchResult:
        vendor = _vendor()
        today = request.today or timezone.localdate()
        params: list[Any] = []
        sort_sql, direction, sort_type = _SORTS[sort]
        if vendor != "postgresql":
            sort_sql = sort_sql.replace("DATE '9999-12-31'", "'9999-12-31'")

        # 1. the matches (text and kind, not the facet filters: facets are counted around them)
        select = ["e.id", "e.object_id", "e.published_at", "e.deadline", "e.salary"]
        select += [facet.slot for facet in spec.facets if not facet.multiple]
        multi = next((facet for facet in spec.facets if facet.multiple), None)
        if multi:
            select += [f"e.m{i}" for i in range(1, MULTI_SLOTS + 1)]
        joins = ""
        where = ["e.kind = %s", "(e.expires_on IS NULL OR e.expires_on > %s)"]
        where_params: list[Any] = [spec.kind, today]
        score = "0.0"
        if fuzzy_ids is not None:
            where.append("e.id IN (" + ", ".join(["%s"] * len(fuzzy_ids)) + ")")
            where_params += fuzzy_ids
            score = (
                "CASE e.id "
                + " ".join(
                    f"WHEN {int(i)} THEN {len(fuzzy_ids) - n}" for n, i in enumerate(fuzzy_ids)
                )
                + " END"
            )
        elif not parsed.is_empty and vendor == "postgresql":
            joins = ", to_tsquery('simple', %s) AS q"
            params.append(_tsquery_text(parsed))
            where.append("e.vector @@ q")
            # Ranked by the title alone (plus recency): ts_rank over the whole vector reads
            # every match's tsvector, which costs more than the search itself on common terms.
            score = "(0.1 + ts_rank(e.title_vector, q))::float8 * " + _boost_sql(vendor, today)
        elif not parsed.is_empty:
            joins = " JOIN search_text_fts ON search_text_fts.rowid = e.id"
            where.append("search_text_fts MATCH %s")
            where_params.append(_fts5_query_text(parsed))
            score = "(-bm25(search_text_fts, 4.0, 1.0)) * " + _boost_sql(vendor, today)
        params += where_params
        # the sort key s: the relevance score, or the sorted column
        select.append(f"{score if sort == 'relevance' else sort_sql} AS s")
        matches_sql = (
            f"SELECT {', '.join(select)} FROM search_entry e{joins} WHERE {' AND '.join(where)}"
        )

        # 2. facet filters: one condition per active facet
        conditions: dict[str, tuple[str, list[Any]]] = {}
        for name, values in request.filters.items():
            facet = spec.facet(name)
            if facet is None:
                continue
            numbers = sorted({n for n in (facet.encode(v) for v in values) if n is not None})
            if not numbers:
                conditions[name] = ("1 = 0", [])
                continue
            placeholders = ", ".join(["%s"] * len(numbers))
            if facet.multiple:
                sql = " OR ".join(f"m.m{i} IN ({placeholders})" for i in range(1, MULTI_SLOTS + 1))
                conditions[name] = (f"({sql})", numbers * MULTI_SLOTS)
            else:
                conditions[name] = (f"m.{facet.slot} IN ({placeholders})", numbers)

        def all_but(excluded: str | None) -> tuple[str, list[Any]]:
            parts = [(sql, p) for name, (sql, p) in conditions.items() if name != excluded]
            if not parts:
                return "1 = 1", []
            return " AND ".join(sql for sql, _ in parts), [x for _, p in parts for x in p]

        # 3. the page: keyset after the cursor
        keyset = decode_cursor(request.cursor, backend=self.name, sort=sort)
        filter_sql, filter_params = all_but(None)
        page_where = [filter_sql]
        page_params = list(filter_params)
        if keyset:
            after, after_id = _cursor_values(keyset, sort_type)
            op = "<" if direction == "DESC" else ">"
            page_where.append(f"(m.s {op} %s OR (m.s = %s AND m.id {op} %s))")
            page_params += [after, after, after_id]
        size = max(1, min(request.size, 50))
        page_sql = (
            f"SELECT m.id, m.object_id, m.s FROM m WHERE {' AND '.join(page_where)} "
            f"ORDER BY m.s {direction}, m.id {direction} LIMIT {size + 1}"
        )

        if vendor == "postgresql":
            rows, facet_rows, total = self._postgres(
                matches_sql,
                params,
                page_sql,
                page_params,
                spec,
                conditions,
                all_but,
                request,
                order=f"p.s {direction}, p.id {direction}",
            )
        else:
            rows, facet_rows, total = self._sqlite(
                matches_sql, params, page_sql, page_params, spec, conditions, all_but, request
            )

        has_more = len(rows) > size
        rows = rows[:size]
        next_cursor = None
        if has_more and rows:
            last = rows[-1]
            next_cursor = encode_cursor(
                {"b": self.name, "s": sort, "k": [_cursor_text(last[2]), last[0]]}
            )
        hits = self._hits(spec, rows, parsed, with_score=sort == "relevance")
        facets = self._facets(spec, facet_rows, request) if request.with_facets else []
        return SearchResult(
            total=total, hits=hits, facets=facets, next_cursor=next_cursor, backend=self.name
        )

    def _postgres(
        self, matches_sql, params, page_sql, page_params, spec, conditions, all_but, request, order
    ):
        facet_sql, facet_params = "SELECT 1 WHERE false", []
        group_columns = [f.slot for f in spec.facets if not f.multiple]
        if any(f.multiple for f in spec.facets):
            group_columns += [f"m{i}" for i in range(1, MULTI_SLOTS + 1)]
        aggregates = []
        aggregate_params: list[Any] = []
        sql, p = all_but(None)
        aggregates.append(f"count(*) FILTER (WHERE {sql}) AS c")
        aggregate_params += p
        for name in conditions:
            sql, p = all_but(name)
            aggregates.append(f"count(*) FILTER (WHERE {sql}) AS c_{_ident(name)}")
            aggregate_params += p
        if request.with_facets and group_columns:
            sets = ", ".join(f"(m.{c})" for c in group_columns)
            grouping = ", ".join(f"m.{c}" for c in group_columns)
            counts = ["c"] + [f"c_{_ident(name)}" for name in conditions]
            largest = f"GREATEST({', '.join(counts)})" if len(counts) > 1 else "c"
            # only each facet's largest values travel back (a company facet has thousands)
            facet_sql = (
                "SELECT * FROM (SELECT *, row_number() OVER "
                f"(PARTITION BY g ORDER BY {largest} DESC) AS rn FROM ("
                f"SELECT GROUPING({grouping}) AS g, {', '.join(group_columns)}, "
                f"{', '.join(aggregates)} FROM m GROUP BY GROUPING SETS ({sets}, ())"
                f") AS grouped) AS ranked WHERE rn <= {FACET_ROWS_KEPT}"
            )
        else:
            facet_sql = f"SELECT {', '.join(aggregates)} FROM m"
        facet_params = aggregate_params
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
            cursor.execute(statement, params + page_params + facet_params)
            page_json, facets_json = cursor.fetchone()
        rows = _json(page_json)
        facet_rows = _json(facets_json)
        total = 0
        count_key = "c"
        grouped = bool(request.with_facets and group_columns)
        by_facet: dict[str, dict[int, int]] = defaultdict(dict)
        all_bits = (1 << len(group_columns)) - 1 if grouped else 0
        for row in facet_rows:
            if not grouped or row["g"] == all_bits:
                total = row[count_key]
                if not grouped:
                    break
                continue
            # GROUPING(): bit set for each column *not* grouped in this row
            for position, column in enumerate(group_columns):
                bit = 1 << (len(group_columns) - 1 - position)
                if row["g"] & bit:
                    continue
                value = row[column]
                if value is None:
                    continue
                facet = _facet_for_column(spec, column)
                counter = row.get(f"c_{_ident(facet.name)}", row["c"])
                by_facet[facet.name][value] = by_facet[facet.name].get(value, 0) + counter
        return rows, by_facet, total

    def _sqlite(
        self, matches_sql, params, page_sql, page_params, spec, conditions, all_but, request
    ):
        prefix = f"WITH m AS ({matches_sql}) "
        with connection.cursor() as cursor:
            cursor.execute(prefix + page_sql, params + page_params)
            rows = [list(r) for r in cursor.fetchall()]
            sql, p = all_but(None)
            cursor.execute(prefix + f"SELECT count(*) FROM m WHERE {sql}", params + p)
            total = cursor.fetchone()[0]
            by_facet: dict[str, dict[int, int]] = defaultdict(dict)
            if request.with_facets:
                for facet in spec.facets:
                    sql, p = all_but(facet.name)
                    columns = (
                        [f"m{i}" for i in range(1, MULTI_SLOTS + 1)]
                        if facet.multiple
                        else [facet.slot]
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

    def _hits(
        self, spec: IndexSpec, rows: list, parsed: analysis.ParsedQuery, *, with_score: bool
    ) -> list[Hit]:
        if not rows:
            return []
        texts = SearchText.objects.in_bulk([row[0] for row in rows])
        terms = frozenset(parsed.highlight_terms())
        hits = []
        for entry_id, object_id, sort_value in rows:
            text = texts.get(entry_id)
            if text is None:
                continue
            hits.append(
                Hit(
                    kind=spec.kind,
                    id=int(object_id),
                    title=text.title,
                    url=text.url,
                    highlight={
                        "title": highlight.mark(text.title, terms),
                        "snippet": highlight.snippet(text.body, terms),
                    },
                    data=text.data,
                    score=float(sort_value) if with_score and sort_value is not None else None,
                )
            )
        return hits

    def _facets(self, spec: IndexSpec, counts: dict[str, dict[int, int]], request) -> list[Facet]:
        facets = []
        for facet in spec.facets:
            selected = set(request.filters.get(facet.name, []))
            values = {facet.decode(number): count for number, count in counts[facet.name].items()}
            values = {value: count for value, count in values.items() if value and count > 0}
            facets.append(_facet(facet, values, selected))
        return facets

    def matching_subquery(self, kind: str, parsed: analysis.ParsedQuery):
        """Object ids of ``kind`` matching the query, as a subquery for ``pk__in``."""
        entries = SearchEntry.objects.filter(kind=kind)
        if _vendor() == "postgresql":
            match = RawSQL("vector @@ to_tsquery('simple', %s)", [_tsquery_text(parsed)])
            entries = entries.alias(match=ExpressionWrapper(match, BooleanField())).filter(
                match=True
            )
        else:
            entries = entries.filter(
                pk__in=RawSQL(
                    "SELECT rowid FROM search_text_fts WHERE search_text_fts MATCH %s",
                    [_fts5_query_text(parsed)],
                )
            )
        return entries.values("object_id")

    # --- autocomplete ---------------------------------------------------------------------

    def suggest(self, q: str, kinds: list[str], limit: int = 8, today=None) -> list[Suggestion]:
        key = _query_key(q)
        if not key:
            return []
        today = today or timezone.localdate()
        # The first keys in index order (no sort over every match: a one-letter prefix
        # matches most of the index), then ranked here: shorter keys (the word starts the
        # title) and newer items first.
        rows = list(
            SearchSuggestion.objects.filter(key__startswith=key, kind__in=kinds)
            .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=today))
            .values_list("key", "published_at", "text", "kind", "object_id", "url")[:200]
        )
        rows.sort(key=lambda row: (len(row[0]), -row[1].timestamp()))
        rows = [row[2:] for row in rows]
        seen: set[str] = set()
        found: list[Suggestion] = []
        for text, kind, object_id, url in rows:
            if text in seen:
                continue
            seen.add(text)
            found.append(Suggestion(text=text, kind=kind, id=object_id, url=url or ""))
            if len(found) >= limit:
                break
        return found


# --- helpers ----------------------------------------------------------------------------------


def _copy(model, objects: list) -> None:
    """Write new rows with COPY (PostgreSQL): several times faster than INSERT for a batch."""
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


def _boost_sql(vendor: str, today: dt.date) -> str:
    """Recent items and approaching deadlines rank a little higher (same idea as on ES).

    Ages count from the start of ``today``, not from the clock, so a score stays the same from
    one page to the next and keyset cursors over it hold.
    """
    day = today.isoformat()  # a date's isoformat: safe to write into SQL
    if vendor == "postgresql":
        age = f"GREATEST(EXTRACT(EPOCH FROM (DATE '{day}' - e.published_at)) / 86400.0, 0)"
        soon = (
            f"CASE WHEN e.deadline IS NOT NULL AND e.deadline - DATE '{day}' BETWEEN 0 AND 7 "
            "THEN 0.2 ELSE 0 END"
        )
        return f"(1.0 + 0.5 / (1.0 + {age} / 30.0) + {soon})"
    age = f"MAX(julianday('{day}') - julianday(e.published_at), 0)"
    soon = (
        f"CASE WHEN e.deadline IS NOT NULL AND julianday(e.deadline) - julianday('{day}') "
        "BETWEEN 0 AND 7 THEN 0.2 ELSE 0 END"
    )
    return f"(1.0 + 0.5 / (1.0 + {age} / 30.0) + {soon})"


def _ident(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name)


def _facet_for_column(spec: IndexSpec, column: str):
    if column.startswith("m"):
        return next(f for f in spec.facets if f.multiple)
    return next(f for f in spec.facets if f.slot == column)


def _facet(facet, values: dict[str, int], selected: set[str]) -> Facet:
    shown = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    if facet.order == "value":
        shown = sorted(values.items())
    keep = [value for value, _ in shown[:FACET_VALUES_SHOWN]]
    keep += [value for value in selected if value not in keep and facet.encode(value) is not None]
    labels = facet.label_for(keep)
    return Facet(
        name=facet.name,
        label=str(facet.label),
        values=[
            FacetValue(
                value=value,
                label=labels.get(value, value),
                count=values.get(value, 0),
                selected=value in selected,
            )
            for value in keep
        ],
    )


def _json(value) -> list:
    if isinstance(value, (bytes, str)):
        return json.loads(value)
    return value or []


def _cursor_text(value) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def _cursor_values(keyset: list, sort_type: str) -> tuple[Any, int]:
    from django.core.exceptions import ValidationError

    try:
        raw, entry_id = keyset
        entry_id = int(entry_id)
        if sort_type == "float":
            value: Any = float(raw)
        elif sort_type == "int":
            value = int(raw)
        elif sort_type == "date":
            value = dt.date.fromisoformat(str(raw)[:10])
        else:
            value = dt.datetime.fromisoformat(str(raw))
            if _vendor() == "sqlite":
                # compared as text: written exactly as SQLite stores datetimes
                value = connection.ops.adapt_datetimefield_value(value)
    except (TypeError, ValueError) as error:
        raise ValidationError({"cursor": [_("This page link is not valid.")]}) from error
    return value, entry_id


def _suggestion_keys(texts: list[str]) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for text in texts:
        words = text.split()
        for start in range(min(len(words), SUGGEST_WORDS)):
            suffix = " ".join(words[start:])
            for key in (
                hangul.compact(hangul.jamo(suffix)),
                hangul.compact(hangul.chosung(suffix)),
            ):
                key = key[:200]
                if key and (text, key) not in seen:
                    seen.add((text, key))
                    keys.append((text, key))
    return keys


def _query_key(q: str) -> str:
    q = (q or "").strip()[:50]
    if not q:
        return ""
    # 초성 keys are stored as typed (ㅈㅇㄹ); anything else is matched by its jamo spelling.
    return hangul.compact(q) if hangul.is_chosung_query(q) else hangul.compact(hangul.jamo(q))
