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
   bytes, the p95 as a multiple of the ``/healthz`` floor's p95 in the same run and the
   throughput it could serve alone as a multiple of the floor's (floor mean ÷ page mean); then
   each web worker's resident memory along the requests it answered (the run goes on past
   ``--duration`` until every worker answered ``--memory-requests``, 10,000 by default);
   writes the tables as Markdown (``--out``).

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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from accounts.models import Company, User
from consulting.models import Booking
from core import keyset
from courses.models import (
    Course,
    CourseRun,
)
from jobs import selectors as job_selectors
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
        parser.add_argument(
            "--memory-requests",
            type=int,
            default=10_000,
            help="go on past --duration until every web worker answered this many requests "
            "(its resident memory is sampled every 1,000); 0: stop at --duration",
        )
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
        # Fresh statistics, as autovacuum would have them on a live database: right after a
        # bulk load the planner still sees the empty tables and picks sequential scans (the
        # course list's runs: 21 ms against 0.4 ms once analyzed).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
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
        # a cursor halfway down the public list: what "next" links lead to after many pages
        listed = job_selectors.job_list_queryset({})
        newest = job_selectors.LIST_ORDERINGS["newest"]
        middle = listed.order_by(*newest.order_by())[max(0, listed.count() // 2 - 1)]
        return {
            "terms": TERMS,
            "deep_cursor": keyset.encode_cursor(newest, newest.values(middle), forward=True),
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
            # the hard stop, if the workers are too slow to reach --memory-requests
            run_time = opts["duration"] + (1800 if opts["memory_requests"] else 0)
            self.stdout.write(
                f"load: {opts['users']} clients for {opts['duration']} s on {host} (and on "
                f"until each of the {opts['workers']} gunicorn workers answered "
                f"{opts['memory_requests']:,} requests, at most {run_time} s)"
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
                    f"{run_time}s",
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
                    "BENCH_DURATION": str(opts["duration"]),
                    "BENCH_MIN_REQUESTS": str(opts["memory_requests"]),
                    "BENCH_WORKER_PIDS": ",".join(str(pid) for pid in workers),
                },
                check=False,
                timeout=run_time + 120,
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
        """Each page a few times in every worker before measuring: lazy imports, the Korean
        analyzer's model and template compilation happen once per process, not under load.

        One client in a row would mostly reach the same idle worker (the first to accept), so
        the pages are requested by ``workers`` clients at once, round after round, until every
        worker (``X-Worker``) has answered each page."""
        paths = [
            "/",
            "/jobs/",
            f"/jobs/?q={plan['terms'][0]}",
            f"/jobs/{plan['postings'][0]}/",
            "/courses/",
            "/api/v1/jobs/",
            f"/api/v1/jobs/?cursor={plan['deep_cursor']}",
            f"/jobs/?cursor={plan['deep_cursor']}",
            f"/api/v1/jobs/?q={plan['terms'][0]}",
            "/fairs/",
        ]

        def fetch(path: str) -> str:
            url = host + urllib.parse.quote(path, safe="/?=&")
            try:
                with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - 127.0.0.1
                    response.read()
                    return response.headers.get("X-Worker", "")
            except OSError:
                return ""

        with ThreadPoolExecutor(max_workers=workers) as pool:
            for path in paths:
                answered: set[str] = set()
                for _round in range(10 * workers):
                    answered.update(pool.map(fetch, [path] * workers))
                    answered.discard("")
                    if len(answered) >= workers:
                        break
                else:
                    self.stderr.write(
                        f"warm-up: {path} reached {len(answered)} of {workers} workers"
                    )

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
        floor_mean = float(floor["Average Response Time"]) if floor else None
        header = (
            "| page | requests | failures | req/s | p50 ms | p95 ms | p99 ms | queries | bytes "
            "| p95 × floor | throughput × floor |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|\n"
        )
        lines = []
        for r in sorted(rows, key=lambda r: r["Name"]):
            counts = queries.get(r["Name"]) or [0]
            ratio = float(r["95%"]) / floor_p95 if floor_p95 else 0
            # Each client picks pages by weight, so a page's req/s is its share of the mix;
            # what it could serve alone under the same clients is inverse to its mean time.
            mean = float(r["Average Response Time"])
            capacity = floor_mean / mean if floor_mean and mean else 0
            lines.append(
                f"| `{r['Name']}` | {r['Request Count']} | {r['Failure Count']} | "
                f"{float(r['Requests/s']):.1f} | {r['50%']} | {r['95%']} | {r['99%']} | "
                f"{statistics.median(counts):g} | {float(r['Average Content Size']):.0f} | "
                f"{ratio:.1f} | {capacity:.2f} |"
            )
        before, after = results["rss"]
        total = sum(int(r["Request Count"]) for r in rows)
        summary = (
            f"Measured {timezone.localtime():%Y-%m-%d %H:%M %Z} on PostgreSQL: "
            f"{Posting.objects.filter(status=Posting.Status.PUBLISHED).count():,} published postings, "
            f"{User.objects.filter(is_trainee=True).count():,} trainees, "
            f"{Company.objects.count():,} companies, {CourseRun.objects.count():,} course runs, "
            f"{Booking.objects.count():,} consultations; gunicorn {opts['workers']} workers, "
            f"{opts['users']} concurrent clients, {total:,} requests, {os.cpu_count()} cores "
            f"(load average before the run: {os.getloadavg()[0]:.1f}). "
            f"Floor (`/healthz`): p95 {floor_p95 or 0:g} ms, {floor_rps or 0:.1f} req/s. "
            f"Web workers' resident memory: {before} MB before, {after} MB after.\n\n"
        )
        table = summary + header + "\n".join(lines) + "\n" + self._memory(results["extra"])
        self.stdout.write("\n" + table)
        out = Path(settings.BASE_DIR) / opts["out"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(table, encoding="utf-8")
        self.stdout.write(f"written to {out}")

    def _memory(self, extra: dict) -> str:
        """Each worker's resident memory along the requests it answered: warmed up (0), after
        its first 1,000 and at its last sample; flat means within 10 % of the 1,000th."""
        memory = extra.get("memory") or {}
        if not memory:
            return ""
        lines = [
            "\n| web worker | requests answered | MB warmed up | MB at 1,000 | MB at last sample "
            "| growth since 1,000 | flat (≤ 10 %) |",
            "|---|---|---|---|---|---|---|",
        ]
        for pid, samples in sorted(memory.items()):
            answered = extra.get("answered", {}).get(pid, 0)
            start = samples[0][1]
            base = next((mb for n, mb in samples if n == 1000), None)
            last_n, last = samples[-1]
            if base and last_n > 1000:
                growth = (last - base) / base * 100
                flat = "yes" if abs(growth) <= 10 else "no"
                growth_text = f"{growth:+.1f} % (to request {last_n:,})"
            else:
                growth_text, flat = "too few requests", "–"
            lines.append(
                f"| {pid} | {answered:,} | {start} | {base or '–'} | {last} | {growth_text} | {flat} |"
            )
        return "\n".join(lines) + "\n"
