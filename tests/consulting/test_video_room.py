"""A video consultation gets its room link (core.video, as interviews do) in the email and on the page."""

from __future__ import annotations

import pytest
from django.core import mail

from consulting.models import Booking, ConsultationType
from consulting.services import booking_confirm, booking_create
from tests.consulting.conftest import seoul


@pytest.fixture
def video_type(startup_type):
    startup_type.mode = ConsultationType.Mode.VIDEO
    startup_type.location = "화상 링크는 확정 메일로 보내드립니다."
    startup_type.save()
    return startup_type


def _book(alice, type_, carol, day, answers):
    booking, _ = booking_create(
        person=alice, type_=type_, counselor=carol, start=seoul(day, 10), answers=answers
    )
    return booking


def test_the_confirmation_email_and_the_page_carry_the_room_link(
    settings, client, video_type, carol, alice, answers, day, django_capture_on_commit_callbacks
):
    settings.VIDEO_ROOM_URL_TEMPLATE = "https://meet.example.org/{token}"
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(alice, video_type, carol, day, answers)
    assert booking.status == Booking.Status.CONFIRMED
    link = f"https://meet.example.org/{booking.room_token}"
    assert len(booking.room_token) == 20
    [to_alice] = [m for m in mail.outbox if m.to == ["alice@example.com"]]
    assert link in to_alice.body
    assert link in to_alice.attachments[0][1]  # the .ics LOCATION
    assert any(link in m.body for m in mail.outbox if m.to == ["carol@example.com"])
    client.force_login(alice)
    assert link in client.get(f"/consulting/c/{booking.pk}/").content.decode()
    assert client.get("/api/v1/me/consultations/").json()["results"][0]["video_url"] == link
    client.force_login(carol)
    assert link in client.get(f"/consulting/workspace/{booking.pk}/").content.decode()


def test_a_request_gets_the_link_when_the_counselor_confirms(
    settings, client, video_type, carol, alice, answers, day, django_capture_on_commit_callbacks
):
    settings.VIDEO_ROOM_URL_TEMPLATE = "https://meet.example.org/{token}"
    video_type.requires_confirmation = True
    video_type.save()
    booking = _book(alice, video_type, carol, day, answers)
    link = f"https://meet.example.org/{booking.room_token}"
    client.force_login(alice)
    page = client.get(f"/consulting/c/{booking.pk}/").content.decode()
    assert link not in page and "상담사가 확정하면" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking_confirm(booking=booking, by=carol)
    [to_alice] = [m for m in mail.outbox if m.to == ["alice@example.com"]]
    assert link in to_alice.body
    assert link in client.get(f"/consulting/c/{booking.pk}/").content.decode()


def test_an_onsite_consultation_has_no_room(startup_type, carol, alice, answers, day):
    booking = _book(alice, startup_type, carol, day, answers)
    assert booking.room_token == "" and booking.video_url == ""
