"""The public job list at scale: keyset pages (cursor links, old page numbers), a total bounded
at 1,000, and conditional GET for anonymous visitors (never for a signed-in person)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from core import keyset
from jobs import services
from jobs.models import Posting

from .conftest import posting_data, publish


@pytest.fixture
def many(posting):
    """25 published postings: the fixture's one and 24 copies with distinct dates, some without
    a deadline or a salary (bulk: the list reads rows, not how they were written)."""
    now = timezone.now()
    today = timezone.localdate()
    copies = []
    for i in range(24):
        copies.append(
            Posting(
                company=posting.company,
                center=posting.center,
                title=f"세공사 {i:02d}",
                description="세공",
                employment_type=posting.employment_type,
                district=posting.district,
                work_mode=posting.work_mode,
                salary_min=None,
                salary_max=None if i % 3 == 0 else 30_000_000 + (i % 4) * 1_000_000,
                deadline=None if i % 5 == 0 else today + dt.timedelta(days=i % 7),
                status=Posting.Status.PUBLISHED,
                published_at=now - dt.timedelta(hours=i + 1),
            )
        )
    Posting.objects.bulk_create(copies)
    return Posting.objects.filter(status=Posting.Status.PUBLISHED)


def _titles(html: str) -> list[str]:
    return re.findall(r'class="card__title"><a href="/jobs/\d+/">([^<]+)</a>', html)


def _link(html: str, rel: str) -> str | None:
    match = re.search(rf'<a href="([^"]+)" rel="{rel}"', html)
    return match.group(1).replace("&amp;", "&") if match else None


class TestKeysetPages:
    def test_it_walks_the_list_by_next_and_previous_links(self, client, many):
        first = client.get("/jobs/").content.decode()
        assert len(_titles(first)) == 20
        assert _link(first, "prev") is None
        second = client.get("/jobs/" + _link(first, "next")).content.decode()
        assert len(_titles(second)) == 5
        assert _link(second, "next") is None
        assert not set(_titles(first)) & set(_titles(second))
        back = client.get("/jobs/" + _link(second, "prev")).content.decode()
        assert _titles(back) == _titles(first)

    def test_links_keep_the_filters(self, client, many):
        page = client.get("/jobs/", {"district": "jongno"}).content.decode()
        assert "district=jongno" in _link(page, "next")

    def test_an_old_page_number_still_answers_and_one_past_the_bound_goes_to_page_1(
        self, client, many
    ):
        second = client.get("/jobs/", {"page": 2}).content.decode()
        assert len(_titles(second)) == 5
        response = client.get("/jobs/", {"page": keyset.MAX_OFFSET_PAGE + 1, "district": "jongno"})
        assert response.status_code == 302
        assert response["Location"] == "/jobs/?district=jongno"

    def test_an_edited_cursor_goes_to_page_1(self, client, many):
        response = client.get("/jobs/", {"cursor": "not-a-cursor"})
        assert response.status_code == 302
        assert response["Location"] == "/jobs/"

    def test_a_long_list_says_how_many_up_to_the_bound(self, client, many, monkeypatch):
        monkeypatch.setattr(keyset, "COUNT_LIMIT", 10)
        assert "공고 10건 이상" in client.get("/jobs/").content.decode()
        assert "10+ openings" in client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        body = client.get("/api/v1/jobs/").json()
        assert (body["count"], body["count_is_exact"]) == (10, False)

    @pytest.mark.parametrize("sort", ["newest", "deadline", "salary"])
    def test_the_api_cursor_visits_every_posting_once_in_order(self, client, many, sort):
        expected = list(
            many.order_by(*keyset_order(sort)).values_list("pk", flat=True)
        )  # the documented order: empty deadlines and salaries last
        seen, url = [], f"/api/v1/jobs/?sort={sort}&page_size=4"
        while url:
            body = client.get(url).json()
            assert (body["count"], body["count_is_exact"]) == (25, True)
            seen += [job["id"] for job in body["results"]]
            url = body["next"]
        assert seen == expected
        # and back again from the end
        back, url = [], body["previous"]
        while url:
            body = client.get(url).json()
            back = [job["id"] for job in body["results"]] + back
            url = body["previous"]
        assert back == expected[: len(back)] and len(back) == 24  # all but the last page's row

    def test_the_api_refuses_a_foreign_cursor_and_pages_past_the_bound(self, client, many):
        newest = client.get("/api/v1/jobs/", {"page_size": 2}).json()["next"]
        cursor = newest.split("cursor=")[1]
        response = client.get("/api/v1/jobs/", {"sort": "salary", "cursor": cursor})
        assert response.status_code == 400
        response = client.get("/api/v1/jobs/", {"page": keyset.MAX_OFFSET_PAGE + 1})
        assert response.status_code == 400
        newest_order = keyset_ordering("newest")
        edited = keyset.encode_cursor(
            newest_order, ["2026-04-14T05:00:00+00:00", 10**30], forward=True
        )
        assert client.get("/api/v1/jobs/", {"cursor": edited}).status_code == 400
        assert client.get("/api/v1/jobs/", {"page": 2, "page_size": 20}).json()["results"]

    def test_a_search_still_pages_by_number(self, client, many):
        body = client.get("/api/v1/jobs/", {"q": "세공", "page_size": 20}).json()
        assert body["count_is_exact"] is True
        if body["next"]:
            assert "page=2" in body["next"]


def keyset_ordering(sort: str) -> keyset.Ordering:
    from jobs.selectors import LIST_ORDERINGS

    return LIST_ORDERINGS[sort]


def keyset_order(sort: str):
    return keyset_ordering(sort).order_by()


class TestConditionalGet:
    def test_an_anonymous_visitor_revalidates_and_gets_304(self, client, posting):
        client.get("/jobs/")  # a first visit sets the CSRF cookie the HTML validator includes
        for url in ("/jobs/", f"/jobs/{posting.pk}/", "/api/v1/jobs/"):
            first = client.get(url)
            assert first.status_code == 200
            assert first["ETag"] and first["Last-Modified"]
            again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
            assert again.status_code == 304
            assert again.content == b""

    def test_html_is_kept_by_the_browser_only_and_the_api_by_any_cache(self, client, posting):
        page = client.get("/jobs/")["Cache-Control"]
        api = client.get("/api/v1/jobs/")["Cache-Control"]
        assert "private" in page and "no-cache" in page and "public" not in page
        assert "public" in api and "no-cache" in api

    def test_a_change_to_a_posting_changes_the_etag(
        self, client, posting, bob, django_capture_on_commit_callbacks
    ):
        urls = ("/jobs/", "/api/v1/jobs/")
        client.get("/jobs/")  # the CSRF cookie
        before = {url: client.get(url) for url in urls}
        assert "귀금속 세공사" in before["/jobs/"].content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            services.posting_close(posting=posting, by=bob)
        for url, first in before.items():
            response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
            assert response.status_code == 200
            assert response["ETag"] != first["ETag"]
            assert "귀금속 세공사" not in response.content.decode()

    def test_a_new_posting_changes_the_etag(
        self, client, posting, bob, dave, django_capture_on_commit_callbacks
    ):
        client.get("/jobs/")  # the CSRF cookie
        etag = client.get("/jobs/")["ETag"]
        with django_capture_on_commit_callbacks(execute=True):
            new = services.posting_create(
                company=posting.company, by=bob, data=posting_data(title="왁스 조각가"), skills=[]
            )
            publish(new, dave)
        response = client.get("/jobs/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "왁스 조각가" in response.content.decode()

    def test_a_signed_in_page_is_never_cached_publicly_nor_answered_304(
        self, client, posting, alice
    ):
        etag = client.get("/jobs/")["ETag"]
        client.force_login(alice)
        for url in ("/jobs/", f"/jobs/{posting.pk}/", "/api/v1/jobs/"):
            response = client.get(url, HTTP_IF_NONE_MATCH=etag)
            assert response.status_code == 200
            assert not response.has_header("ETag")
            assert "private" in response["Cache-Control"]
            assert "public" not in response["Cache-Control"]


class TestKeptAnswers:
    """An anonymous API answer is kept for its validator and URL: a second visitor without the
    validator gets it without a query, and never once the data, the index or the language
    changed."""

    def test_a_second_anonymous_visitor_gets_the_answer_without_a_query(
        self, client, posting, django_assert_num_queries
    ):
        first = client.get("/api/v1/jobs/")
        with django_assert_num_queries(0):
            again = client.get("/api/v1/jobs/")
        assert again.status_code == 200
        assert again.json() == first.json()
        assert again["ETag"] == first["ETag"]
        assert [row["title"] for row in again.json()["results"]] == ["귀금속 세공사"]

    def test_a_change_is_never_answered_from_the_kept_data(
        self, client, posting, bob, django_capture_on_commit_callbacks
    ):
        client.get("/api/v1/jobs/")
        client.get(f"/api/v1/jobs/{posting.pk}/")
        company = posting.company
        company.name = "종로주얼리공방"  # as the admin edits it: a plain save
        with django_capture_on_commit_callbacks(execute=True):
            company.save()
        listed = client.get("/api/v1/jobs/").json()["results"][0]
        assert listed["company"]["name"] == "종로주얼리공방"
        assert (
            client.get(f"/api/v1/jobs/{posting.pk}/").json()["company"]["name"] == "종로주얼리공방"
        )

    def test_each_language_keeps_its_own_answer(self, client, posting):
        def skill_names(language: str) -> set[str]:
            answer = client.get("/api/v1/jobs/", HTTP_ACCEPT_LANGUAGE=language).json()
            return {skill["name"] for skill in answer["results"][0]["skills"]}

        assert "왁스 카빙" in skill_names("ko")
        assert "Wax carving" in skill_names("en")
        assert "왁스 카빙" in skill_names("ko")

    def test_a_signed_in_person_never_gets_a_kept_answer(self, client, posting, alice):
        client.get("/api/v1/jobs/")  # kept for anonymous visitors
        company = posting.company
        company.name = "종로주얼리공방"
        company.save()  # no commit callbacks run: the version stays, the kept answer is old
        assert (
            client.get("/api/v1/jobs/").json()["results"][0]["company"]["name"] != "종로주얼리공방"
        )
        client.force_login(alice)
        listed = client.get("/api/v1/jobs/").json()["results"][0]
        assert listed["company"]["name"] == "종로주얼리공방"

    def test_a_search_answer_follows_the_index_not_only_the_data(
        self, client, posting, bob, dave, monkeypatch, django_capture_on_commit_callbacks
    ):
        """The data commits (and moves the version) before the queued index write: an answer
        kept in between must not outlive the index write."""
        from search import indexing

        queued = []
        monkeypatch.setattr(indexing, "enqueue", lambda kind, ids: queued.append((kind, ids)))
        with django_capture_on_commit_callbacks(execute=True):
            new = services.posting_create(
                company=posting.company, by=bob, data=posting_data(title="왁스 조각가"), skills=[]
            )
            publish(new, dave)
        url = "/api/v1/jobs/?q=왁스"
        before = client.get(url)
        assert before.json()["count"] == 0  # the index has not caught up yet
        assert ("jobs", [new.pk]) in queued
        with django_capture_on_commit_callbacks(execute=True):
            indexing.sync_objects(kind="jobs", object_ids=[new.pk])
        after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
        assert after.status_code == 200
        assert [row["title"] for row in after.json()["results"]] == ["왁스 조각가"]
