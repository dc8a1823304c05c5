"""My journey: the whole story, next steps, and counselors only with consent."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Consent
from consulting.models import ActionItem, Booking
from tests.reports.scenario import build, now_at_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(center, other_center, carol):
    with time_machine.travel(now_at_today(), tick=False):
        yield build(center, other_center, carol)


def test_the_journey_tells_the_whole_story(scenario, client):
    t1 = scenario.trainees[0]
    client.force_login(t1)
    with time_machine.travel(now_at_today(), tick=False):
        page = client.get(reverse("reports:journey")).content.decode()
    assert "왁스 카빙과 주조" in page  # the enrollment
    assert "JJ-2026-000000" in page  # the certificate
    assert "세운주얼리" in page  # the job
    assert page.index("세운주얼리") < page.index("JJ-2026-000000")  # newest first


def test_the_api_answers_the_same_timeline(scenario, client):
    t5 = scenario.trainees[4]
    booking = Booking.objects.get(person=t5)
    ActionItem.objects.create(booking=booking, text="사업자등록 서류 준비")
    client.force_login(t5)
    with time_machine.travel(now_at_today(), tick=False):
        data = client.get(reverse("api_my_journey")).json()
    kinds = [s["kind"] for s in data["timeline"]]
    assert "consultation" in kinds and "enrollment" in kinds
    assert data["next_steps"]["action_items"][0]["text"] == "사업자등록 서류 준비"
    assert data["summary"]["enrollments"] == 1


def test_next_steps_never_suggest_a_course_already_taken(scenario, client, monkeypatch):
    from jobs import matching
    from jobs.matching import Match

    course_id = scenario.run.course_id
    taken = {
        "course_id": course_id,
        "title": "왁스",
        "url": "/x",
        "skill": "왁스",
        "next_run": None,
    }
    new = {**taken, "course_id": 99999, "title": "세팅"}

    class P:
        pk, title = 1, "세공사"

        class company:  # noqa: N801
            name = "회사"

    monkeypatch.setattr(
        matching,
        "recommendations_for",
        lambda user, **kw: [Match(score=80, posting=P, suggested_courses=[taken, new])],
    )
    client.force_login(scenario.trainees[0])
    with time_machine.travel(now_at_today(), tick=False):
        data = client.get(reverse("api_my_journey")).json()
    assert [c["course_id"] for c in data["next_steps"]["courses"]] == [99999]


def test_counselors_see_it_only_with_consent(scenario, client, carol, center):
    t5 = scenario.trainees[4]  # carol counselled t5 (the business booking)
    url = reverse("reports:person_journey", args=[t5.pk])
    client.force_login(carol)
    assert client.get(url).status_code == 404
    Consent.objects.create(user=t5, document="counselor_sharing", version="2026-11-01")
    assert client.get(url).status_code == 200
    other = scenario.trainees[0]  # never counselled by carol, consent or not
    Consent.objects.create(user=other, document="counselor_sharing", version="2026-11-01")
    assert client.get(reverse("reports:person_journey", args=[other.pk])).status_code == 404
