"""Demo fairs for ``manage.py seed_demo`` (docs/demo-data.md), in Korean and English.

* "2026 종로 주얼리 온라인 채용박람회", upcoming and open for registration: twelve booths of
  the verified Jongno employers with their published postings linked, an introduction in
  both languages, a brochure each, representatives and 1:1 slots (first come).
* "2025 종로 주얼리 가을 채용박람회", closed: registrations, queue waits, conversations
  with next steps, interviews held and missed, and the applications that came of them,
  so its analytics page and post-fair report have something to show.

Idempotent: fairs are found by (center, title), booths by (fair, company), everything
else is created only with its fair. Rows are written directly (no email goes out).
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.demo import JONGNO, STAFF
from accounts.models import Center, Company, User
from core.seeding import Demo
from jobs.models import Application, ApplicationEvent, Posting

from .models import (
    Booth,
    Brochure,
    Conversation,
    Fair,
    Interview,
    InterviewSlot,
    Message,
    QueueEntry,
    Registration,
    Representative,
    Visit,
)

# The demo fairs sit a week ahead and two months back; their titles name the year and
# season of the day they fall on, so a past fair never carries a year it was not held in.
UPCOMING_IN_DAYS = 7
PAST_DAYS_AGO = 60
SEASONS = {
    **dict.fromkeys((12, 1, 2), ("겨울", "Winter")),
    **dict.fromkeys((3, 4, 5), ("봄", "Spring")),
    **dict.fromkeys((6, 7, 8), ("여름", "Summer")),
    **dict.fromkeys((9, 10, 11), ("가을", "Autumn")),
}


def upcoming_titles(day: dt.date | None = None) -> tuple[str, str]:
    day = day or timezone.localdate() + dt.timedelta(days=UPCOMING_IN_DAYS)
    return (
        f"{day.year} 종로 주얼리 온라인 채용박람회",
        f"{day.year} Jongno Jewelry Online Job Fair",
    )


def past_titles(day: dt.date | None = None) -> tuple[str, str]:
    day = day or timezone.localdate() - dt.timedelta(days=PAST_DAYS_AGO)
    ko, en = SEASONS[day.month]
    return (f"{day.year} 종로 주얼리 {ko} 채용박람회", f"{day.year} Jongno Jewelry {en} Job Fair")


BOOTHS_UPCOMING = 12
BOOTHS_PAST = 6

INTRO = (
    "{name}입니다. 종로 주얼리 거리에서 함께 성장할 동료를 찾습니다. 센터 교육 수료생을 우대하며, "
    "부스에서 실제 작업물과 작업 환경을 소개합니다.",
    "We are {name}. We are looking for colleagues to grow with us in Jongno's jewelry quarter; "
    "graduates of the center's courses are welcome. At the booth we show our work and workshop.",
)
CHAT = [
    ("attendee", "안녕하세요, 세공 직무에 관심이 있어 찾아왔습니다."),
    ("rep", "반갑습니다! 어떤 교육을 들으셨나요?"),
    ("attendee", "센터에서 왁스 카빙과 보석 세팅 과정을 수료했습니다."),
    ("rep", "좋네요. 포트폴리오를 보고 면접 일정을 잡아 보겠습니다."),
]


def seed(demo: Demo) -> None:
    center = Center.objects.filter(slug=JONGNO).first()
    staff = User.objects.filter(email=STAFF[JONGNO][0].email).first()
    if center is None or staff is None:
        return
    companies = list(
        Company.objects.filter(status=Company.Status.VERIFIED, postings__status="published")
        .distinct()
        .order_by("brn")
    )
    trainees = list(User.objects.filter(is_trainee=True, is_active=True).order_by("email"))
    brochure = _brochure_pdf()
    seed_upcoming(demo, center, staff, companies[:BOOTHS_UPCOMING], brochure)
    seed_past(demo, center, staff, companies[:BOOTHS_PAST], trainees)


def _brochure_pdf() -> bytes:
    """One small real PDF (rendered with the platform's PDF helper) that every demo booth offers."""
    from core.pdf import render_pdf_html

    return render_pdf_html(
        "<h1>회사 소개 · Company brochure</h1><p>종로 주얼리 거리의 공방과 작업 환경, 채용 직무를 소개합니다.</p>"
        "<p>Our workshop in Jongno's jewelry quarter, and the jobs we are hiring for.</p>"
    )


def _fair(center, staff, titles, **values) -> tuple[Fair, bool]:
    fair = Fair.objects.filter(center=center, title=titles[0]).first()
    if fair is not None:
        return fair, False
    return Fair.objects.create(
        center=center, title=titles[0], title_en=titles[1], created_by=staff, **values
    ), True


def _booth(fair, company, *, brochure: bytes | None, now) -> Booth:
    booth, created = Booth.objects.get_or_create(
        fair=fair,
        company=company,
        defaults={
            "status": Booth.Status.APPROVED,
            "decided_at": now,
            "introduction": INTRO[0].format(name=company.name),
            "introduction_en": INTRO[1].format(name=company.name),
            "place": f"A-{company.pk % 40 + 1:02d}" if fair.is_in_person else "",
        },
    )
    if created:
        booth.postings.set(Posting.objects.filter(company=company, status="published")[:2])
        for member in User.objects.filter(company_memberships__company=company)[:2]:
            Representative.objects.get_or_create(booth=booth, user=member)
        if brochure:
            item = Brochure(booth=booth, title=f"{company.name} 회사 소개", size=len(brochure))
            item.file.save("company-brochure.pdf", ContentFile(brochure), save=True)
    return booth


def seed_upcoming(demo: Demo, center, staff, companies, brochure: bytes) -> None:
    now = timezone.now()
    day = timezone.localdate() + dt.timedelta(days=UPCOMING_IN_DAYS)
    titles = upcoming_titles(day)
    demo.section("Job fair: " + titles[0])
    fair, created = _fair(
        center,
        staff,
        titles,
        description="종로 주얼리 업체 12곳이 온라인 부스를 엽니다. 부스에서 바로 대화하고, 1:1 면접을 예약하세요.",
        description_en="Twelve Jongno jewelry companies open online booths. Talk at the booth, or book a 1:1 interview.",
        starts_on=day,
        ends_on=day + dt.timedelta(days=1),
        opens_at=dt.time(10, 0),
        closes_at=dt.time(17, 0),
        registration_opens_at=now - dt.timedelta(days=1),
        registration_closes_at=now + dt.timedelta(days=8),
        format=Fair.Format.HYBRID,
        venue="종로 주얼리산업지원센터 3층 대강당",
        venue_en="Jongno Jewelry Industry Support Center, 3rd-floor hall",
        status=Fair.Status.REGISTRATION,
        release=Fair.Release.AT_TIME,
        slots_open_at=now,
        max_interviews_per_attendee=3,
    )
    if not created:
        demo.log("already there")
        return
    tz = timezone.get_default_timezone()
    for company in companies:
        booth = _booth(fair, company, brochure=brochure, now=now)
        for rep_index, rep in enumerate(booth.representatives.select_related("user")):
            start = timezone.make_aware(
                dt.datetime.combine(day, dt.time(10 + rep_index * 3, 0)), tz
            )
            for i in range(6):
                at = start + dt.timedelta(minutes=20 * i)
                InterviewSlot.objects.create(
                    booth=booth,
                    representative=rep.user,
                    start=at,
                    end=at + dt.timedelta(minutes=15),
                    blocked_until=at + dt.timedelta(minutes=20),
                )
    demo.log(f"{fair.booths.count()} booths with brochures, postings and 1:1 slots")


def seed_past(demo: Demo, center, staff, companies, trainees) -> None:
    rng = random.Random(2025)  # noqa: S311 - demo data
    now = timezone.now()
    day = timezone.localdate() - dt.timedelta(days=PAST_DAYS_AGO)
    titles = past_titles(day)
    demo.section("Job fair: " + titles[0] + " (closed, with its outcomes)")
    fair, created = _fair(
        center,
        staff,
        titles,
        description="지난 박람회. 결과 보고서를 볼 수 있습니다.",
        description_en="A past fair; its report is available.",
        starts_on=day,
        ends_on=day,
        opens_at=dt.time(10, 0),
        closes_at=dt.time(17, 0),
        registration_opens_at=now - dt.timedelta(days=90),
        registration_closes_at=now - dt.timedelta(days=61),
        status=Fair.Status.CLOSED,
        release=Fair.Release.AT_TIME,
        slots_open_at=now - dt.timedelta(days=70),
    )
    if not created:
        demo.log("already there")
        return
    tz = timezone.get_default_timezone()
    opening = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)), tz)
    booths = [_booth(fair, c, brochure=None, now=now) for c in companies]
    registrations = [
        Registration.objects.create(fair=fair, attendee=t, consent_to_apply=i % 3 != 2)
        for i, t in enumerate(trainees)
    ]
    Visit.objects.bulk_create(
        [Visit(fair=fair, visitor=r.attendee, kind="lobby") for r in registrations]
        + [
            Visit(fair=fair, booth=rng.choice(booths), visitor=r.attendee, kind="booth")
            for r in registrations
            for _ in range(3)
        ]
    )
    steps = ["interview", "screen", "pipeline", "not_a_fit"]
    order = 0
    for b_index, booth in enumerate(booths):
        rep = booth.representatives.first()
        if rep is None:
            continue
        clock = opening + dt.timedelta(minutes=b_index * 7)
        posting = booth.postings.first()
        for r_index, registration in enumerate(
            rng.sample(registrations, k=min(4, len(registrations)))
        ):
            order += 1
            wait = rng.randint(2, 18)
            length = rng.randint(5, 16)
            joined = clock
            started = joined + dt.timedelta(minutes=wait)
            ended = started + dt.timedelta(minutes=length)
            clock = ended + dt.timedelta(minutes=1)
            entry = QueueEntry.objects.create(
                booth=booth,
                registration=registration,
                attendee=registration.attendee,
                status=QueueEntry.Status.DONE,
                order_key=order,
                joined_at=joined,
                called_at=started,
                called_by=rep.user,
                started_at=started,
                ended_at=ended,
            )
            step = steps[(b_index + r_index) % len(steps)]
            application = None
            if step in ("interview", "screen") and registration.consent_to_apply and posting:
                application, made = Application.objects.get_or_create(
                    posting=posting,
                    applicant=registration.attendee,
                    defaults={"status": "screening" if step == "screen" else "interview"},
                )
                if made:
                    ApplicationEvent.objects.create(
                        application=application, to_status=application.status, actor=rep.user
                    )
            conversation = Conversation.objects.create(
                booth=booth,
                queue_entry=entry,
                attendee=registration.attendee,
                representative=rep.user,
                status=Conversation.Status.ENDED,
                started_at=started,
                ended_at=ended,
                next_step=step,
                next_step_at=ended,
                posting=posting if application else None,
                application=application,
            )
            for i, (who, body) in enumerate(CHAT):
                message = Message.objects.create(
                    conversation=conversation,
                    sender=registration.attendee if who == "attendee" else rep.user,
                    body=body,
                )
                Message.objects.filter(pk=message.pk).update(
                    created_at=started + dt.timedelta(minutes=i)
                )
        # Two 1:1 interviews per booth in the afternoon: one held, one missed.
        for i, status in enumerate(("held", "no_show")):
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(14, 0)), tz) + dt.timedelta(
                minutes=20 * i + b_index * 60
            )
            slot = InterviewSlot.objects.create(
                booth=booth,
                representative=rep.user,
                start=at,
                end=at + dt.timedelta(minutes=15),
                blocked_until=at + dt.timedelta(minutes=20),
            )
            registration = registrations[(b_index * 2 + i) % len(registrations)]
            Interview.objects.create(
                slot=slot,
                booth=booth,
                registration=registration,
                attendee=registration.attendee,
                start=slot.start,
                end=slot.end,
                status=status,
            )
    demo.log(
        f"{len(booths)} booths, {len(registrations)} attendees, {Conversation.objects.filter(booth__fair=fair).count()} conversations"
    )
