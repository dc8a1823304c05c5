"""관심 공고: bookmarking on the list and the detail page (htmx and plain forms), the trainee's
list, the API (another person's bookmark is 404), and one reminder email two days before the
deadline however often the task runs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from jobs import services
from jobs.models import Bookmark
from tests.factories import make_trainee

from .conftest import posting_data, publish

KST = ZoneInfo("Asia/Seoul")


def bookmark_url(posting):
    return reverse("jobs:bookmark", args=[posting.pk])


class TestPages:
    def test_a_trainee_bookmarks_from_the_list_with_htmx_and_sees_it_in_their_list(
        self, client, alice, posting
    ):
        client.force_login(alice)
        html = client.get(reverse("jobs:index")).content.decode()
        assert f'hx-post="{bookmark_url(posting)}"' in html and 'aria-pressed="false"' in html
        response = client.post(
            bookmark_url(posting), {"on": "1", "next": "/jobs/"}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert 'aria-pressed="true"' in body and "관심 공고에 추가했습니다." in body
        assert Bookmark.objects.filter(user=alice, posting=posting).count() == 1
        page = client.get(reverse("jobs:my_bookmarks")).content.decode()
        assert "귀금속 세공사" in page and "D-30" in page
        # the list and the detail page show it as bookmarked
        assert 'aria-pressed="true"' in client.get(reverse("jobs:index")).content.decode()
        detail = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
        assert 'aria-pressed="true"' in detail

    def test_bookmarking_twice_keeps_one_row_and_removing_works_without_js(
        self, client, alice, posting
    ):
        client.force_login(alice)
        for _ in range(2):
            client.post(bookmark_url(posting), {"on": "1"})
        assert Bookmark.objects.count() == 1
        response = client.post(bookmark_url(posting), {"on": "0", "next": "/jobs/"})
        assert response.status_code == 302 and response["Location"] == "/jobs/"
        assert not Bookmark.objects.exists()

    def test_next_pointing_elsewhere_is_ignored(self, client, alice, posting):
        client.force_login(alice)
        response = client.post(bookmark_url(posting), {"on": "1", "next": "https://evil.example/"})
        assert response["Location"] == reverse("jobs:my_bookmarks")

    def test_a_draft_cannot_be_bookmarked(self, client, alice, draft):
        client.force_login(alice)
        assert client.post(bookmark_url(draft), {"on": "1"}).status_code == 404
        assert not Bookmark.objects.exists()

    def test_employers_and_visitors_cannot_bookmark(self, client, bob, posting):
        assert client.post(bookmark_url(posting), {"on": "1"}).status_code == 302  # to login
        client.force_login(bob)
        assert client.post(bookmark_url(posting), {"on": "1"}).status_code == 404
        assert "bookmark" not in client.get(reverse("jobs:index")).content.decode()
        assert not Bookmark.objects.exists()

    def test_the_list_shows_only_ones_own_bookmarks(self, client, alice, posting):
        other = make_trainee(email="mallory@example.com")
        services.bookmark_add(user=other, posting=posting)
        client.force_login(alice)
        page = client.get(reverse("jobs:my_bookmarks")).content.decode()
        assert "귀금속 세공사" not in page and "아직 관심 공고가 없습니다" in page


class TestApi:
    url = "/api/v1/me/bookmarks/"

    def test_add_list_and_remove(self, client, alice, posting):
        client.force_login(alice)
        response = client.post(self.url, {"posting": posting.pk}, content_type="application/json")
        assert response.status_code == 201
        bookmark_id = response.json()["id"]
        again = client.post(self.url, {"posting": posting.pk}, content_type="application/json")
        assert again.status_code == 200 and again.json()["id"] == bookmark_id
        listing = client.get(self.url).json()
        assert [b["posting"]["title"] for b in listing["results"]] == ["귀금속 세공사"]
        assert listing["results"][0]["posting"]["days_left"] == 30
        assert client.delete(f"{self.url}{bookmark_id}/").status_code == 204
        assert client.get(self.url).json()["results"] == []

    def test_another_persons_bookmark_is_404(self, client, alice, posting):
        other = make_trainee(email="mallory@example.com")
        theirs = services.bookmark_add(user=other, posting=posting)
        client.force_login(alice)
        assert client.get(f"{self.url}{theirs.pk}/").status_code == 404
        assert client.delete(f"{self.url}{theirs.pk}/").status_code == 404
        assert Bookmark.objects.filter(pk=theirs.pk).exists()

    def test_bad_input_and_unpublished_postings(self, client, alice, draft):
        client.force_login(alice)
        bad = client.post(self.url, {"posting": "x"}, content_type="application/json")
        assert bad.status_code == 400 and "posting" in str(bad.json())
        hidden = client.post(self.url, {"posting": draft.pk}, content_type="application/json")
        assert hidden.status_code == 404
        assert not Bookmark.objects.exists()

    def test_employers_get_404_as_if_the_route_did_not_exist(self, client, bob, posting):
        client.force_login(bob)
        assert client.get(self.url).status_code == 404
        response = client.post(self.url, {"posting": posting.pk}, content_type="application/json")
        assert response.status_code == 404
        assert not Bookmark.objects.exists()


class TestReminder:
    @pytest.fixture
    def closing(self, bob, bob_company, dave, skills, alice):
        with time_machine.travel(dt.datetime(2026, 3, 1, 9, 0, tzinfo=KST), tick=False):
            posting = publish(
                services.posting_create(
                    company=bob_company,
                    by=bob,
                    data=posting_data(title="마감 임박 공고", deadline=dt.date(2026, 3, 5)),
                    skills=[],
                ),
                dave,
            )
            services.bookmark_add(user=alice, posting=posting)
        return posting

    def run(self, when, capture):
        with time_machine.travel(when, tick=False), capture(execute=True):
            return services.send_bookmark_reminders()

    def test_nothing_before_two_days_ahead(self, closing, django_capture_on_commit_callbacks):
        mail.outbox.clear()
        # 2026-03-02 23:59 KST: three days before the 5th
        sent = self.run(
            dt.datetime(2026, 3, 2, 23, 59, tzinfo=KST), django_capture_on_commit_callbacks
        )
        assert sent == 0 and mail.outbox == []

    def test_run_twice_one_email(self, closing, alice, django_capture_on_commit_callbacks):
        mail.outbox.clear()
        at = dt.datetime(2026, 3, 3, 0, 0, tzinfo=KST)  # D-2 in Seoul (15:00 UTC on the 2nd)
        assert self.run(at, django_capture_on_commit_callbacks) == 1
        assert self.run(at + dt.timedelta(hours=1), django_capture_on_commit_callbacks) == 0
        assert self.run(at + dt.timedelta(days=1), django_capture_on_commit_callbacks) == 0
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [alice.email]
        assert "마감 임박 공고" in message.subject and "2일" in message.subject
        assert "2026-03-05" in message.body

    def test_closed_postings_and_removed_bookmarks_get_nothing(
        self, closing, alice, bob, django_capture_on_commit_callbacks
    ):
        services.posting_close(posting=closing, by=bob)
        mail.outbox.clear()
        assert (
            self.run(dt.datetime(2026, 3, 4, 9, 0, tzinfo=KST), django_capture_on_commit_callbacks)
            == 0
        )
        assert mail.outbox == []

    def test_the_task_is_on_the_beat_schedule(self, settings):
        entry = settings.CELERY_BEAT_SCHEDULE["jobs.bookmark-reminders"]
        assert entry["task"] == "jobs.tasks.send_bookmark_reminders"
