"""A Celery worker's resident memory over many PDF renders: ``python manage.py bench_worker_memory``.

Starts one real worker (``--pool solo``, so the process that renders is the process measured)
on a queue of its own, sends it ``--renders`` certificate renders (``generate_certificate_pdf``
with ``force``, WeasyPrint and the Korean font each time, the file stored and the old one
deleted, as in production), and prints the worker's resident set size after a warm-up and
after every ``--every`` renders, with the change against the warm-up figure. The worker stops
with the command. Needs ``CELERY_BROKER_URL`` (Redis; results travel through it too) and a
certificate to render (``seed_demo`` makes some; the command runs it when there is none).

A benchmark, not a test: it prints figures (docs/performance.md quotes them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

WARM_UP = 20


def resident_bytes(pid: int) -> int:
    """A process's resident set size, from /proc (Linux; no extra package needed)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise CommandError(f"no resident memory figure for process {pid}")


class Command(BaseCommand):
    help = "Resident memory of a Celery worker over many PDF renders (prints figures)."

    def add_arguments(self, parser):
        parser.add_argument("--renders", type=int, default=1000, help="renders after the warm-up")
        parser.add_argument("--every", type=int, default=100, help="measure after this many")
        parser.add_argument(
            "--timeout", type=int, default=120, help="seconds to wait for one batch of renders"
        )

    def handle(self, *args, renders: int, every: int, timeout: int, **options):
        if not settings.CELERY_BROKER_URL or settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError(
                "needs a broker: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0 "
                "(tasks run in this process otherwise, and there is no worker to measure)"
            )
        if renders < 1 or every < 1:
            raise CommandError("--renders and --every must be positive")
        from courses.models import Certificate
        from courses.tasks import generate_certificate_pdf

        certificate = Certificate.objects.filter(revoked_at__isnull=True).order_by("pk").first()
        if certificate is None:
            self.stderr.write("no certificate to render: running seed_demo first")
            call_command("seed_demo", verbosity=0)
            certificate = Certificate.objects.filter(revoked_at__isnull=True).order_by("pk").first()
        if certificate is None:
            raise CommandError("seed_demo made no certificate to render")

        queue = f"bench-memory-{os.getpid()}"
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "--queues",
                queue,
                "--hostname",
                f"{queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "warning",
            ],  # fmt: skip
            env={**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]},
        )
        try:

            def batch(count: int) -> float:
                results = [
                    generate_certificate_pdf.apply_async(
                        args=[certificate.pk], kwargs={"force": True}, queue=queue
                    )
                    for _ in range(count)
                ]
                started = time.perf_counter()
                for result in results:
                    if not result.get(timeout=timeout):
                        raise CommandError(f"certificate {certificate.pk} was not rendered")
                return time.perf_counter() - started

            batch(WARM_UP)  # fonts, templates and imports load once
            base = resident_bytes(worker.pid)
            self.stdout.write(
                f"worker pid {worker.pid} (--pool solo), certificate {certificate.pk}; "
                f"resident memory after {WARM_UP} warm-up renders: {base / 2**20:.1f} MB"
            )
            self.stdout.write("| renders | resident MB | change | seconds per render |")
            self.stdout.write("|---|---|---|---|")
            done, peak = 0, base
            while done < renders:
                count = min(every, renders - done)
                seconds = batch(count)
                done += count
                rss = resident_bytes(worker.pid)
                peak = max(peak, rss)
                self.stdout.write(
                    f"| {done} | {rss / 2**20:.1f} | {100 * (rss - base) / base:+.1f} % "
                    f"| {seconds / count:.3f} |"
                )
            change = 100 * (rss - base) / base
            verdict = "flat (within 10 %)" if abs(change) <= 10 else "NOT flat"
            self.stdout.write(
                f"after {done} renders: {rss / 2**20:.1f} MB, {change:+.1f} % against the warm-up, "
                f"peak {peak / 2**20:.1f} MB: {verdict}"
            )
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
