"""Conversations: chat limits, who may act, no timer, and the next step becoming an application."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from fairs import services
from fairs.models import MAX_MESSAGE_LENGTH, Conversation, Message
from jobs.models import Application

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(booth, bob, alice, registration):
    entry = services.queue_join(booth=booth, attendee=alice)
    services.queue_call_next(booth=booth, representative=bob)
    return services.call_accept(entry=entry, attendee=alice)


def test_both_sides_chat_and_read_the_same_log(client, conversation, alice, bob):
    client.force_login(alice)
    assert (
        client.post(
            f"/api/v1/conversations/{conversation.pk}/messages/",
            {"body": "안녕하세요"},
            content_type="application/json",
        ).status_code
        == 201
    )
    client.force_login(bob)
    rows = client.get(f"/api/v1/conversations/{conversation.pk}/messages/").json()
    assert [(r["body"], r["mine"]) for r in rows] == [("안녕하세요", False)]


def test_a_message_over_the_limit_is_400_and_not_stored(client, conversation, alice):
    client.force_login(alice)
    response = client.post(
        f"/api/v1/conversations/{conversation.pk}/messages/",
        {"body": "가" * (MAX_MESSAGE_LENGTH + 1)},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "2000" in str(response.json()["errors"])
    assert not Message.objects.exists()


def test_outsiders_get_404_for_someone_elses_conversation(
    client, conversation, charlie, erin, fair
):
    register(fair, erin)
    for outsider in (charlie, erin):
        client.force_login(outsider)
        url = f"/api/v1/conversations/{conversation.pk}/messages/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "hi"}, content_type="application/json").status_code == 404
        assert client.get(f"/fairs/conversations/{conversation.pk}/").status_code == 404
    client.force_login(charlie)
    assert client.post(f"/api/v1/conversations/{conversation.pk}/end/").status_code == 404
    conversation.refresh_from_db()
    assert conversation.status == "active" and not Message.objects.exists()


def test_only_the_representative_ends_it_and_no_clock_does(client, conversation, alice, bob):
    client.force_login(alice)
    assert client.post(f"/api/v1/conversations/{conversation.pk}/end/").status_code == 404
    services.expire_calls(now=timezone.now() + timezone.timedelta(hours=3))
    conversation.refresh_from_db()
    assert conversation.status == "active"
    client.force_login(bob)
    assert client.post(f"/api/v1/conversations/{conversation.pk}/end/").status_code == 200
    assert (
        client.post(
            f"/api/v1/conversations/{conversation.pk}/messages/",
            {"body": "late"},
            content_type="application/json",
        ).status_code
        == 409
    )


def test_interview_as_next_step_creates_and_advances_the_application(
    client, conversation, alice, bob, posting, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    client.post(f"/api/v1/conversations/{conversation.pk}/end/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/v1/conversations/{conversation.pk}/next-step/",
            {"step": "interview", "note": "포트폴리오 좋음"},
            content_type="application/json",
        )
    assert response.status_code == 200
    application = Application.objects.get(applicant=alice, posting=posting)
    assert application.status == "interview"
    assert response.json()["application"] == application.pk
    assert any(alice.email in m.to for m in mail.outbox)
    # The attendee sees it on their fair page.
    client.force_login(alice)
    page = client.get(f"/fairs/{conversation.booth.fair_id}/me/")
    assert posting.title in page.content.decode()


def test_without_consent_the_next_step_is_recorded_but_no_application(
    client, booth, bob, erin, fair
):
    register(fair, erin, consent_to_apply=False)
    entry = services.queue_join(booth=booth, attendee=erin)
    services.queue_call_next(booth=booth, representative=bob)
    conversation = services.call_accept(entry=entry, attendee=erin)
    client.force_login(bob)
    response = client.post(
        f"/api/v1/conversations/{conversation.pk}/next-step/",
        {"step": "screen"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["next_step"] == "screen"
    assert not Application.objects.filter(applicant=erin).exists()


def test_an_existing_application_is_advanced_not_duplicated(
    client, conversation, alice, bob, posting
):
    from jobs import services as jobs_services

    jobs_services.application_create(posting=posting, applicant=alice)
    client.force_login(bob)
    client.post(
        f"/api/v1/conversations/{conversation.pk}/next-step/",
        {"step": "screen"},
        content_type="application/json",
    )
    assert list(Application.objects.filter(applicant=alice).values_list("status", flat=True)) == [
        "screening"
    ]


def test_the_video_room_uses_the_configured_template(client, conversation, bob, settings):
    settings.VIDEO_ROOM_URL_TEMPLATE = "https://meet.example.org/{token}"
    client.force_login(bob)
    body = client.post(f"/api/v1/conversations/{conversation.pk}/video/").json()
    assert body["room_url"].startswith("https://meet.example.org/")
    assert Conversation.objects.get().room_token in body["room_url"]
