"""A term becoming counted while a posting holding it is being indexed: the kept counts stay exact.

Real threads, real connections, real PostgreSQL. The indexing writer is held after it has
adjusted the counts (none yet for the term) and before it commits; meanwhile the term's counts
are built. With the lock (writers ROW EXCLUSIVE, the builder SHARE ROW EXCLUSIVE) the builder
waits for the writer and then counts its posting. The control drops the writer's lock: the
builder counts without the uncommitted posting, the writer had nothing to adjust, and the kept
total is one short of the live one.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from jobs.models import Posting
from search import indexing, service
from search.backends.database import counts

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kept counts are PostgreSQL's"),
]


def kept_and_live(word: str, monkeypatch) -> tuple[int, int]:
    kept = service.search(service.build_request(kind="jobs", q=word)).total
    with monkeypatch.context() as patch:
        patch.setattr(counts, "is_counted", lambda kind, term_id: False)
        live = service.search(service.build_request(kind="jobs", q=word)).total
    return kept, live


def race(catalog, monkeypatch) -> bool:
    """Index a new 반지 posting while 반지 starts being counted; whether the builder had to
    wait for the writer."""
    monkeypatch.setattr(counts, "COMMON_TERM_ENTRIES", 1)
    adjusted, release = threading.Event(), threading.Event()
    original = counts.apply_deltas

    def held(deltas):
        original(deltas)
        if threading.current_thread().name == "writer":
            adjusted.set()
            release.wait(timeout=30)

    monkeypatch.setattr(counts, "apply_deltas", held)
    # not indexed on save: the writer below is the one that brings it into the index
    monkeypatch.setattr(indexing, "enqueue", lambda kind, ids: None)
    posting = Posting.objects.create(
        company=catalog["귀금속 세공사"].company,
        title="반지 수리 기사",
        description="반지 사이즈 조절",
        status=Posting.Status.PUBLISHED,
        published_at=timezone.now(),
    )

    def write():
        try:
            indexing.sync_objects(kind="jobs", object_ids=[posting.pk])
        finally:
            connections.close_all()

    def build():
        try:
            counts.refresh_counted_terms("jobs")
        finally:
            connections.close_all()

    writer = threading.Thread(target=write, name="writer")
    builder = threading.Thread(target=build, name="builder")
    writer.start()
    assert adjusted.wait(timeout=60)
    builder.start()
    builder.join(timeout=3)
    waited = builder.is_alive()
    release.set()
    writer.join(timeout=60)
    builder.join(timeout=60)
    return waited


def test_a_term_counted_during_a_write_counts_that_write(
    catalog, settings, monkeypatch, frozen_today
):
    settings.SEARCH_BACKEND = "database"
    assert race(catalog, monkeypatch)  # the builder waited for the writer
    kept, live = kept_and_live("반지", monkeypatch)
    assert kept == live == 4


def test_control_without_the_writers_lock_the_count_misses_the_write(
    catalog, settings, monkeypatch, frozen_today
):
    settings.SEARCH_BACKEND = "database"
    monkeypatch.setattr(counts, "lock_for_write", lambda: None)
    assert not race(catalog, monkeypatch)
    kept, live = kept_and_live("반지", monkeypatch)
    assert (kept, live) == (3, 4)
