"""PostgreSQL: facet counts kept per common term answer exactly what counting live answers.

A one-word search for a counted term with no filter reads its total and facet counts from
``search_term_count`` and ranks only; here every such answer is compared with the same search
counted live, after inserts, updates, deletions, a deadline passing, a clear and filter
changes. Also: the dictionary forgets the terms no entry holds any more.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from jobs.models import Posting, PostingSkill
from search import indexing, service
from search.backends.database import DatabaseBackend, counts, postgres

from .conftest import TODAY

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="kept counts are PostgreSQL's"
)

WORDS = ["반지", "세공", "주얼리", "보석", "디자이너", "감정", "업무"]


@pytest.fixture
def counted(catalog, settings, frozen_today, monkeypatch):
    """Every term of the catalog counted (a threshold of one entry)."""
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(counts, "COMMON_TERM_ENTRIES", 1)
    counts.refresh_counted_terms("jobs")
    return catalog


@pytest.fixture
def fast_path(monkeypatch):
    """How many searches the kept counts answered."""
    used = []
    original = postgres.run_counted

    def spy(*args, **kwargs):
        result = original(*args, **kwargs)
        used.append(result is not None)
        return result

    monkeypatch.setattr(postgres, "run_counted", spy)
    return used


def answer(q: str, **kwargs):
    result = service.search(service.build_request(kind="jobs", q=q, **kwargs))
    facets = {f.name: sorted((v.value, v.count) for v in f.values) for f in result.facets}
    return result.total, [hit.id for hit in result.hits], facets, result.next_cursor


def live(monkeypatch, q: str, **kwargs):
    with monkeypatch.context() as patch:
        patch.setattr(counts, "is_counted", lambda kind, term_id: False)
        return answer(q, **kwargs)


def all_pages(q: str, size: int, **kwargs) -> list[int]:
    ids, cursor = [], ""
    while True:
        result = service.search(
            service.build_request(kind="jobs", q=q, size=size, cursor=cursor, **kwargs)
        )
        ids += [hit.id for hit in result.hits]
        cursor = result.next_cursor
        if not cursor:
            return ids


def assert_same_as_live(monkeypatch, fast_path, words=WORDS):
    for word in words:
        before = len(fast_path)
        kept = answer(word)
        assert fast_path[before:] == [True], word
        assert kept[:3] == live(monkeypatch, word)[:3], word


def test_kept_counts_equal_live_counts(counted, monkeypatch, fast_path):
    assert_same_as_live(monkeypatch, fast_path)
    total, _, facets, _ = answer("반지")
    assert total == 3
    assert facets["district"] == [("jongno", 3)]


def test_pages_and_sorts_equal_live_ones(counted, monkeypatch, fast_path):
    for word in ("주얼리", "세공", "반지"):
        for size in (1, 2, 20):
            for sort in ("relevance", "newest", "deadline", "salary"):
                kept = all_pages(word, size, sort=sort)
                with monkeypatch.context() as patch:
                    patch.setattr(counts, "is_counted", lambda kind, term_id: False)
                    assert kept == all_pages(word, size, sort=sort), (word, size, sort)
    assert all(fast_path)


def test_counts_follow_inserts_updates_and_deletions(counted, monkeypatch, fast_path, catalog):
    gold = catalog["귀금속 세공사"].company
    added = Posting.objects.create(
        company=gold,
        title="반지 세공 보조",
        description="주얼리 공방에서 반지를 세공합니다",
        district="gangnam",
        employment_type="part_time",
        status=Posting.Status.PUBLISHED,
        published_at=timezone.now(),
        deadline=TODAY + dt.timedelta(days=3),
    )
    indexing.sync_objects(kind="jobs", object_ids=[added.pk])
    assert answer("반지")[0] == 4
    assert_same_as_live(monkeypatch, fast_path)

    # an update moves the posting to other facet values (and a skill)
    designer = catalog["주얼리 디자이너 (신입)"]
    Posting.objects.filter(pk=designer.pk).update(district="jung", employment_type="contract")
    PostingSkill.objects.filter(posting=designer).delete()
    indexing.sync_objects(kind="jobs", object_ids=[designer.pk])
    assert_same_as_live(monkeypatch, fast_path)

    # a closed posting leaves the index, a deleted one too
    Posting.objects.filter(pk=catalog["귀금속 세공사"].pk).update(status=Posting.Status.CLOSED)
    indexing.sync_objects(kind="jobs", object_ids=[catalog["귀금속 세공사"].pk])
    modeler = catalog["주얼리 CAD 모델러"].pk
    catalog["주얼리 CAD 모델러"].delete()
    indexing.sync_objects(kind="jobs", object_ids=[modeler])
    assert answer("반지")[0] == 2
    assert_same_as_live(monkeypatch, fast_path)

    # indexing the same objects again changes nothing; a rebuild counts them afresh
    indexing.sync_objects(kind="jobs", object_ids=Posting.objects.values_list("pk", flat=True))
    assert_same_as_live(monkeypatch, fast_path)
    indexing.rebuild("jobs")
    assert_same_as_live(monkeypatch, fast_path)


def test_counts_follow_deadlines_passing_without_a_write(counted, monkeypatch, fast_path):
    for days in (0, 4, 5, 10, 11, 25, 45):
        later = TODAY + dt.timedelta(days=days)
        monkeypatch.setattr(timezone, "localdate", lambda *args, later=later, **kwargs: later)
        assert_same_as_live(monkeypatch, fast_path)
    # past every deadline only the posting without one is left
    assert answer("보석")[0] == 1


def test_filters_count_live_and_removing_them_reads_kept_counts_again(
    counted, monkeypatch, fast_path
):
    before = len(fast_path)
    filtered = answer("반지", filters={"district": ["jongno"], "employment_type": ["full_time"]})
    assert fast_path[before:] == []  # never asked: a filter means counting live
    assert filtered[0] == 3
    assert dict(filtered[2]["employment_type"]) == {"full_time": 3}
    assert_same_as_live(monkeypatch, fast_path, ["반지"])


def test_only_one_word_without_exclusions_reads_kept_counts(counted, fast_path):
    for q in ("반지 세공", "반지 -세공", "반지 OR 보석", "오팔"):
        answer(q)
    assert fast_path == []


def test_a_term_turning_common_is_counted_from_the_next_refresh(
    counted, fast_path, catalog, monkeypatch
):
    monkeypatch.setattr(counts, "COMMON_TERM_ENTRIES", 2)
    added = Posting.objects.create(
        company=catalog["귀금속 세공사"].company,
        title="진주 연마공",
        description="진주를 연마합니다",
        status=Posting.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    indexing.sync_objects(kind="jobs", object_ids=[added.pk])
    assert answer("진주")[0] == 1 and fast_path == []
    assert DatabaseBackend().refresh_counts("jobs")[0] == 0  # in one entry, not two
    monkeypatch.setattr(counts, "COMMON_TERM_ENTRIES", 1)
    assert DatabaseBackend().refresh_counts("jobs")[0] >= 1
    assert answer("진주")[0] == 1 and fast_path == [True]


def test_a_term_no_longer_common_stops_being_counted(counted, fast_path):
    added, dropped = counts.refresh_counted_terms("jobs", threshold=10)
    assert added == 0 and dropped > 0
    assert answer("반지")[0] == 3  # in four entries, under half of ten: counted live again
    assert fast_path == []


def test_a_cleared_kind_counts_nothing(counted, monkeypatch, fast_path):
    DatabaseBackend().clear("jobs")
    assert answer("반지")[0] == 0
    assert_same_as_live(monkeypatch, fast_path, ["반지", "세공"])


def test_terms_no_entry_holds_are_removed(counted, catalog):
    def known(term: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM search_term WHERE term = %s", [term])
            return cursor.fetchone() is not None

    added = Posting.objects.create(
        company=catalog["귀금속 세공사"].company,
        title="토파즈 연마공",
        description="토파즈를 연마합니다",
        status=Posting.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    indexing.sync_objects(kind="jobs", object_ids=[added.pk])
    assert known("토파즈")
    assert indexing.remove_unused_terms() == 0
    topaz = added.pk
    added.delete()
    indexing.sync_objects(kind="jobs", object_ids=[topaz])
    assert indexing.remove_unused_terms() >= 1
    assert not known("토파즈")
    assert known("반지")
    assert service.search(service.build_request(kind="jobs", q="반지")).total == 3
