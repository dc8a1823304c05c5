"""Demo conversations between companies and candidates (called from ``jobs/demo.py``).

The demo trainee's and the demo employer's applications get threads in Korean, one
conversation is in English, one carries a PDF attachment, and one was reported for abuse so
the Jongno staff see it in their list. Read receipts and unread counts follow from
``last_read_at``: some messages are read, the newest ones wait.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from core.pdf import render_pdf_html
from core.seeding import Demo

from ..models import Application, Message, Side, Thread, ThreadParticipant
from ..services.messages import thread_report

C, P = Side.COMPANY, Side.CANDIDATE

KOREAN = [
    [
        (C, "안녕하세요, {candidate} 님. 지원해 주셔서 감사합니다. 포트폴리오 잘 보았습니다."),
        (C, "실기 테스트 전에 최근 작업한 반지 CAD 파일이 있으면 PDF로 보내 주실 수 있을까요?"),
        (P, "안녕하세요. 연락 주셔서 감사합니다. 정리해서 오늘 중으로 보내드리겠습니다."),
        (P, "요청하신 작업물 정리본 첨부합니다. 확인 부탁드립니다.", "attach"),
        (C, "잘 받았습니다. 면접 때 이 작업 이야기를 나눠 보면 좋겠습니다."),
    ],
    [
        (P, "안녕하세요. 공고의 근무 시간(09:00~18:00)이 토요일에도 해당되는지 궁금합니다."),
        (C, "토요일은 격주로 오전 근무(09:00~13:00)이고, 대체 휴무가 있습니다."),
        (P, "답변 감사합니다. 면접 일정 안내 기다리겠습니다."),
    ],
    [
        (C, "서류 검토가 끝났습니다. 면접 시간은 지원 화면에서 골라 주세요."),
        (P, "확인했습니다. 화요일 오후로 선택했습니다."),
        (C, "네, 그날 뵙겠습니다. 공방은 돈화문로 3층이고 1층에서 호출하시면 됩니다."),
    ],
]

ENGLISH = [
    (
        C,
        "Hello {candidate}, thank you for applying. Could you tell us which setting techniques you have practised?",
    ),
    (P, "Hello! I have practised prong and bezel setting in the center's course, and some pavé."),
    (C, "Great. We will propose interview times this week; the workshop team speaks English."),
]

REPORTED = [
    (C, "지원서 봤는데요, 경력도 없으면서 연봉은 왜 이렇게 높게 써요?"),
    (P, "희망 연봉은 협의 가능하다고 적었습니다. 정중하게 말씀해 주셨으면 합니다."),
    (C, "이런 식이면 어디서도 안 뽑아요. 그냥 지원 취소하세요."),
]


def _attachment() -> bytes:
    return render_pdf_html(
        "<h1>작업물 정리 (데모)</h1><p>반지 CAD 모델링 3건, 왁스 카빙 1건 — 데모 첨부 파일입니다.</p>"
    )


def _write(application: Application, script, *, start: dt.datetime, read_upto: int) -> Thread:
    """A thread with the script's messages, ten minutes apart; each side has read its own and
    the first ``read_upto`` messages (the rest are unread)."""
    posting = application.posting
    thread = Thread.objects.create(
        company=posting.company,
        candidate=application.applicant,
        application=application,
        center=posting.center,
        created_at=start,
    )
    member = posting.company.memberships.select_related("user").first().user
    candidate = application.applicant
    messages = []
    for i, line in enumerate(script):
        side, text = line[0], line[1].format(candidate=candidate.name)
        at = start + dt.timedelta(minutes=10 * i)
        message = Message(
            thread=thread,
            sender=member if side == C else candidate,
            side=side,
            body=text,
            created_at=at,
        )
        if len(line) > 2:
            message.attachment_name = "작업물_정리.pdf"
            message.attachment_content_type = "application/pdf"
            data = _attachment()
            message.attachment_size = len(data)
            message.attachment.save("demo", ContentFile(data), save=False)
        message.save()
        messages.append(message)
    thread.last_message_at = messages[-1].created_at
    thread.save(update_fields=["last_message_at"])
    # Each side read up to its own last message, or to message ``read_upto``.
    for user, side in ((candidate, P), (member, C)):
        own = [m.created_at for m in messages if m.side == side]
        seen = [messages[read_upto - 1].created_at] if read_upto else []
        last = max(own + seen) if own + seen else None
        ThreadParticipant.objects.create(thread=thread, user=user, side=side, last_read_at=last)
    return thread


def seed_threads(demo: Demo, *, employer, trainee) -> None:
    demo.section("Messages between companies and candidates")
    if Thread.objects.exists():
        demo.log("threads already there")
        return
    now = timezone.now()
    active = ("screening", "interview", "offer")
    chosen: list[Application] = []
    for query in (
        Application.objects.filter(applicant=trainee, status__in=active),
        Application.objects.filter(posting__company__memberships__user=employer, status__in=active),
    ):
        for application in query.select_related("posting__company", "applicant")[:2]:
            if application not in chosen:
                chosen.append(application)
    for i, application in enumerate(chosen):
        script = KOREAN[i % len(KOREAN)]
        # The newest message of every other thread is still unread by the other side.
        _write(
            application,
            script,
            start=now - dt.timedelta(days=2 - i % 2, hours=3 * i),
            read_upto=len(script) - (i % 2),
        )
    others = Application.objects.filter(status__in=active).exclude(pk__in=[a.pk for a in chosen])
    english = others.first()
    if english is not None:
        _write(english, ENGLISH, start=now - dt.timedelta(hours=5), read_upto=2)
    reported = others.exclude(pk=getattr(english, "pk", None)).first()
    if reported is not None:
        thread = _write(reported, REPORTED, start=now - dt.timedelta(days=1), read_upto=3)
        # Through the service, so the report is in the audit log like a real one.
        thread_report(
            thread=thread,
            by=reported.applicant,
            side=P,
            reason="면접과 관계없는 모욕적인 말을 반복합니다.",
        )
    demo.log(
        f"{Thread.objects.count()} threads, {Message.objects.count()} messages "
        "(one in English, one with a PDF, one reported to the Jongno staff)"
    )
