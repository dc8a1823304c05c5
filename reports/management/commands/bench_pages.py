"""Page-load harness: ``make bench-pages`` (or ``python manage.py bench_pages``).

1. Generates data at a stated scale on PostgreSQL, tagged so ``--drop`` removes it: the
   postings, trainees and companies of ``bench_matching`` (100k / 50k / 2k by default),
   course runs with meetings, enrollments and attendance, consultations, applications, and
   the search index for the postings.
2. Starts gunicorn on 127.0.0.1 with ``--workers`` workers and the harness settings
   (``perf.settings``: DEBUG off, SQL count per response in ``X-Queries``).
3. Replays a mix of anonymous and signed-in requests with Locust (``perf/locustfile.py``)
   for ``--duration`` seconds with ``--users`` concurrent clients, then stops everything.
4. Prints, per page: requests, throughput, p50/p95/p99, queries per request, response
   bytes and the p95 as a multiple of the ``/healthz`` floor's p95 in the same run, plus the
   web workers' resident memory before and after; writes the table as Markdown (``--out``).

It sends traffic only to 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from accounts.models import Company, User
from consulting.models import Booking
from courses.models import (
    Course,
    CourseRun,
)
from jobs.management.commands.bench_matching import EMAIL_DOMAIN
from jobs.models import Posting
from reports.benchdata import BenchData

TERMS = ["세공", "주얼리", "반지", "왁스", "CAD", "감정"]
SIGNED_IN_SESSIONS = 50


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pids: list[int]) -> list[float]:
    import psutil  # comes with locust

    return [round(psutil.Process(pid).memory_info().rss / 2**20, 1) for pid in pids]


class Command(BaseCommand):
    help = "Generate data at scale, serve it with gunicorn, replay a request mix with Locust, print per-page figures."

    def add_arguments(self, parser):
        parser.add_argument("--postings", type=int, default=100_000)
        parser.add_argument("--trainees", type=int, default=50_000)
        parser.add_argument("--companies", type=int, default=2_000)
        parser.add_argument("--course-runs", type=int, default=5_000)
        parser.add_argument("--consultations", type=int, default=20_000)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--users", type=int, default=16, help="concurrent clients")
        parser.add_argument("--duration", type=int, default=60, help="seconds of load")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--out", default="perf/results/latest.md")
        parser.add_argument("--skip-generate", action="store_true")
        parser.add_argument("--drop", action="store_true", help="delete the benchmark data")

    def handle(self, *args, **opts):
        if connection.vendor != "postgresql":
            raise CommandError("bench_pages measures PostgreSQL: set DATABASE_URL.")
        self.rng = random.Random(opts["seed"])  # noqa: S311 - synthetic data
        if opts["drop"]:
            BenchData(rng=self.rng, stdout=self.stdout, stderr=self.stderr).drop()
            return
        if not opts["skip_generate"]:
            started = time.perf_counter()
            BenchData(rng=self.rng, stdout=self.stdout, stderr=self.stderr).generate(opts)
            self.stdout.write(f"data ready in {time.perf_counter() - started:.0f} s")
        plan = self._plan()
        with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
            results = self._load(opts, plan, Path(tmp))
        self._report(opts, results)

    # --- data ---------------------------------------------------------------------------------

    def _session(self, user: User) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    def _plan(self) -> dict:
        trainees = list(
            User.objects.filter(email__endswith="@" + EMAIL_DOMAIN, is_trainee=True).order_by("pk")[
                :SIGNED_IN_SESSIONS
            ]
        )
        employers = []
        for company in Company.objects.filter(name__startswith="BENCH ").order_by("pk")[:10]:
            posting = Posting.objects.filter(company=company).order_by("pk").first()
            if posting is None:
                continue
            owner = BenchData(rng=self.rng, stdout=self.stdout, stderr=self.stderr).user(
                f"bench-owner-{company.pk}", company=company
            )
            employers.append({"session": self._session(owner), "board": posting.pk})
        counselor = User.objects.get(email=f"bench-counselor@{EMAIL_DOMAIN}")
        published = Posting.objects.filter(status=Posting.Status.PUBLISHED)
        pages = max(1, published.count() // 20)
        return {
            "terms": TERMS,
            "deep_page": max(1, pages // 2),
            "postings": list(published.order_by("?").values_list("pk", flat=True)[:500]),
            "courses": list(
                Course.objects.filter(is_published=True)
                .order_by("?")
                .values_list("pk", flat=True)[:200]
            ),
            "trainee_sessions": [self._session(u) for u in trainees],
            "employer_sessions": employers,
            "counselor_sessions": [self._session(counselor)],
        }

    # --- load -----------------------------------------------------------------------------------

    def _load(self, opts, plan: dict, tmp: Path) -> dict:
        bin_dir = Path(sys.executable).parent
        for tool in ("gunicorn", "locust"):
            if not (bin_dir / tool).exists():
                raise CommandError(
                    f"{tool} is missing: run `make bench-pages` (installs perf/requirements.txt)."
                )
        (tmp / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
        port = _free_port()
        host = f"http://127.0.0.1:{port}"
        # the server signs sessions with this process's key: the plan's sessions hold there
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "perf.settings",
            "SECRET_KEY": settings.SECRET_KEY,
        }
        server = subprocess.Popen(  # noqa: S603
            [
                str(bin_dir / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(opts["workers"]),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        try:
            self._wait_for(host + "/healthz")
            self._warm_up(host, plan, opts["workers"])
            import psutil

            workers = [c.pid for c in psutil.Process(server.pid).children()]
            rss_before = _rss_mb(workers)
            self.stdout.write(
                f"load: {opts['users']} clients for {opts['duration']} s on {host}, "
                f"{opts['workers']} gunicorn workers"
            )
            subprocess.run(  # noqa: S603
                [
                    str(bin_dir / "locust"),
                    "-f",
                    str(Path(settings.BASE_DIR) / "perf" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(opts["users"]),
                    "--spawn-rate",
                    str(opts["users"]),
                    "--run-time",
                    f"{opts['duration']}s",
                    "--host",
                    host,
                    "--csv",
                    str(tmp / "run"),
                    "--only-summary",
                    "--stop-timeout",
                    "5",
                    "--loglevel",
                    "WARNING",
                ],
                env={
                    **env,
                    "BENCH_PLAN": str(tmp / "plan.json"),
                    "BENCH_EXTRA": str(tmp / "extra.json"),
                },
                check=False,
                timeout=opts["duration"] + 120,
                stdout=subprocess.DEVNULL,
            )
            rss_after = _rss_mb(workers)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        with open(tmp / "run_stats.csv", encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if r["Name"] != "Aggregated"]
        extra = json.loads((tmp / "extra.json").read_text(encoding="utf-8"))
        return {"rows": rows, "extra": extra, "rss": (rss_before, rss_after), "plan": plan}

    def _warm_up(self, host: str, plan: dict, workers: int) -> None:
        """Each page a few times per worker before measuring: lazy imports, the Korean
        analyzer's model and template compilation happen once per process, not under load."""
        paths = [
            "/",
            "/jobs/",
            f"/jobs/?q={plan['terms'][0]}",
            f"/jobs/{plan['postings'][0]}/",
            "/courses/",
            "/api/v1/jobs/",
            f"/api/v1/jobs/?q={plan['terms'][0]}",
            "/fairs/",
        ]
        for _ in range(2 * workers):
            for path in paths:
                try:
                    url = host + urllib.parse.quote(path, safe="/?=&")
                    urllib.request.urlopen(url, timeout=120).read()  # noqa: S310 - 127.0.0.1
                except OSError:
                    pass

    def _wait_for(self, url: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - 127.0.0.1
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise CommandError("gunicorn did not answer /healthz within 60 s")

    # --- report ---------------------------------------------------------------------------------

    def _report(self, opts, results: dict) -> None:
        rows = results["rows"]
        queries = results["extra"]["queries"]
        floor = next((r for r in rows if r["Name"] == "/healthz"), None)
        floor_p95 = float(floor["95%"]) if floor else None
        floor_rps = float(floor["Requests/s"]) if floor else None
        header = (
            "| page | requests | failures | req/s | p50 ms | p95 ms | p99 ms | queries | bytes | p95 × floor |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n"
        )
        lines = []
        for r in sorted(rows, key=lambda r: r["Name"]):
            counts = queries.get(r["Name"]) or [0]
            ratio = float(r["95%"]) / floor_p95 if floor_p95 else 0
            lines.append(
                f"| `{r['Name']}` | {r['Request Count']} | {r['Failure Count']} | "
                f"{float(r['Requests/s']):.1f} | {r['50%']} | {r['95%']} | {r['99%']} | "
                f"{statistics.median(counts):g} | {float(r['Average Content Size']):.0f} | "
                f"{ratio:.1f} |"
            )
        before, after = results["rss"]
        summary = (
            f"Measured {timezone.localtime():%Y-%m-%d %H:%M %Z} on PostgreSQL: "
            f"{Posting.objects.filter(status=Posting.Status.PUBLISHED).count():,} published postings, "
            f"{User.objects.filter(is_trainee=True).count():,} trainees, "
            f"{Company.objects.count():,} companies, {CourseRun.objects.count():,} course runs, "
            f"{Booking.objects.count():,} consultations; gunicorn {opts['workers']} workers, "
            f"{opts['users']} concurrent clients for {opts['duration']} s, {os.cpu_count()} cores. "
            f"Floor (`/healthz`): p95 {floor_p95 or 0:g} ms, {floor_rps or 0:.1f} req/s. "
            f"Web workers' resident memory: {before} MB before, {after} MB after.\n\n"
        )
        table = summary + header + "\n".join(lines) + "\n"
        self.stdout.write("\n" + table)
        out = Path(settings.BASE_DIR) / opts["out"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(table, encoding="utf-8")
        self.stdout.write(f"written to {out}")
