"""``python manage.py search_index --rebuild | --reconcile [--type jobs …]``.

``--rebuild`` re-indexes every object of each type in keyset batches, with progress, into the
database index and (when configured) a new Elasticsearch index swapped in behind its alias.
``--reconcile`` compares the indexed ids with the objects that belong in the index, indexes the
missing, removes the stale, chooses the common terms whose facet counts are kept
(PostgreSQL), removes the terms no entry holds any more, and says what it fixed.
"""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing, registry
from search.backends.base import BackendUnavailable


class Command(BaseCommand):
    help = "Rebuild the search indexes, or repair drift between them and the data."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true")
        action.add_argument("--reconcile", action="store_true")
        parser.add_argument(
            "--type", action="append", dest="kinds", help="only this type (repeatable)"
        )
        parser.add_argument("--batch-size", type=int, default=indexing.BATCH_SIZE)

    def handle(self, *args, **opts):
        available = [spec.kind for spec in registry.all_indexes()]
        kinds = opts["kinds"] or available
        unknown = [kind for kind in kinds if kind not in available]
        if unknown:
            raise CommandError(
                f"unknown type(s) {', '.join(unknown)}; known: {', '.join(available)}"
            )
        for kind in kinds:
            try:
                if opts["rebuild"]:
                    self._rebuild(kind, opts["batch_size"])
                else:
                    self._reconcile(kind)
            except BackendUnavailable as error:
                raise CommandError(f"{kind}: Elasticsearch is unavailable ({error})") from error
        if opts["reconcile"]:
            removed = indexing.remove_unused_terms()
            self.stdout.write(f"{removed:,} terms no entry holds any more removed")

    def _rebuild(self, kind: str, batch_size: int) -> None:
        started = time.perf_counter()
        interactive = sys.stdout.isatty()

        def progress(done: int, total: int) -> None:
            width = 30
            filled = int(width * done / total) if total else width
            bar = "#" * filled + "-" * (width - filled)
            line = f"{kind:<10} [{bar}] {done:,}/{total:,}"
            if interactive:
                self.stdout.write("\r" + line, ending="")
                self.stdout.flush()
            elif done == total or done % (batch_size * 10) == 0:
                self.stdout.write(line)

        report = indexing.rebuild(kind, batch_size=batch_size, progress=progress)
        if interactive:
            self.stdout.write("")
        message = (
            f"{kind}: indexed {report.indexed:,}, removed {report.removed:,} stale "
            f"in {time.perf_counter() - started:.1f} s"
        )
        if report.elasticsearch:
            message += f"; Elasticsearch: {report.elasticsearch}"
        self.stdout.write(self.style.SUCCESS(message))

    def _reconcile(self, kind: str) -> None:
        report = indexing.reconcile(kind)
        fixed = f"{kind}: {len(report.missing)} missing indexed, {len(report.stale)} stale removed"
        if report.missing[:10]:
            fixed += f" (missing: {', '.join(map(str, report.missing[:10]))}…)"
        if report.elasticsearch:
            fixed += f"; Elasticsearch: {report.elasticsearch}"
        if any(report.counted):
            fixed += f"; facet counts kept for {report.counted[0]} more common terms"
            fixed += f", no longer for {report.counted[1]}"
        self.stdout.write(
            self.style.SUCCESS(fixed) if not report.missing and not report.stale else fixed
        )
