"""Background work for courses: expiring seat offers, evaluating completion, rendering 수료증 PDFs.

Services queue these tasks after commit and import this module at the top; each task
imports its service inside the function, so the two modules never import each other
at load time.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import OperationalError

from .selectors import evaluation_pending_key, runs_due_for_evaluation

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=10, max_retries=5)
def expire_offers() -> int:
    """Expire seat offers past their deadline and pass each seat to the next person (idempotent)."""
    from .services import offers_expire

    count = offers_expire()
    if count:
        logger.info("expired %s course seat offers", count)
    return count


@shared_task(
    autoretry_for=(OSError, OperationalError),
    retry_backoff=15,
    retry_backoff_max=900,
    max_retries=6,
)
def generate_certificate_pdf(certificate_id: int, force: bool = False) -> bool:
    """Render and store one certificate's PDF. Idempotent; retried when storage or database fail."""
    from .services import certificate_store_pdf

    return certificate_store_pdf(certificate_id=certificate_id, force=force)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=15, max_retries=5)
def evaluate_run_completion(run_id: int, by_id: int | None = None) -> dict:
    """Evaluate completion of one run and issue its certificates (idempotent)."""
    from .services import completion_evaluate_run

    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    try:
        result = completion_evaluate_run(run_id=run_id, by=by)
    except ValidationError as exc:
        logger.warning("run %s not evaluated: %s", run_id, "; ".join(exc.messages))
        return {"error": exc.messages}
    finally:
        cache.delete(evaluation_pending_key(run_id))
    return {
        "evaluated": result.evaluated,
        "completed": result.completed,
        "issued": result.certificates_issued,
    }


@shared_task
def evaluate_ended_runs() -> int:
    """Nightly: queue the evaluation of every run whose end date has passed."""
    run_ids = list(runs_due_for_evaluation().values_list("pk", flat=True))
    for run_id in run_ids:
        evaluate_run_completion.delay(run_id)
    return len(run_ids)
