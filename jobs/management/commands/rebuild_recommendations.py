"""Recompute stored recommendation lists: ``python manage.py rebuild_recommendations``.

For a first deployment, after a bulk import, or to repair lists; day to day they are maintained
incrementally (``jobs.services.feed``). ``--users`` limits it to some trainees, ``--missing`` to
trainees without a fresh list. Trainees are rebuilt in batches of ``--batch`` (one transaction
each) by ``--workers`` processes, with a progress bar on stderr; an interrupted rebuild resumes
with ``--after-user`` (the bar shows the id to give) or ``--missing``.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from jobs.services import feed


class Command(BaseCommand):
    help = "Recompute trainees' stored recommendation lists (everyone holding a skill by default)."

    def add_arguments(self, parser):
        parser.add_argument("--users", help="comma-separated user ids")
        parser.add_argument(
            "--missing", action="store_true", help="only trainees without a fresh list"
        )
        parser.add_argument(
            "--after-user",
            type=int,
            default=0,
            help="resume: skip trainees with this id or lower (shown as 'resume after' on the bar)",
        )
        parser.add_argument("--batch", type=int, default=feed.REBUILD_BATCH)
        parser.add_argument("--workers", type=int, default=2, help="processes (PostgreSQL)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **opts):
        user_ids = [int(u) for u in opts["users"].split(",") if u] if opts["users"] else None
        started = time.perf_counter()
        count = rebuild(
            user_ids=user_ids,
            missing_only=opts["missing"],
            after_user=opts["after_user"],
            batch=opts["batch"],
            workers=opts["workers"],
            show=not opts["no_progress"] and opts["verbosity"] > 0,
        )
        elapsed = time.perf_counter() - started
        per = elapsed * 1000 / count if count else 0.0
        self.stdout.write(
            f"rebuilt {count} recommendation lists in {elapsed:.1f} s ({per:.1f} ms per trainee)"
        )


def rebuild(*, show: bool = True, **options) -> int:
    """``feed.feed_rebuild`` with a progress bar (also used by ``bench_matching --feed-all``)."""
    bar = tqdm(total=0, unit="trainee", disable=not show, smoothing=0.1)

    def progress(done: int, total: int, resume_after: int) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(f"resume after {resume_after}", refresh=False)
        bar.refresh()

    try:
        return feed.feed_rebuild(progress=progress, **options)
    finally:
        bar.close()
