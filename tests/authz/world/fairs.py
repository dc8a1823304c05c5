"""Center 1's fairs, company A's and B's booths, trainee A at the live fair.

Everything goes through the fairs services, each step by the person who would take it:
center 1's staff create and open the fairs and approve the booths, employer A staffs
booth A and publishes its slots, trainee A registers, books a slot, queues, is called and
talks with employer A.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fairs import services
from fairs.models import Fair
from tests.authz import personas as p
from tests.authz.world import PDF

SEOUL = timezone.get_default_timezone()


def _fair(world, status: str, **values):
    """A fair of center 1 created by its staff and moved on to ``status``."""
    staff = world.users[p.STAFF]
    now = timezone.now()
    today = timezone.localdate()
    data = {
        "title": "2026 종로 주얼리 온라인 채용박람회",
        "title_en": "2026 Jongno Jewelry Online Job Fair",
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=2),
        "opens_at": dt.time(0, 0),
        "closes_at": dt.time(23, 59),
        "registration_opens_at": now - dt.timedelta(days=2),
        "registration_closes_at": now + dt.timedelta(days=2),
        "slots_open_at": now - dt.timedelta(hours=1),
        "max_interviews_per_attendee": 3,
        **values,
    }
    fair = services.fair_create(center=world.objects["center_1"], by=staff, data=data)
    path = [Fair.Status.REGISTRATION, Fair.Status.LIVE]
    for step in path[: path.index(status) + 1] if status in path else []:
        fair = services.fair_set_status(fair=fair, status=step, by=staff)
    return fair


def _approved_booth(world, fair, company_key: str, employer: str):
    """The company asks for a booth, center 1's staff approve it, its owner staffs it."""
    user = world.users[employer]
    booth = services.booth_request(fair=fair, company=world.objects[company_key], by=user)
    booth = services.booth_decide(booth=booth, approve=True, by=world.users[p.STAFF])
    services.representative_add(booth=booth, user=user, by=user)
    services.representative_set_online(booth=booth, user=user, online=True)
    return booth


def build(world) -> None:
    staff = world.users[p.STAFF]
    trainee_a = world.users[p.TRAINEE_A]
    employer_a = world.users[p.EMPLOYER_A]
    now = timezone.now()

    fair = world.add("fair", _fair(world, Fair.Status.LIVE))
    world.add(
        "fair_draft",
        _fair(world, Fair.Status.DRAFT, title="준비 중인 박람회", title_en="A fair in draft"),
    )
    # A fair with a request window and a draw, already run.
    fair_draw = world.add(
        "fair_draw",
        _fair(
            world,
            Fair.Status.LIVE,
            title="추첨 박람회",
            title_en="A fair with a draw",
            release=Fair.Release.DRAW,
            request_window_opens_at=now - dt.timedelta(days=1),
        ),
    )

    booth_a = world.add("booth_a", _approved_booth(world, fair, "company_a", p.EMPLOYER_A))
    world.add("booth_b", _approved_booth(world, fair, "company_b", p.EMPLOYER_B))
    # Center 1 invites company A to the draw fair; company B asks to take part in it.
    world.add(
        "booth_invited",
        services.booth_invite(fair=fair_draw, company=world.objects["company_a"], by=staff),
    )
    world.add(
        "booth_requested",
        services.booth_request(
            fair=fair_draw, company=world.objects["company_b"], by=world.users[p.EMPLOYER_B]
        ),
    )
    world.add("draw", services.draw_run(fair=fair_draw, by=staff, seed="authz"))

    brochure = services.brochure_add(
        booth=booth_a,
        title="회사 소개",
        upload=SimpleUploadedFile("intro.pdf", PDF, content_type="application/pdf"),
        by=employer_a,
    )
    world.keep_file(brochure.file)
    world.add("brochure", brochure)

    # Employer A publishes three slots tomorrow; trainee A registers and books the first.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(10, 0)), SEOUL)
    slots = services.slots_publish(
        booth=booth_a,
        representative=employer_a,
        start=start,
        count=3,
        duration_minutes=15,
        buffer_minutes=5,
        by=employer_a,
    )
    world.add("fair_slot", slots[1])  # free: the body of every "book this slot" request
    world.add(
        "registration_a",
        services.registration_create(
            fair=fair, attendee=trainee_a, sharing={"share_profile": True, "consent_to_apply": True}
        ),
    )
    world.add(
        "fair_interview",
        services.interview_book(booth=booth_a, slot=slots[0], attendee=trainee_a),
    )

    # Trainee A queues at booth A, employer A calls, trainee A accepts: a conversation.
    entry = services.queue_join(booth=booth_a, attendee=trainee_a)
    services.queue_call_next(booth=booth_a, representative=employer_a)
    entry.refresh_from_db()
    conversation = services.call_accept(entry=entry, attendee=trainee_a)
    entry.refresh_from_db()
    world.add("queue_entry", entry)
    world.add("conversation", conversation)
    services.message_send(conversation=conversation, sender=trainee_a, body="안녕하세요")
