"""The contract every search backend keeps: the same answers, in the same shape.

Runs on the database backend of whatever database the suite uses (SQLite FTS5 in the
zero-config mode, PostgreSQL in CI; there a second time with every term's facet counts kept,
so one-word searches read them instead of counting) and, when ELASTICSEARCH_URL is set, on that cluster too:
unchanged, against fresh indexes with a unique prefix that are dropped afterwards.
"""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from search import indexing, registry, service
from search.backends.base import SearchRequest

from .conftest import elasticsearch_url

BACKENDS = [
    "database",
    # PostgreSQL with every term's facet counts kept: one-word searches read them
    pytest.param(
        "database-counted",
        marks=pytest.mark.skipif(
            connection.vendor != "postgresql", reason="kept counts are PostgreSQL's"
        ),
    ),
    pytest.param(
        "elasticsearch",
        marks=pytest.mark.skipif(
            not elasticsearch_url(), reason="set ELASTICSEARCH_URL to run against a cluster"
        ),
    ),
]


@pytest.fixture(params=BACKENDS)
def backend(request, catalog, courses, settings, frozen_today, monkeypatch):
    """The catalog indexed into the backend under test, which then answers every search."""
    if request.param.startswith("database"):
        settings.SEARCH_BACKEND = "database"
        settings.ELASTICSEARCH_URL = ""
        if request.param == "database-counted":
            from search.backends.database import counts

            monkeypatch.setattr(counts, "COMMON_TERM_ENTRIES", 1)
            for spec in registry.all_indexes():
                counts.refresh_counted_terms(spec.kind)
        yield "database"
        return
    from search.backends import elastic

    settings.ELASTICSEARCH_URL = elasticsearch_url()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}"
    elastic.reset_client()
    for spec in registry.all_indexes():
        elastic.rebuild(spec, indexing._batches(spec, 100))
    yield "elasticsearch"
    for spec in registry.all_indexes():
        elastic.drop(spec.kind)
    elastic.reset_client()


def search(q="", kind="jobs", **kwargs) -> list[str]:
    return [hit.title for hit in run(q, kind, **kwargs).hits]


def run(q="", kind="jobs", **kwargs):
    result = service.search(service.build_request(kind=kind, q=q, **kwargs))
    assert result.backend == service.settings.SEARCH_BACKEND or result.notice
    return result


class TestKorean:
    def test_a_particle_does_not_stop_a_match(self, backend):
        assert {"귀금속 세공사", "주얼리 디자이너 (신입)"} <= set(search("반지를"))

    def test_spacing_does_not_matter(self, backend):
        assert "주얼리 디자이너 (신입)" in search("주얼리디자이너")

    def test_a_trade_suffix_finds_the_trade(self, backend):
        assert "귀금속 세공사" in search("세공사")

    def test_a_compound_finds_its_words_apart(self, backend):
        assert "다이아몬드 등급 감정 보조" in search("다이아몬드감정")

    def test_spelling_variants_and_synonyms_meet(self, backend):
        found = set(search("쥬얼리"))
        assert {"주얼리 디자이너 (신입)", "주얼리 CAD 모델러", "보석 장신구 판매원"} <= found
        assert "주얼리 CAD 모델러" in search("캐드")

    def test_an_unrelated_word_finds_nothing(self, backend):
        assert search("도자기") == []

    def test_companies_and_courses_are_searched_too(self, backend):
        assert search("감정", kind="companies") == ["돈화문 감정연구소"]
        assert "왁스카빙 기초" in search("왁스 카빙", kind="courses")


class TestWhatIsNeverFound:
    def test_drafts_closed_unverified_and_expired_postings_stay_out(self, backend, catalog):
        titles = set(search("세공"))
        assert "귀금속 세공사" in titles
        for hidden in ("draft", "closed", "unverified", "expired"):
            assert catalog[hidden].title not in titles
        assert "왁스카빙 심화 (준비 중)" not in search("왁스카빙", kind="courses")


class TestAutocomplete:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("주얼", "주얼리 디자이너 (신입)"),
            ("세ㄱ", "귀금속 세공사"),  # unfinished last syllable
            ("섹", "귀금속 세공사"),  # the IME's state while typing 세공
            ("ㅈㅇㄹ", "주얼리 CAD 모델러"),  # 초성
            ("다이아", "다이아몬드 등급 감정 보조"),
            ("ㅇㅅㅋㅂ", "왁스카빙 기초"),
        ],
    )
    def test_it_suggests_while_typing(self, backend, typed, expected):
        assert expected in [s.text for s in service.suggest(typed)]

    def test_hidden_items_are_not_suggested(self, backend, catalog):
        texts = [s.text for s in service.suggest("세공")]
        assert catalog["draft"].title not in texts
        assert catalog["expired"].title not in texts

    def test_suggestions_point_at_the_object(self, backend, catalog):
        suggestion = next(s for s in service.suggest("귀금속") if s.text == "귀금속 세공사")
        assert (suggestion.kind, suggestion.id) == ("jobs", catalog["귀금속 세공사"].pk)
        assert suggestion.url == f"/jobs/{suggestion.id}/"


class TestFacets:
    def counts(self, result, name):
        facet = next(f for f in result.facets if f.name == name)
        return {v.value: v.count for v in facet.values}

    def test_counts_follow_the_query(self, backend):
        result = run("반지")
        assert result.total == 3
        assert self.counts(result, "district") == {"jongno": 3}
        assert sum(self.counts(result, "employment_type").values()) == 3

    def test_each_facet_counts_under_the_other_filters_only(self, backend):
        result = run("", filters={"district": ["jongno"], "employment_type": ["contract"]})
        assert [h.title for h in result.hits] == ["왁스카빙 기능공"]
        # the district facet ignores the district filter but keeps the employment one
        assert self.counts(result, "district") == {"jongno": 1, "jung": 1}
        # the employment facet ignores its own filter but keeps the district one
        assert self.counts(result, "employment_type") == {"full_time": 3, "contract": 1}
        selected = [v.value for f in result.facets for v in f.values if v.selected]
        assert sorted(selected) == ["contract", "jongno"]

    def test_the_multi_valued_skill_facet(self, backend, search_skills):
        result = run("", filters={"skill": [str(search_skills["디자인"].pk)]})
        assert sorted(h.title for h in result.hits) == [
            "주얼리 CAD 모델러",
            "주얼리 디자이너 (신입)",
        ]
        labels = {v.label: v.count for f in result.facets if f.name == "skill" for v in f.values}
        assert labels["세공"] == 2 and labels["디자인"] == 2

    def test_an_unknown_value_matches_nothing_and_an_unknown_facet_is_ignored(self, backend):
        assert run("", filters={"district": ["atlantis"]}).total == 0
        assert service.build_request(kind="jobs", filters={"colour": ["red"]}).filters == {}

    def test_course_facets(self, backend):
        result = run("", kind="courses", filters={"seats": ["available"]})
        assert [h.title for h in result.hits] == ["왁스카빙 기초"]
        months = [v.value for f in result.facets if f.name == "month" for v in f.values]
        assert len(months) == 1


class TestHighlights:
    def test_matches_are_marked_in_the_title_and_snippet(self, backend):
        hit = next(h for h in run("반지").hits if h.title == "주얼리 디자이너 (신입)")
        assert "<mark>반지</mark>" in hit.highlight["snippet"]
        hit = run("세공사").hits[0]
        assert "<mark>" in hit.highlight["title"]

    def test_text_is_escaped(self, backend, catalog):
        from jobs.models import Posting

        posting = catalog["귀금속 세공사"]
        Posting.objects.filter(pk=posting.pk).update(title="<b>반지</b> 세공사")
        indexing.sync_objects(kind="jobs", object_ids=[posting.pk])
        if backend == "elasticsearch":
            from search.backends import elastic

            elastic.sync_objects(kind="jobs", object_ids=[posting.pk])
            elastic.refresh("jobs")
        hit = next(h for h in run("반지").hits if h.id == posting.pk)
        assert "<b>" not in hit.highlight["title"]
        assert "&lt;b&gt;" in hit.highlight["title"]


class TestSortingAndPages:
    def test_sorts(self, backend):
        assert search(sort="newest")[:2] == ["귀금속 세공사", "주얼리 디자이너 (신입)"]
        assert search(sort="salary")[0] == "주얼리 CAD 모델러"
        assert search(sort="salary")[-1] == "보석 장신구 판매원"  # no salary: last
        assert search(sort="deadline")[0] == "다이아몬드 등급 감정 보조"
        assert search(sort="deadline")[-1] == "보석 장신구 판매원"  # no deadline: last

    @pytest.mark.parametrize("sort", ["relevance", "newest", "deadline", "salary"])
    def test_keyset_pages_cover_everything_once(self, backend, sort):
        seen = []
        request = service.build_request(
            kind="jobs", q="" if sort != "relevance" else "반지 OR 세공", sort=sort, size=2
        )
        total = None
        while True:
            result = service.search(request)
            total = result.total
            seen += [hit.id for hit in result.hits]
            if not result.next_cursor:
                break
            request.cursor = result.next_cursor
        assert len(seen) == len(set(seen)) == total

    def test_a_tampered_cursor_is_refused(self, backend):
        first = run("", size=2)
        with pytest.raises(ValidationError):
            run("", size=2, cursor=first.next_cursor[:-3] + "abc")
        with pytest.raises(ValidationError):
            run("", size=2, cursor="-1")


class TestBadInput:
    @pytest.mark.parametrize(
        "q",
        [
            '"',
            "(",
            "a & | ! :* <->",
            "-",
            "OR",
            "\\",
            "'",
            "세공 OR",
            "*",
            "NOT",
            "반지" * 240,
            "  ",
        ],
    )
    def test_query_syntax_is_just_text(self, backend, q):
        result = run(q)
        assert result.total >= 0

    def test_a_query_past_500_characters_is_refused_with_a_message(self, backend):
        with pytest.raises(ValidationError) as error:
            run("반지" * 300)
        assert "500" in error.value.messages[0]

    def test_unknown_type_and_sort_are_refused(self, backend):
        with pytest.raises(ValidationError):
            service.build_request(kind="spaceships")
        with pytest.raises(ValidationError):
            service.build_request(kind="jobs", sort="shoe-size")


class TestTypos:
    def test_a_typo_finds_the_word_meant(self, backend):
        if backend == "database" and connection.vendor != "postgresql":
            pytest.skip("typo tolerance needs pg_trgm (PostgreSQL) or Elasticsearch")
        result = run("주얼라")
        assert result.fuzzy
        assert "주얼리 디자이너 (신입)" in [h.title for h in result.hits]


def test_the_request_shape_is_what_backends_receive():
    request = SearchRequest(kind="jobs")
    assert (request.sort, request.size, request.with_facets) == ("relevance", 20, True)


# The job list's 신입/경력/무관, years and education filters, as ``jobs.filters`` maps them.
JOB_LIST_FILTERS = [
    {"experience": "entry"},
    {"experience": "career"},
    {"experience": "any"},
    {"years": 2},
    {"experience": "career", "years": 4},
    {"education": "high_school"},
    {"education": "college", "experience": "entry"},
    {"education": "master"},
]


@pytest.mark.parametrize("params", JOB_LIST_FILTERS, ids=lambda p: "-".join(map(str, p.values())))
def test_the_job_list_filters_select_what_the_facets_select(backend, params):
    """The job list filters in the database (``selectors.search_postings``); the search app's
    ``experience`` / ``education`` facets hold the same values, and several values of a facet
    are OR-ed on every backend, so both select the same postings."""
    from jobs import filters, selectors

    listed = set(selectors.search_postings(params).values_list("title", flat=True))
    found = set(search(filters=filters.search_facets(params), size=50))
    assert listed == found
    assert listed  # each case selects something, so the comparison means something
