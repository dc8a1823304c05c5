"""Booking fair 1:1 interviews: every refusal is a clear 4xx and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.exceptions import ConflictError
from fairs import services
from fairs.models import Interview
from tests.factories import make_trainee

from .conftest import make_booth, make_fair, make_slot, register, seoul, tomorrow

pytestmark = pytest.mark.django_db


def _book(client, user, booth, slot_id):
    client.force_login(user)
    return client.post(
        f"/api/v1/booths/{booth.pk}/interviews/", {"slot": slot_id}, content_type="application/json"
    )


def test_it_books_a_free_slot_with_a_room_link_and_an_email(
    client, alice, booth, slot, registration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _book(client, alice, booth, slot.pk)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["room_url"].startswith("https://meet.jit.si/ilteo-")
    assert Interview.objects.get().attendee == alice
    assert any("종로보석공방" in m.subject for m in mail.outbox)


def test_a_taken_slot_is_409_and_the_first_booking_stays(
    client, alice, erin, fair, booth, slot, registration
):
    register(fair, erin)
    assert _book(client, alice, booth, slot.pk).status_code == 201
    response = _book(client, erin, booth, slot.pk)
    assert response.status_code == 409
    assert Interview.objects.get().attendee == alice


def test_a_slot_of_another_fair_is_400(
    client, alice, center, booth, registration, bob_company, bob
):
    other_fair = make_fair(center, title="다른 박람회")
    other_booth = make_booth(other_fair, bob_company, reps=[])
    foreign = make_slot(other_booth, bob, seoul(tomorrow(), 14))
    response = _book(client, alice, booth, foreign.pk)
    assert response.status_code == 400
    assert "다른 박람회" in response.json()["errors"]["slot"][0]
    assert not Interview.objects.exists()


def test_a_slot_outside_the_fairs_hours_is_400(client, alice, fair, booth, bob, registration):
    slot = make_slot(booth, bob, seoul(tomorrow(), 20))
    fair.closes_at = dt.time(18, 0)  # the center shortened the day after the slot was published
    fair.save()
    response = _book(client, alice, booth, slot.pk)
    assert response.status_code == 400
    assert not Interview.objects.exists()


def test_booking_needs_a_registration(client, alice, booth, slot):
    response = _book(client, alice, booth, slot.pk)
    assert response.status_code == 400
    assert not Interview.objects.exists()


def test_the_per_attendee_limit_is_409(client, alice, fair, booth, bob, registration):
    fair.max_interviews_per_attendee = 2
    fair.save()
    slots = [make_slot(booth, bob, seoul(tomorrow(), 10 + i)) for i in range(3)]
    assert _book(client, alice, booth, slots[0].pk).status_code == 201
    assert _book(client, alice, booth, slots[1].pk).status_code == 201
    response = _book(client, alice, booth, slots[2].pk)
    assert response.status_code == 409
    assert "최대 2건" in response.json()["detail"]
    assert Interview.objects.filter(attendee=alice).count() == 2


def test_an_attendee_cannot_hold_two_overlapping_interviews_across_booths(
    client, alice, booth, other_booth, bob, charlie, registration
):
    mine = make_slot(booth, bob, seoul(tomorrow(), 11))
    overlapping = make_slot(other_booth, charlie, seoul(tomorrow(), 11, 10))
    assert _book(client, alice, booth, mine.pk).status_code == 201
    response = _book(client, alice, other_booth, overlapping.pk)
    assert response.status_code == 409
    assert Interview.objects.filter(attendee=alice).count() == 1


def test_cancelling_frees_the_slot_for_someone_else(
    client, alice, erin, fair, booth, slot, registration
):
    register(fair, erin)
    interview_id = _book(client, alice, booth, slot.pk).json()["id"]
    assert client.post(f"/api/v1/fair-interviews/{interview_id}/cancel/").status_code == 200
    assert _book(client, erin, booth, slot.pk).status_code == 201


def test_slots_list_says_which_are_available(client, alice, booth, slot, bob, registration):
    free = make_slot(booth, bob, seoul(tomorrow(), 12))
    _book(client, alice, booth, slot.pk)
    rows = client.get(f"/api/v1/booths/{booth.pk}/slots/").json()
    assert {r["id"]: r["available"] for r in rows} == {slot.pk: False, free.pk: True}


def test_a_draw_fair_refuses_direct_booking_before_the_draw(
    client, alice, center, bob_company, bob
):
    now = timezone.now()
    fair = make_fair(
        center,
        release="draw",
        request_window_opens_at=now - dt.timedelta(hours=1),
        slots_open_at=now + dt.timedelta(hours=1),
    )
    booth = make_booth(fair, bob_company, reps=[bob])
    slot = make_slot(booth, bob, seoul(tomorrow(), 10))
    register(fair, alice)
    response = _book(client, alice, booth, slot.pk)
    assert response.status_code == 400
    assert "추첨" in response.json()["detail"]


def test_my_interviews_lists_only_mine(client, alice, erin, fair, booth, slot, bob, registration):
    register(fair, erin)
    _book(client, alice, booth, slot.pk)
    _book(client, erin, booth, make_slot(booth, bob, seoul(tomorrow(), 13)).pk)
    client.force_login(alice)
    rows = client.get("/api/v1/me/fair-interviews/").json()
    assert [r["slot"] for r in rows] == [slot.pk]


def test_another_persons_interview_cannot_be_cancelled(
    client, alice, erin, fair, booth, slot, registration
):
    interview = services.interview_book(booth=booth, slot=slot, attendee=alice)
    client.force_login(erin)
    assert client.post(f"/api/v1/fair-interviews/{interview.pk}/cancel/").status_code == 404
    interview.refresh_from_db()
    assert interview.status == "booked"


def test_publishing_overlapping_slots_for_one_representative_is_refused(booth, bob):
    start = seoul(tomorrow(), 9)
    services.slots_publish(
        booth=booth,
        representative=bob,
        start=start,
        count=3,
        duration_minutes=15,
        buffer_minutes=5,
        by=bob,
    )
    with pytest.raises(ConflictError):
        services.slots_publish(
            booth=booth,
            representative=bob,
            start=start + dt.timedelta(minutes=30),
            count=1,
            duration_minutes=15,
            buffer_minutes=0,
            by=bob,
        )


def test_reminders_go_once_an_hour_before(
    booth, slot, alice, registration, django_capture_on_commit_callbacks
):
    services.interview_book(booth=booth, slot=slot, attendee=alice)
    mail.outbox.clear()
    before = slot.start - dt.timedelta(minutes=50)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_interview_reminders(now=before) == 1
        assert services.send_interview_reminders(now=before) == 0
    assert len(mail.outbox) == 1


def test_registration_after_the_window_is_refused(center, alice):
    now = timezone.now()
    fair = make_fair(
        center,
        registration_opens_at=now - dt.timedelta(days=3),
        registration_closes_at=now - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        services.registration_create(fair=fair, attendee=alice)


def test_center_trainee_fairs_refuse_others(center, alice):
    fair = make_fair(center, audience="center_trainees")
    with pytest.raises(Exception, match="센터 교육생만"):
        services.registration_create(fair=fair, attendee=alice)


def test_registering_twice_is_409(client, alice, fair):
    client.force_login(alice)
    assert (
        client.post(
            f"/api/v1/fairs/{fair.pk}/register/", {}, content_type="application/json"
        ).status_code
        == 201
    )
    assert (
        client.post(
            f"/api/v1/fairs/{fair.pk}/register/", {}, content_type="application/json"
        ).status_code
        == 409
    )


def test_only_trainees_register(client, bob, fair):
    client.force_login(bob)
    response = client.post(
        f"/api/v1/fairs/{fair.pk}/register/", {}, content_type="application/json"
    )
    assert response.status_code == 404


def test_a_new_trainee_can_register_through_the_api(client, fair):
    person = make_trainee(email="new@example.com")
    client.force_login(person)
    response = client.post(
        f"/api/v1/fairs/{fair.pk}/register/",
        {"share_contact": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["share_contact"] is True
