# SQL here is assembled from fixed fragments and slot names this package chooses; every value
# (terms, filters, cursors) is a query parameter.
# ruff: noqa: S608
"""The database backend: PostgreSQL full-text search, or SQLite FTS5 in the zero-config mode.

Both read the same tables (search.models) written by the same code. A search is the matches
(``postgres.text_match`` / ``sqlite.text_match``), the page of hits by keyset after the cursor,
and every facet's counts, each facet counted under all active filters but its own
(``facets``). When nothing matches, PostgreSQL tries once more with trigram similarity on
titles (typos: 주얼라 → 주얼리). Autocomplete is the same on both (``suggest``).

Modules: ``common`` (sorts, boost, cursors), ``facets``, ``counts`` (PostgreSQL: facet
counts kept per common term, read by one-word searches without filters), ``postgres``,
``sqlite``, ``suggest``; this one writes the index and puts a search together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from ... import analysis, highlight
from ...models import MULTI_SLOTS, SearchEntry, SearchSuggestion, SearchText
from ...registry import IndexSpec
from ..base import (
    Hit,
    SearchRequest,
    SearchResult,
    Suggestion,
    decode_cursor,
    encode_cursor,
)
from . import counts, postgres, sqlite
from . import suggest as suggestions
from .common import BODY_CHARS, MAX_PAGE, SORTS, cursor_text, cursor_values, vendor
from .facets import Conditions, build_facets, shown_facet
from .suggest import query_key, suggestion_keys

__all__ = ["BODY_CHARS", "DatabaseBackend", "query_key", "shown_facet", "suggestion_keys"]


def _engine():
    return postgres if vendor() == "postgresql" else sqlite


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
        postgresql = vendor() == "postgresql"
        with transaction.atomic():
            deltas: Counter = Counter()
            if postgresql:
                counts.lock_for_write()
            self._delete(spec.kind, object_ids, deltas)
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
            if postgresql:
                postgres.insert_entries(entries, list(zip(title_terms, body_terms, strict=True)))
            else:
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
            keys = []
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
                for text, key in suggestion_keys(doc.get("suggest") or [doc["title"]]):
                    keys.append(
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
            if postgresql:
                postgres.copy(SearchText, texts)
                postgres.copy(SearchSuggestion, keys)
                # the counted terms' counts change with the entries, in one statement
                deltas.update(counts.entry_deltas([entry.pk for entry in entries], 1))
                counts.apply_deltas(deltas)
            else:
                SearchText.objects.bulk_create(texts)
                SearchSuggestion.objects.bulk_create(keys)
        return len(entries)

    def delete(self, kind: str, object_ids: Iterable[int]) -> int:
        object_ids = list(object_ids)
        if not object_ids:
            return 0
        with transaction.atomic():
            deltas: Counter = Counter()
            if vendor() == "postgresql":
                counts.lock_for_write()
            removed = self._delete(kind, object_ids, deltas)
            if deltas:
                counts.apply_deltas(deltas)
        return removed

    def _delete(self, kind: str, object_ids: list[int], deltas: Counter) -> int:
        """Delete the entries of these objects; on PostgreSQL, add what that takes away from
        the counted terms' counts to ``deltas`` (for the caller to apply once)."""
        if not object_ids:
            return 0
        entry_ids = list(
            SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).values_list(
                "pk", flat=True
            )
        )
        if not entry_ids:
            return 0
        if vendor() == "postgresql":
            deltas.update(counts.entry_deltas(entry_ids, -1))
        SearchSuggestion.objects.filter(entry_id__in=entry_ids).delete()
        SearchText.objects.filter(entry_id__in=entry_ids).delete()
        SearchEntry.objects.filter(pk__in=entry_ids)._raw_delete(SearchEntry.objects.db)
        return len(entry_ids)

    def clear(self, kind: str) -> None:
        with transaction.atomic():
            if vendor() == "postgresql":
                counts.lock_for_write()
                counts.clear_kind(kind)
            SearchSuggestion.objects.filter(kind=kind).delete()
            SearchText.objects.filter(entry__kind=kind).delete()
            SearchEntry.objects.filter(kind=kind)._raw_delete(SearchEntry.objects.db)

    def refresh_counts(self, kind: str) -> tuple[int, int]:
        """PostgreSQL: keep counts for the kind's terms that became common, stop for those
        that no longer are; (added, dropped). Nothing to do on SQLite."""
        if vendor() != "postgresql":
            return 0, 0
        return counts.refresh_counted_terms(kind)

    def forget_counts(self, kind: str) -> None:
        """PostgreSQL: stop keeping counts for the kind's terms (before re-indexing all of it:
        building them again afterwards costs less than adjusting them for every entry)."""
        if vendor() == "postgresql":
            counts.forget_terms(kind)

    def remove_unused_terms(self) -> int:
        """PostgreSQL: forget the terms no entry holds any more; how many."""
        if vendor() != "postgresql":
            return 0
        return counts.remove_unused_terms()

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
            and vendor() == "postgresql"
        ):
            fuzzy_ids = postgres.similar_titles(spec.kind, parsed.text)
            if fuzzy_ids:
                result = self._run(request, spec, parsed, sort, fuzzy_ids=fuzzy_ids)
                result.fuzzy = True
        return result

    def _run(
        self,
        request: SearchRequest,
        spec: IndexSpec,
        parsed: analysis.ParsedQuery,
        sort: str,
        fuzzy_ids: list[int] | None,
    ) -> SearchResult:
        engine = vendor()
        today = request.today or timezone.localdate()
        params: list[Any] = []
        sort_sql, direction, sort_type = SORTS[sort]
        if engine != "postgresql":
            sort_sql = sort_sql.replace("DATE '9999-12-31'", "'9999-12-31'")

        # 1. the matches (text and kind, not the facet filters: facets are counted around them)
        select = ["e.id", "e.object_id"]
        select += [facet.slot for facet in spec.facets if not facet.multiple]
        if any(facet.multiple for facet in spec.facets):
            select += [f"e.m{i}" for i in range(1, MULTI_SLOTS + 1)]
        joins = ""
        where = ["e.kind = %s", "(e.expires_on IS NULL OR e.expires_on > %s)"]
        where_params: list[Any] = [spec.kind, today]
        score, score_params = "0.0", []
        single_term = None
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
        elif not parsed.is_empty:
            match = _engine().text_match(parsed, today)
            joins = match.joins
            params += match.join_params
            where[0] = match.kind
            where.append(match.condition)
            where_params += match.params
            score, score_params = match.score, match.score_params
            single_term = match.single_term
        # the sort key s: the relevance score, or the sorted column (parameters in order:
        # SELECT list, joins, WHERE)
        if sort == "relevance":
            key = f"{score} AS s"
            params = score_params + params
        else:
            key = f"{sort_sql} AS s"
        select.append(key)
        params += where_params
        from_where = f"FROM search_entry e{joins} WHERE {' AND '.join(where)}"
        matches_sql = f"SELECT {', '.join(select)} {from_where}"

        # 2. facet filters: one condition per active facet
        conditions = Conditions(spec, request.filters)

        # 3. the page: keyset after the cursor
        keyset = decode_cursor(request.cursor, backend=self.name, sort=sort)
        filter_sql, filter_params = conditions.all_but(None)
        page_where = [filter_sql]
        page_params = list(filter_params)
        cursor_sql, cursor_params = "true", []
        if keyset:
            after, after_id = cursor_values(keyset, sort_type)
            op = "<" if direction == "DESC" else ">"
            cursor_sql = f"(m.s {op} %s OR (m.s = %s AND m.id {op} %s))"
            cursor_params = [after, after, after_id]
            page_where.append(cursor_sql)
            page_params += cursor_params
        size = max(1, min(request.size, MAX_PAGE))
        page_sql = (
            f"SELECT m.id, m.object_id, m.s FROM m WHERE {' AND '.join(page_where)} "
            f"ORDER BY m.s {direction}, m.id {direction} LIMIT {size + 1}"
        )

        counted = None
        if (
            engine == "postgresql"
            and single_term is not None
            and not conditions.by_name
            and counts.is_counted(spec.kind, single_term)
        ):
            # one common word, no filter: counts kept per term, the statement only ranks
            counted = postgres.run_counted(
                key,
                from_where,
                params,
                cursor_sql,
                cursor_params,
                spec=spec,
                term_id=single_term,
                today=today,
                size=size,
                direction=direction,
                relevance=sort == "relevance",
            )
        if counted is not None:
            rows, facet_rows, total = counted
        elif engine == "postgresql":
            rows, facet_rows, total = postgres.run(
                matches_sql,
                params,
                page_sql,
                page_params,
                spec,
                conditions,
                request,
                order=f"p.s {direction}, p.id {direction}",
            )
        else:
            rows, facet_rows, total = sqlite.run(
                matches_sql, params, page_sql, page_params, spec, conditions, request
            )

        has_more = len(rows) > size
        rows = rows[:size]
        next_cursor = None
        if has_more and rows:
            last = rows[-1]
            next_cursor = encode_cursor(
                {"b": self.name, "s": sort, "k": [cursor_text(last[2]), last[0]]}
            )
        hits = self._hits(spec, rows, parsed, with_score=sort == "relevance")
        facets = build_facets(spec, facet_rows, request) if request.with_facets else []
        return SearchResult(
            total=total, hits=hits, facets=facets, next_cursor=next_cursor, backend=self.name
        )

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

    def matching_subquery(self, kind: str, parsed: analysis.ParsedQuery):
        """Object ids of ``kind`` matching the query, as a subquery for ``pk__in``."""
        entries = _engine().matching_entries(SearchEntry.objects.filter(kind=kind), parsed)
        return entries.values("object_id")

    # --- autocomplete ---------------------------------------------------------------------

    def suggest(self, q: str, kinds: list[str], limit: int = 8, today=None) -> list[Suggestion]:
        return suggestions.suggest(q, kinds, limit, today)
