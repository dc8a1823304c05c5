"""Recompute every outcome summary row: ``python manage.py rebuild_outcome_summaries``."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from reports.summaries import summaries_rebuild


class Command(BaseCommand):
    help = "Recompute the outcome summary tables from the records (all centers, or one)."

    def add_arguments(self, parser):
        parser.add_argument("--center", type=int, help="only this center's id")

    def handle(self, *args, center=None, **options):
        started = time.perf_counter()
        counts = summaries_rebuild(center_id=center)
        self.stdout.write(
            f"rebuilt the outcome summaries in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{n:,} {what}" for what, n in counts.items())
        )
