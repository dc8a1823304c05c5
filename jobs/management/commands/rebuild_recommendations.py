"""Recompute stored recommendation lists: ``python manage.py rebuild_recommendations``.

For a first deployment, after a bulk import, or to repair lists; day to day they are maintained
incrementally (``jobs.services.feed``). ``--users`` limits it to some trainees, ``--missing`` to trainees
without a fresh list.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from jobs.services import feed


class Command(BaseCommand):
    help = "Recompute trainees' stored recommendation lists (everyone holding a skill by default)."

    def add_arguments(self, parser):
        parser.add_argument("--users", help="comma-separated user ids")
        parser.add_argument(
            "--missing", action="store_true", help="only trainees without a fresh list"
        )

    def handle(self, *args, **opts):
        user_ids = [int(u) for u in opts["users"].split(",") if u] if opts["users"] else None
        started = time.perf_counter()
        count = feed.feed_rebuild(user_ids=user_ids, missing_only=opts["missing"])
        elapsed = time.perf_counter() - started
        per = elapsed * 1000 / count if count else 0.0
        self.stdout.write(
            f"rebuilt {count} recommendation lists in {elapsed:.1f} s ({per:.1f} ms per trainee)"
        )
