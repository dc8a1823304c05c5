"""The one search interface every page, API and app uses.

``search()`` and ``suggest()`` answer from Elasticsearch when ``ELASTICSEARCH_URL`` is set and
the cluster answers in time, and from the database backend otherwise; the result has the same
shape either way. A cluster that times out or refuses trips a circuit breaker (shared cache), and
while it is open searches go straight to the database with a notice that results may be
incomplete.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import analysis, breaker, registry
from .backends.base import (
    MAX_PAGE_SIZE,
    BackendUnavailable,
    SearchRequest,
    SearchResult,
    Suggestion,
)
from .backends.database import DatabaseBackend

logger = logging.getLogger(__name__)

MAX_FILTER_VALUES = 20


def _elastic():
    if not getattr(settings, "ELASTICSEARCH_URL", "") or settings.SEARCH_BACKEND == "database":
        return None
    from .backends import elastic

    return elastic.ElasticsearchBackend()


def degraded_notice() -> str:
    return _("Search is running in a reduced mode: results may be incomplete.")


def kinds() -> list[tuple[str, str]]:
    """(kind, label) of every searchable type, in registration order."""
    return [(spec.kind, str(spec.label)) for spec in registry.all_indexes()]


def build_request(
    *,
    kind: str,
    q: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "",
    cursor: str = "",
    size: int = 20,
    with_facets: bool = True,
) -> SearchRequest:
    """Check what a caller asks for; malformed parameters raise ValidationError (→ 400)."""
    spec = registry.get(kind)
    if spec is None:
        raise ValidationError({"type": [_("Choose one of the search types offered.")]})
    errors: dict[str, list[str]] = {}
    if len(q or "") > 500:
        errors["q"] = [_("Searches are limited to 500 characters.")]
    if sort and sort not in spec.sorts:
        errors["sort"] = [_("Choose one of the sort orders offered.")]
    if not 1 <= size <= MAX_PAGE_SIZE:
        errors["page_size"] = [_("Ask for between 1 and %(max)d results.") % {"max": MAX_PAGE_SIZE}]
    cleaned: dict[str, list[str]] = {}
    for name, values in (filters or {}).items():
        if spec.facet(name) is None:
            continue
        values = [str(v).strip() for v in values if str(v).strip()][:MAX_FILTER_VALUES]
        if values:
            cleaned[name] = values
    if errors:
        raise ValidationError(errors)
    return SearchRequest(
        kind=kind,
        q=(q or "").strip()[: analysis.MAX_QUERY_CHARS],
        filters=cleaned,
        sort=sort or spec.sorts[0],
        cursor=cursor or "",
        size=size,
        with_facets=with_facets,
    )


def search(request: SearchRequest) -> SearchResult:
    spec = registry.get(request.kind)
    if spec is None:
        raise ValidationError({"type": [_("Choose one of the search types offered.")]})
    elastic = _elastic()
    if elastic is not None:
        if breaker.allows_call():
            try:
                result = elastic.search(request, spec)
            except BackendUnavailable as error:
                logger.warning("search: cluster unavailable, using the database: %s", error)
                breaker.record_failure()
            else:
                breaker.record_success()
                return result
        result = DatabaseBackend().search(request, spec)
        result.notice = degraded_notice()
        return result
    return DatabaseBackend().search(request, spec)


def suggest(q: str, *, kinds: list[str] | None = None, limit: int = 8) -> list[Suggestion]:
    """Titles to offer while typing: prefixes, an unfinished last syllable, 초성."""
    available = [spec.kind for spec in registry.all_indexes()]
    chosen = [k for k in (kinds or available) if k in available]
    if not chosen or not (q or "").strip():
        return []
    limit = max(1, min(limit, 20))
    elastic = _elastic()
    if elastic is not None and breaker.allows_call():
        try:
            found = elastic.suggest(q, chosen, limit)
        except BackendUnavailable:
            breaker.record_failure()
        else:
            breaker.record_success()
            return found
    return DatabaseBackend().suggest(q, chosen, limit)


MATCH_LIMIT = 10_000  # ids fetched from Elasticsearch for a queryset filter


def filter_matching(queryset, kind: str, q: str):
    """``queryset`` narrowed to the objects of ``kind`` matching ``q`` (registered with
    ``core.searching``, for the job list and the API's list, which paginate themselves).

    The database backend adds a subquery on its index (a GIN or FTS5 lookup, no id list);
    Elasticsearch answers with up to ``MATCH_LIMIT`` ids, or the database answers if it is down.
    """
    if registry.get(kind) is None:
        return None
    parsed = analysis.parse_query(q)
    if parsed.is_empty:
        return queryset
    elastic = _elastic()
    if elastic is not None and breaker.allows_call():
        try:
            ids = elastic.matching_ids(kind, q, MATCH_LIMIT)
        except BackendUnavailable:
            breaker.record_failure()
        else:
            breaker.record_success()
            return queryset.filter(pk__in=ids)
    return queryset.filter(pk__in=DatabaseBackend().matching_subquery(kind, parsed))


def filters_from_params(kind: str, params: Any) -> dict[str, list[str]]:
    """Facet filters from a query dict (``?district=jongno&skill=3&skill=7``)."""
    spec = registry.get(kind)
    if spec is None:
        return {}
    found: dict[str, list[str]] = {}
    for facet in spec.facets:
        values = (
            params.getlist(facet.name) if hasattr(params, "getlist") else params.get(facet.name)
        )
        if isinstance(values, str):
            values = values.split(",")
        values = [v for value in values or [] for v in str(value).split(",") if v.strip()]
        if values:
            found[facet.name] = values
    return found
