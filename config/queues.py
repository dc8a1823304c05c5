"""Which Celery queue each task goes to when the queues are split (docs/scaling.md).

With ``CELERY_SPLIT_QUEUES`` off (the default) every task goes to the one default queue
and one worker serves all. Switched on, tasks go by kind to queues that separate workers
consume, so a burst of PDF renders or a matching rebuild never delays an email:

    celery -A config worker -Q email -c 8        # I/O bound: many at once
    celery -A config worker -Q pdf -c 2 --max-tasks-per-child 2000   # CPU and memory
    celery -A config worker -Q search,matching -c 2
    celery -A config worker -Q celery -c 4       # everything else (beat's periodic work)

Patterns are matched in order (fnmatch); tests/core/test_queues.py fails when a task
matches none, so a new task cannot silently land on a queue nobody consumes.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

DEFAULT_QUEUE = "celery"

ROUTES: list[tuple[str, str]] = [
    ("core.tasks.send_email", "email"),
    ("courses.tasks.generate_certificate_pdf", "pdf"),
    ("consulting.tasks.render_summary_pdf", "pdf"),
    ("search.tasks.*", "search"),
    ("jobs.tasks.refresh_recommendations", "matching"),
    ("jobs.tasks.apply_posting_to_recommendations", "matching"),
    # outcome summaries: recomputed after each relevant change, rebuilt nightly
    ("reports.tasks.recompute_summaries", DEFAULT_QUEUE),
    ("reports.tasks.rebuild_summaries", DEFAULT_QUEUE),
    # periodic sweeps, reminders and evaluations started by beat
    ("*.tasks.send_*", DEFAULT_QUEUE),
    ("*.tasks.expire_*", DEFAULT_QUEUE),
    ("*.tasks.lapse_*", DEFAULT_QUEUE),
    ("*.tasks.close_*", DEFAULT_QUEUE),
    ("*.tasks.purge_*", DEFAULT_QUEUE),
    ("*.tasks.clear_*", DEFAULT_QUEUE),
    ("*.tasks.evaluate_*", DEFAULT_QUEUE),
    ("core.tasks.ping", DEFAULT_QUEUE),
]

QUEUES = sorted({queue for _, queue in ROUTES})


def queue_for(task_name: str) -> str | None:
    for pattern, queue in ROUTES:
        if fnmatchcase(task_name, pattern):
            return queue
    return None


def task_routes() -> list[dict]:
    """``CELERY_TASK_ROUTES``: the patterns above, in order."""
    return [{pattern: {"queue": queue}} for pattern, queue in ROUTES]
