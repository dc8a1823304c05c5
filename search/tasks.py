"""Index updates, queued after commit; each takes ids, is idempotent and retries."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import DatabaseError

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=5, retry_backoff_max=300, max_retries=6)
def index_objects(kind: str, object_ids: list[int]) -> dict:
    """Update the database index for these objects, then queue the cluster's copy."""
    from . import indexing

    result = indexing.sync_objects(kind=kind, object_ids=object_ids)
    if indexing.elasticsearch_enabled():
        push_to_elasticsearch.delay(kind, object_ids)
    return result


@shared_task(bind=True, max_retries=6)
def push_to_elasticsearch(self, kind: str, object_ids: list[int]) -> dict:
    """Write these objects to Elasticsearch; retried with backoff while the cluster is away.

    After the last retry the update is dropped with a warning: the hourly reconcile repairs it.
    """
    from .backends import elastic
    from .backends.base import BackendUnavailable
    from .indexing import announce

    try:
        result = elastic.sync_objects(kind=kind, object_ids=object_ids)
    except BackendUnavailable as error:
        if self.request.retries >= self.max_retries:
            logger.warning("search: giving up on %s %s, reconcile will repair it", kind, object_ids)
            return {"failed": len(object_ids)}
        if self.request.is_eager:
            logger.warning("search: cluster unavailable for %s %s: %s", kind, object_ids, error)
            return {"failed": len(object_ids)}
        raise self.retry(exc=error, countdown=min(300, 5 * 2**self.request.retries)) from error
    announce(kind)
    return result


@shared_task
def reconcile_all() -> dict:
    """Repair drift between the data and every index (hourly by beat)."""
    from . import indexing, registry

    fixed = {}
    for spec in registry.all_indexes():
        try:
            report = indexing.reconcile(spec.kind)
        except Exception:
            logger.exception("search: reconcile of %s failed", spec.kind)
            continue
        fixed[spec.kind] = {"indexed": report.indexed, "removed": report.removed}
    fixed["unused_terms"] = indexing.remove_unused_terms()
    return fixed


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=30, max_retries=3)
def refresh_kind(kind: str) -> int:
    """Re-index a kind whose documents change with time (course seats and windows)."""
    from . import indexing

    return indexing.refresh(kind).indexed
