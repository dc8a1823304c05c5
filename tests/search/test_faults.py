"""When Elasticsearch is down or slow: searches fall back, a breaker stops the waiting, and
writes never fail. Exercised against a closed local port and one that accepts and never answers."""

from __future__ import annotations

import logging
import socket
import threading
import time

import pytest

from jobs.models import Posting
from search import breaker, indexing, service, tasks
from search.backends import elastic
from search.backends.database import DatabaseBackend


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SilentServer:
    """Accepts connections and never answers, like a cluster stuck in a long GC pause."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.held: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        deadline = time.monotonic() + 60  # never outlives a test run
        while not self.stop.is_set() and time.monotonic() < deadline:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            self.held.append(connection)

    def close(self):
        self.stop.set()
        self.thread.join(timeout=2)
        for connection in self.held:
            connection.close()
        self.sock.close()


@pytest.fixture
def cluster_at(settings):
    """Point search at a given local port (and restore the client afterwards)."""

    def point(port: int, timeout: float = 0.3):
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_TIMEOUT = timeout
        elastic.reset_client()

    yield point
    elastic.reset_client()


@pytest.fixture
def silent():
    server = SilentServer()
    yield server
    server.close()


def jobs_search(q="세공"):
    return service.search(service.build_request(kind="jobs", q=q))


def test_a_closed_port_falls_back_to_the_database_with_a_notice(catalog, frozen_today, cluster_at):
    cluster_at(closed_port())
    result = jobs_search()
    assert result.backend == "database"
    assert result.notice == service.degraded_notice()
    assert "귀금속 세공사" in [hit.title for hit in result.hits]
    assert [s.text for s in service.suggest("세ㄱ")][:1] == ["귀금속 세공사"]


def test_a_silent_cluster_times_out_and_the_breaker_stops_the_waiting(
    catalog, frozen_today, cluster_at, silent
):
    cluster_at(silent.port, timeout=0.3)
    for _ in range(breaker.FAILURES):
        started = time.monotonic()
        result = jobs_search()
        assert 0.25 < time.monotonic() - started < 2.0
        assert result.backend == "database" and result.notice
    attempts = silent.accepted
    assert breaker.is_open()

    started = time.monotonic()
    result = jobs_search()
    assert time.monotonic() - started < 0.25, "an open breaker answers without waiting"
    assert result.notice and silent.accepted == attempts


def test_the_wait_is_never_longer_than_two_seconds(catalog, frozen_today, cluster_at, silent):
    cluster_at(silent.port, timeout=30)
    started = time.monotonic()
    result = jobs_search()
    assert time.monotonic() - started < 2.6
    assert result.backend == "database"


def test_the_breaker_half_opens_then_closes_or_reopens():
    now = time.time()
    for _ in range(breaker.FAILURES):
        breaker.record_failure(now)
    assert not breaker.allows_call(now + 1)
    later = now + breaker.OPEN_SECONDS + 1
    assert breaker.allows_call(later)  # half-open: one try
    breaker.record_failure(later)  # the try failed: open again at once
    assert not breaker.allows_call(later + 1)
    assert breaker.allows_call(later + breaker.OPEN_SECONDS + 1)
    breaker.record_success()
    assert breaker.allows_call(later + 2)


def test_writes_succeed_while_the_cluster_is_down(
    catalog, frozen_today, cluster_at, django_capture_on_commit_callbacks, caplog
):
    cluster_at(closed_port())
    posting = catalog["귀금속 세공사"]
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        posting.title = "귀금속 세공사 (급구)"
        posting.save()
    assert Posting.objects.get(pk=posting.pk).title == "귀금속 세공사 (급구)"
    # the database index followed; the cluster's copy waits for a retry or the reconcile
    assert "귀금속 세공사 (급구)" in [h.title for h in jobs_search().hits]
    assert any("cluster unavailable" in r.getMessage() for r in caplog.records)


def test_writes_succeed_while_the_broker_is_down(
    catalog, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def refuse(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(tasks.index_objects, "delay", refuse)
    posting = catalog["주얼리 CAD 모델러"]
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        posting.title = "주얼리 CAD 모델러 (경력)"
        posting.save()
    assert Posting.objects.get(pk=posting.pk).title == "주얼리 CAD 모델러 (경력)"
    assert any("could not queue" in r.getMessage() for r in caplog.records)


def test_reconcile_repairs_what_the_index_missed(catalog, frozen_today):
    backend = DatabaseBackend()
    lost = catalog["보석 장신구 판매원"]
    backend.delete("jobs", [lost.pk])  # an update that never arrived
    closed = catalog["왁스카빙 기능공"]
    Posting.objects.filter(pk=closed.pk).update(status=Posting.Status.CLOSED)  # no signal
    report = indexing.reconcile("jobs", elastic=False)
    assert report.missing == [lost.pk]
    assert report.stale == [closed.pk]
    titles = [h.title for h in service.search(service.build_request(kind="jobs")).hits]
    assert "보석 장신구 판매원" in titles and "왁스카빙 기능공" not in titles
    assert indexing.reconcile("jobs", elastic=False).missing == []


def test_a_push_that_keeps_failing_gives_up_quietly(catalog, cluster_at):
    cluster_at(closed_port())
    result = tasks.push_to_elasticsearch.apply(args=("jobs", [catalog["귀금속 세공사"].pk])).get()
    assert result == {"failed": 1}
