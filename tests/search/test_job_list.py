"""The job list page, the jobs API and job alerts match words through the search index."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core import searching
from jobs import services
from jobs.models import Posting


def test_the_job_list_understands_korean(client, catalog, frozen_today):
    html = client.get(reverse("jobs:index"), {"q": "반지를"}).content.decode()
    assert "귀금속 세공사" in html and "주얼리 디자이너 (신입)" in html
    assert "다이아몬드 등급 감정 보조" not in html
    html = client.get(reverse("jobs:index"), {"q": "쥬얼리"}).content.decode()
    assert "보석 장신구 판매원" in html  # a synonym, not a substring


def test_the_jobs_api_understands_korean(client, catalog, frozen_today):
    body = client.get("/api/v1/jobs/", {"q": "주얼리디자이너"}).json()
    assert [job["title"] for job in body["results"]] == ["주얼리 디자이너 (신입)"]
    body = client.get("/api/v1/jobs/", {"q": "세공사", "district": "jongno"}).json()
    assert [job["title"] for job in body["results"]] == ["귀금속 세공사"]
    assert client.get("/api/v1/jobs/", {"q": '"(&|!'}).status_code == 200


def test_job_alerts_use_the_same_matching(
    alice, catalog, frozen_today, django_capture_on_commit_callbacks
):
    saved = services.saved_search_create(user=alice, name="다이아", params={"q": "다이아몬드감정"})
    saved.notified_until = timezone.now() - dt.timedelta(days=30)
    saved.save()
    Posting.objects.update(published_at=timezone.now())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digest(saved_search_id=saved.pk) == 1
    assert "다이아몬드 등급 감정 보조" in mail.outbox[0].body


def test_without_a_search_app_the_list_still_filters(client, catalog, frozen_today, monkeypatch):
    monkeypatch.setattr(searching, "_matcher", None)
    html = client.get(reverse("jobs:index"), {"q": "세공"}).content.decode()
    assert "귀금속 세공사" in html
