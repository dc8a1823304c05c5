"""Demo data for consulting: types, counselors' weekly hours, past consultations and open slots.

Run by ``seed_demo`` after ``accounts.demo``. Idempotent: types by (center, name),
hours only for counselors without any, bookings by (person, counselor, start).
Bookings are written directly (past ones cannot go through the booking service,
and the demo sends no email), after the same slot check the service makes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.demo import COUNSELORS, JONGNO, SEONGSU, TRAINEES
from accounts.models import Center, User
from core.seeding import Demo
from core.video import new_room_token

from .availability import SEOUL, SlotTaken, SlotUnavailable, available_slots, check_slot
from .models import (
    ActionItem,
    Booking,
    BookingNote,
    ConsultationType,
    CounselorSettings,
    IntakeQuestion,
    WeeklyAvailability,
)

STARTUP, CAREER = (p.email for p in COUNSELORS[JONGNO])
SEONGSU_COUNSELOR = COUNSELORS[SEONGSU][0].email

# (center, category, name, name_en, minutes, mode, confirm, location, counselors, description, questions)
TYPES = [
    (
        JONGNO,
        "startup",
        "주얼리 창업 상담",
        "Jewelry startup consultation",
        60,
        "onsite",
        False,
        "센터 3층 상담실 1",
        [STARTUP],
        "공방·브랜드 창업 준비, 사업자등록, 정부 창업지원사업 신청을 함께 준비합니다.",
        "Prepare a workshop or brand: business registration and public startup programs.",
        [
            ("창업 준비 단계는 어디쯤인가요?", "Where are you in preparing your business?", True),
            (
                "관심 있는 지원사업이 있다면 적어 주세요.",
                "Any support program you are interested in?",
                False,
            ),
        ],
    ),
    (
        JONGNO,
        "cooperative",
        "협동조합 설립 상담",
        "Cooperative founding consultation",
        90,
        "onsite",
        True,
        "센터 3층 상담실 2",
        [STARTUP],
        "주얼리 공방들이 함께 만드는 협동조합의 설립 절차, 정관, 출자 구조를 안내합니다.",
        "How workshops found a cooperative together: procedure, bylaws and capital.",
        [("함께할 조합원(예정) 수는?", "How many founding members?", True)],
    ),
    (
        JONGNO,
        "employment",
        "취업 상담",
        "Employment consultation",
        60,
        "video",
        False,
        "화상 링크는 확정 메일로 보내드립니다.",
        [CAREER],
        "이력서·포트폴리오 점검, 주얼리 제조·디자인 기업 취업 전략을 상담합니다.",
        "Résumé and portfolio review and a job search plan for jewelry makers and designers.",
        [
            ("희망 직무를 적어 주세요.", "Which role are you looking for?", True),
            ("포트폴리오 링크(선택)", "Portfolio link (optional)", False),
        ],
    ),
    (
        JONGNO,
        "sales",
        "판로·수출 상담",
        "Sales and export consultation",
        60,
        "phone",
        False,
        "",
        [STARTUP, CAREER],
        "온라인 판로, 백화점·편집숍 입점, 해외 전시회와 수출 절차를 안내합니다.",
        "Online sales, department stores and select shops, trade fairs and export.",
        [("현재 판매 채널은?", "Where do you sell today?", False)],
    ),
    (
        JONGNO,
        "design_ip",
        "디자인·지식재산 상담",
        "Design and IP consultation",
        60,
        "video",
        True,
        "",
        [CAREER],
        "디자인 등록, 상표 출원, 모방품 대응을 변리사와 연계해 상담합니다.",
        "Design registration, trademarks and copies, with a patent attorney.",
        [
            (
                "보호하고 싶은 디자인이나 브랜드를 간단히 설명해 주세요.",
                "Describe the design or brand to protect.",
                True,
            )
        ],
    ),
    (
        SEONGSU,
        "startup",
        "수제화 창업·취업 상담",
        "Shoemaking startup and career consultation",
        60,
        "onsite",
        False,
        "센터 1층 상담실",
        [SEONGSU_COUNSELOR],
        "수제화 공방 창업과 제화 기업 취업을 상담합니다.",
        "Starting a shoemaking workshop, or a job at a shoe maker.",
        [("상담받고 싶은 내용을 적어 주세요.", "What would you like to talk about?", True)],
    ),
]

# Weekly hours per counselor: weekday → [(from, until)], Korea time.
HOURS = {
    STARTUP: {
        0: [(10, 12), (13, 17)],
        1: [(14, 18)],
        2: [(10, 12), (13, 17)],
        4: [(10, 12), (13, 16)],
    },
    CAREER: {1: [(10, 12), (13, 18)], 2: [(13, 17)], 3: [(10, 12), (13, 18)]},
    SEONGSU_COUNSELOR: {0: [(10, 16)], 1: [(10, 16)], 2: [(10, 16)], 3: [(10, 16)]},
}

# Past consultations: (trainee email, counselor, type name, weekdays ago, hour, outcome, note, summary, actions)
PAST = [
    (
        TRAINEES[0][0].email,
        STARTUP,
        "주얼리 창업 상담",
        15,
        10,
        "business_registered",
        "온라인 브랜드 준비 중. 사업계획서 초안 있음. 통신판매업 신고 필요.",
        "개인사업자 등록과 통신판매업 신고 절차를 안내했습니다. 다음 상담에서 판로를 논의합니다.",
        ["홈택스에서 개인사업자 등록 신청", "통신판매업 신고(구청)", "판로·수출 상담 예약"],
    ),
    (
        TRAINEES[1][0].email,
        CAREER,
        "취업 상담",
        10,
        14,
        "hired",
        "왁스 카빙 포트폴리오 우수. 캐스팅 공정 경험 보완 필요.",
        "포트폴리오를 공정별로 재구성하고 지원 기업 3곳을 정했습니다.",
        ["포트폴리오 공정별 재구성", "종로 주얼리 제조사 2곳 지원"],
    ),
    (
        TRAINEES[2][0].email,
        CAREER,
        "취업 상담",
        6,
        10,
        "referred_to_course",
        "감정 실무 경험 부족. 보석감정 심화 과정 추천.",
        "보석감정기능사 대비 심화 과정 수강 후 감정원 취업을 준비하기로 했습니다.",
        ["보석감정 심화 과정 신청"],
    ),
    (
        TRAINEES[0][0].email,
        STARTUP,
        "협동조합 설립 상담",
        4,
        14,
        "cooperative_founded",
        "공방 5곳 참여 의사 확인. 출자금 규모 협의 중.",
        "협동조합 설립 신고 절차와 정관 예시를 안내했습니다.",
        ["창립총회 일정 확정", "정관 초안 작성"],
    ),
]


def seed(demo: Demo) -> None:
    types = seed_types(demo)
    seed_hours(demo)
    seed_past(demo, types)
    seed_upcoming(demo, types)


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def seed_types(demo: Demo) -> dict[str, ConsultationType]:
    demo.section("Consultation types")
    result = {}
    for (
        slug,
        category,
        name,
        name_en,
        minutes,
        mode,
        confirm,
        location,
        counselors,
        desc,
        desc_en,
        questions,
    ) in TYPES:
        center = Center.objects.filter(slug=slug).first()
        if center is None:
            continue
        type_ = ConsultationType.objects.filter(center=center, name=name).first()
        if type_ is None:
            type_ = ConsultationType.objects.create(
                center=center,
                category=category,
                name=name,
                name_en=name_en,
                description=desc,
                description_en=desc_en,
                duration_minutes=minutes,
                mode=mode,
                requires_confirmation=confirm,
                location=location,
                buffer_after_minutes=10,
                min_notice_hours=24,
                horizon_days=30,
            )
            for position, (text, text_en, required) in enumerate(questions):
                IntakeQuestion.objects.create(
                    type=type_, text=text, text_en=text_en, required=required, position=position
                )
            for email in counselors:
                user = _user(email)
                if user:
                    type_.counselors.add(user)
            demo.log(f"{center.name}: {name} ({minutes}분)")
        result[name] = type_
    return result


def seed_hours(demo: Demo) -> None:
    demo.section("Counselors' weekly hours")
    for email, days in HOURS.items():
        user = _user(email)
        if user is None:
            continue
        CounselorSettings.objects.get_or_create(counselor=user, defaults={"daily_cap": 5})
        if WeeklyAvailability.objects.filter(counselor=user).exists():
            continue
        for weekday, spans in days.items():
            for start, end in spans:
                WeeklyAvailability.objects.create(
                    counselor=user, weekday=weekday, start_time=time(start), end_time=time(end)
                )
        demo.log(f"{user.name}: {sum(len(s) for s in days.values())} blocks a week")


def _weekdays_ago(n: int) -> date:
    day = timezone.localdate()
    while n:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _create(
    type_: ConsultationType, counselor: User, person: User, start: datetime, status: str
) -> Booking:
    end = start + type_.duration
    return Booking.objects.create(
        center_id=type_.center_id,
        type=type_,
        counselor=counselor,
        person=person,
        status=status,
        start=start,
        end=end,
        blocked_start=start - timedelta(minutes=type_.buffer_before_minutes),
        blocked_end=end + timedelta(minutes=type_.buffer_after_minutes),
        # A video consultation's room, as booking_create makes it (core.video).
        room_token=new_room_token() if type_.mode == ConsultationType.Mode.VIDEO else "",
        answers=[
            {"question_id": q.pk, "question": q.text, "answer": "데모 답변"}
            for q in type_.questions.all()
        ],
        confirmed_at=start - timedelta(days=3) if status != Booking.Status.PENDING else None,
    )


def seed_past(demo: Demo, types: dict[str, ConsultationType]) -> None:
    demo.section("Past consultations with notes and outcomes")
    for email, counselor_email, type_name, ago, hour, outcome, note, summary, actions in PAST:
        person, counselor, type_ = _user(email), _user(counselor_email), types.get(type_name)
        if not (person and counselor and type_):
            continue
        start = datetime.combine(_weekdays_ago(ago), time(hour), tzinfo=SEOUL)
        if Booking.objects.filter(
            person=person, counselor=counselor, type=type_, start=start
        ).exists():
            continue
        booking = _create(type_, counselor, person, start, Booking.Status.COMPLETED)
        booking.outcome = outcome
        booking.outcome_recorded_at = booking.end
        booking.summary = summary
        booking.save(update_fields=["outcome", "outcome_recorded_at", "summary"])
        BookingNote.objects.create(booking=booking, author=counselor, text=note)
        for i, text in enumerate(actions):
            ActionItem.objects.create(
                booking=booking,
                text=text,
                done_at=booking.end if i == 0 else None,
                due_date=start.date() + timedelta(days=14),
            )
        demo.log(f"{start:%m/%d} {type_name}: {person.name} → {booking.get_outcome_display()}")


def seed_upcoming(demo: Demo, types: dict[str, ConsultationType]) -> None:
    """A few booked slots in the coming weeks; the rest stay open."""
    demo.section("Upcoming consultations")
    plan = [
        (TRAINEES[2][0].email, "주얼리 창업 상담", 0, Booking.Status.CONFIRMED),
        (TRAINEES[0][0].email, "판로·수출 상담", 2, Booking.Status.CONFIRMED),
        (
            TRAINEES[3][0].email if len(TRAINEES) > 3 else TRAINEES[1][0].email,
            "취업 상담",
            1,
            Booking.Status.CONFIRMED,
        ),
        (TRAINEES[1][0].email, "디자인·지식재산 상담", 3, Booking.Status.PENDING),
    ]
    today = timezone.localdate()
    for email, type_name, skip, status in plan:
        person, type_ = _user(email), types.get(type_name)
        if not (person and type_):
            continue
        if Booking.objects.filter(person=person, type=type_, start__gt=timezone.now()).exists():
            continue
        for counselor in type_.counselors.all():
            slots = available_slots(
                counselor_id=counselor.pk, type_=type_, start=today, end=today + timedelta(days=21)
            )
            slots = slots[skip * 3 :] or slots
            for slot in slots:
                try:
                    check_slot(counselor_id=counselor.pk, type_=type_, start=slot.start)
                except (SlotTaken, SlotUnavailable):
                    continue
                if Booking.objects.filter(
                    person=person,
                    status__in=["pending", "confirmed"],
                    start__lt=slot.end,
                    end__gt=slot.start,
                ).exists():
                    continue
                _create(type_, counselor, person, slot.start, status)
                demo.log(
                    f"{slot.start.astimezone(SEOUL):%m/%d %H:%M} {type_name}: {person.name} ({status})"
                )
                break
            else:
                continue
            break
