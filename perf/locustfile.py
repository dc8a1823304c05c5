"""The request mix of `python manage.py bench_pages` (run by it; reads the plan it writes).

Anonymous visitors browse the job list (first and deep pages), search, postings, courses and
fairs, and call the API; signed-in trainees, employers and counselors open their own pages.
`/healthz` (SELECT 1 through the whole middleware stack) runs in the same mix: it is the
floor every page is compared with. Each request is named by its page, so the figures come
out per page. Each web worker's resident memory is sampled every 1,000 requests it answers.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import Counter, defaultdict

import gevent
import psutil
from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["BENCH_PLAN"], encoding="utf-8").read())  # noqa: SIM115
QUERIES: dict[str, list[int]] = defaultdict(list)
BYTES: dict[str, list[int]] = defaultdict(list)
# Memory: each web worker's resident set after every MEMORY_STEP requests it answered (it
# names itself in X-Worker); the run goes on past --duration until every worker answered
# BENCH_MIN_REQUESTS (bench_pages' --memory-requests) or the hard --run-time stops it.
MEMORY_STEP = 1_000
MIN_REQUESTS = int(os.environ.get("BENCH_MIN_REQUESTS", "0"))
DURATION = float(os.environ.get("BENCH_DURATION", "0"))
WORKERS = [int(pid) for pid in os.environ.get("BENCH_WORKER_PIDS", "").split(",") if pid]
ANSWERED: Counter = Counter()
MEMORY: dict[int, list[tuple[int, float]]] = defaultdict(list)


def _rss_mb(pid: int) -> float | None:
    try:
        return round(psutil.Process(pid).memory_info().rss / 2**20, 1)
    except psutil.Error:
        return None


@events.request.add_listener
def _record(name, response, exception, response_length, **_kwargs):
    if exception is None and response is not None:
        QUERIES[name].append(int(response.headers.get("X-Queries", "0")))
        BYTES[name].append(response_length)
        pid = int(response.headers.get("X-Worker", "0"))
        if pid in WORKERS:
            ANSWERED[pid] += 1
            if ANSWERED[pid] % MEMORY_STEP == 0:
                rss = _rss_mb(pid)
                if rss is not None:
                    MEMORY[pid].append((ANSWERED[pid], rss))


@events.test_start.add_listener
def _watch(environment, **_kwargs):
    for pid in WORKERS:
        MEMORY[pid].append((0, _rss_mb(pid)))
    started = time.monotonic()

    def stop_when_done():
        while True:
            gevent.sleep(1)
            answered = min((ANSWERED[pid] for pid in WORKERS), default=0)
            if time.monotonic() - started >= DURATION and answered >= MIN_REQUESTS:
                environment.runner.quit()
                return

    gevent.spawn(stop_when_done)


@events.quitting.add_listener
def _write(environment, **_kwargs):
    with open(os.environ["BENCH_EXTRA"], "w", encoding="utf-8") as out:
        json.dump(
            {
                "queries": QUERIES,
                "bytes": BYTES,
                "answered": {str(pid): n for pid, n in ANSWERED.items()},
                "memory": {str(pid): samples for pid, samples in MEMORY.items()},
            },
            out,
        )


def _pick(key: str):
    return random.choice(PLAN[key])  # noqa: S311 - load mix


class Visitor(HttpUser):
    weight = 6
    wait_time = between(0, 0)

    @task(4)
    def floor(self):
        self.client.get("/healthz", name="/healthz")

    @task(2)
    def home(self):
        self.client.get("/", name="/")

    @task(6)
    def jobs(self):
        self.client.get("/jobs/", name="/jobs/")

    @task(2)
    def jobs_deep(self):
        self.client.get(f"/jobs/?cursor={PLAN['deep_cursor']}", name="/jobs/?cursor=deep")

    @task(1)
    def jobs_old_page(self):
        self.client.get("/jobs/?page=20", name="/jobs/?page=20")

    @task(3)
    def jobs_search(self):
        self.client.get(f"/jobs/?q={_pick('terms')}", name="/jobs/?q=term")

    @task(4)
    def job(self):
        self.client.get(f"/jobs/{_pick('postings')}/", name="/jobs/<id>/")

    @task(3)
    def courses(self):
        self.client.get("/courses/", name="/courses/")

    @task(2)
    def course(self):
        self.client.get(f"/courses/{_pick('courses')}/", name="/courses/<id>/")

    @task(1)
    def fairs(self):
        self.client.get("/fairs/", name="/fairs/")

    @task(1)
    def consulting(self):
        self.client.get("/consulting/", name="/consulting/")

    @task(4)
    def api_jobs(self):
        self.client.get("/api/v1/jobs/", name="/api/v1/jobs/")

    @task(1)
    def api_jobs_deep(self):
        self.client.get(
            f"/api/v1/jobs/?cursor={PLAN['deep_cursor']}", name="/api/v1/jobs/?cursor=deep"
        )

    @task(2)
    def api_jobs_search(self):
        self.client.get(f"/api/v1/jobs/?q={_pick('terms')}", name="/api/v1/jobs/?q=term")

    @task(2)
    def api_courses(self):
        self.client.get("/api/v1/courses/", name="/api/v1/courses/")


class _SignedIn(HttpUser):
    abstract = True
    wait_time = between(0, 0)
    role = ""

    def on_start(self):
        self.client.cookies.set("sessionid", _pick(f"{self.role}_sessions"))


class Trainee(_SignedIn):
    weight = 3
    role = "trainee"

    @task(2)
    def dashboard(self):
        self.client.get("/dashboard/trainee/", name="/dashboard/trainee/")

    @task(3)
    def jobs(self):
        self.client.get("/jobs/", name="/jobs/ (trainee)")

    @task(2)
    def recommendations(self):
        self.client.get("/jobs/me/recommendations/", name="/jobs/me/recommendations/")

    @task(2)
    def applications(self):
        self.client.get("/jobs/me/applications/", name="/jobs/me/applications/")

    @task(1)
    def enrollments(self):
        self.client.get("/courses/my/", name="/courses/my/")

    @task(1)
    def consultations(self):
        self.client.get("/consulting/mine/", name="/consulting/mine/")

    @task(1)
    def api_applications(self):
        self.client.get("/api/v1/me/applications/", name="/api/v1/me/applications/")


class Employer(_SignedIn):
    weight = 1
    role = "employer"

    def on_start(self):
        account = _pick("employer_sessions")  # an owner and a posting of their company
        self.client.cookies.set("sessionid", account["session"])
        self.board = account["board"]

    @task(2)
    def home(self):
        self.client.get("/jobs/employer/", name="/jobs/employer/")

    @task(2)
    def board(self):
        self.client.get(f"/jobs/employer/postings/{self.board}/board/", name="board")


class Counselor(_SignedIn):
    weight = 1
    role = "counselor"

    @task
    def agenda(self):
        self.client.get("/consulting/workspace/", name="/consulting/workspace/")
