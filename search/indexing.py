"""Writes to the search indexes: sync objects, rebuild a kind, reconcile drift.

The database index is always kept (it is the fallback when Elasticsearch is down); the
Elasticsearch index, when configured, is written by its own task so that its failures are
retried without redoing the database part. Nothing here runs inside a request: callers are the
tasks (``search.tasks``) and the ``search_index`` command.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from core import searching

from . import registry, tasks
from .backends.database import DatabaseBackend
from .registry import IndexSpec

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


def elasticsearch_enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", "")) and (
        settings.SEARCH_BACKEND == "elasticsearch"
    )


def documents_for(
    spec: IndexSpec, object_ids: Iterable[int]
) -> tuple[list[tuple[int, dict]], set[int]]:
    """Documents of the objects that belong in the index, and the ids that do not."""
    object_ids = set(object_ids)
    present = spec.prefetch(spec.queryset().filter(pk__in=object_ids))
    documents = [(obj.pk, spec.document(obj)) for obj in present]
    return documents, object_ids - {pk for pk, _ in documents}


def sync_objects(*, kind: str, object_ids: Iterable[int]) -> dict[str, int]:
    """Bring these objects' database entries in line with the data (idempotent)."""
    spec = registry.get(kind)
    if spec is None:
        return {"indexed": 0, "removed": 0}
    documents, gone = documents_for(spec, object_ids)
    backend = DatabaseBackend()
    indexed = backend.upsert(spec, documents)
    removed = backend.delete(kind, gone)
    if indexed or removed:
        announce(kind)
    return {"indexed": indexed, "removed": removed}


def announce(kind: str) -> None:
    """Tell the apps (``core.searching.index_changed``) once this index write has committed."""
    transaction.on_commit(lambda: searching.index_changed.send(sender=None, kind=kind))


def enqueue(kind: str, object_ids: Iterable[int]) -> None:
    """After the current transaction commits, queue an index update for these objects.

    Never raises: a write must not fail because the broker or the search engine is down;
    ``search_index --reconcile`` (run by beat) repairs whatever was missed.
    """
    ids = sorted({int(i) for i in object_ids if i is not None})
    if not ids:
        return

    def send() -> None:
        try:
            tasks.index_objects.delay(kind, ids)
        except Exception:
            logger.exception("search: could not queue an index update for %s %s", kind, ids)

    transaction.on_commit(send)


# --- whole kinds ----------------------------------------------------------------------------


@dataclass
class Report:
    kind: str
    indexed: int = 0
    removed: int = 0
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    elasticsearch: dict = field(default_factory=dict)
    # PostgreSQL: common terms whose facet counts started / stopped being kept
    counted: tuple[int, int] = (0, 0)


def _batches(spec: IndexSpec, batch_size: int):
    """The kind's objects in primary-key order, a batch at a time (keyset, never OFFSET)."""
    last = 0
    while True:
        batch = list(spec.prefetch(spec.queryset().filter(pk__gt=last).order_by("pk"))[:batch_size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def rebuild(
    kind: str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Re-index every object of a kind into the database backend (and Elasticsearch)."""
    spec = registry.get(kind)
    report = Report(kind)
    if spec is None:
        return report
    backend = DatabaseBackend()
    # searches count live meanwhile; the common terms are counted again at the end
    backend.forget_counts(kind)
    total = spec.queryset().count()
    seen: set[int] = set()
    done = 0
    for batch in _batches(spec, batch_size):
        documents = [(obj.pk, spec.document(obj)) for obj in batch]
        report.indexed += backend.upsert(spec, documents)
        seen.update(pk for pk, _ in documents)
        done += len(batch)
        if progress:
            progress(done, total)
    report.stale = sorted(backend.indexed_ids(kind) - seen)
    report.removed = backend.delete(kind, report.stale)
    report.counted = backend.refresh_counts(kind)
    if elasticsearch_enabled():
        from .backends import elastic

        report.elasticsearch = elastic.rebuild(spec, _batches(spec, batch_size))
    announce(kind)
    return report


def reconcile(kind: str, *, elastic: bool | None = None) -> Report:
    """Index what is missing and remove what should not be there; say what was fixed."""
    spec = registry.get(kind)
    report = Report(kind)
    if spec is None:
        return report
    expected = set(spec.queryset().values_list("pk", flat=True))
    backend = DatabaseBackend()
    indexed = backend.indexed_ids(kind)
    report.missing = sorted(expected - indexed)
    report.stale = sorted(indexed - expected)
    for start in range(0, len(report.missing), BATCH_SIZE):
        result = sync_objects(kind=kind, object_ids=report.missing[start : start + BATCH_SIZE])
        report.indexed += result["indexed"]
    report.removed = backend.delete(kind, report.stale)
    report.counted = backend.refresh_counts(kind)
    if elasticsearch_enabled() if elastic is None else elastic:
        from .backends import elastic as es

        report.elasticsearch = es.reconcile(spec, expected)
    if report.indexed or report.removed or report.elasticsearch:
        announce(kind)
    return report


def remove_unused_terms() -> int:
    """Forget the analyzed terms no indexed object holds any more (PostgreSQL's dictionary)."""
    return DatabaseBackend().remove_unused_terms()


def refresh(kind: str) -> Report:
    """Re-index a small kind whose documents change with time (course seats, windows)."""
    return rebuild(kind)
