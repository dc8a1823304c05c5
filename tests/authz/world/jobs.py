"""Company A's postings; trainee A's application, profile, portfolio and saved search;
company A's interview and offer on that application; a hire center 1's staff recorded."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from accounts.models import hash_secret
from jobs import services
from jobs.models import (
    Application,
    ApplicationEvent,
    Bookmark,
    CompanyInvitation,
    ContactRequest,
    EducationEntry,
    JobSeekerProfile,
    LanguageSkill,
    License,
    Message,
    PortfolioImage,
    Posting,
    ResumeAccess,
    SavedSearch,
    Thread,
    ThreadReport,
    WorkExperience,
)
from tests.authz import personas as p
from tests.authz.world import PDF
from tests.factories import make_trainee
from tests.jobs.hiring_fixtures import days_ahead


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def _posting(world, status: str, title: str) -> Posting:
    now = timezone.now()
    return Posting.objects.create(
        company=world.objects["company_a"],
        center=world.objects["center_1"],
        title=title,
        description="반지·목걸이 세공 업무",
        deadline=timezone.localdate() + dt.timedelta(days=30),
        status=status,
        created_by=world.users[p.EMPLOYER_A],
        submitted_at=None if status == Posting.Status.DRAFT else now,
        published_at=now if status == Posting.Status.PUBLISHED else None,
        reviewed_by=world.users[p.STAFF] if status == Posting.Status.PUBLISHED else None,
    )


def build(world) -> None:
    trainee_a = world.users[p.TRAINEE_A]
    employer_a = world.users[p.EMPLOYER_A]
    company_a = world.objects["company_a"]
    posting = world.add("posting", _posting(world, Posting.Status.PUBLISHED, "귀금속 세공사"))
    world.add("posting_draft", _posting(world, Posting.Status.DRAFT, "주조 기능공"))
    world.add("posting_pending", _posting(world, Posting.Status.PENDING, "보석 감정사"))

    application = Application.objects.create(
        posting=posting,
        applicant=trainee_a,
        cover_letter="지원합니다.",
        resume_filename="이력서.pdf",
        resume_content_type="application/pdf",
    )
    application.resume_file.save("upload", ContentFile(PDF), save=True)
    world.keep_file(application.resume_file)
    world.add("application", application)
    ApplicationEvent.objects.create(
        application=application, to_status=application.status, actor=trainee_a
    )
    ResumeAccess.objects.create(
        owner=trainee_a,
        viewer=employer_a,
        company=company_a,
        application=application,
        kind=ResumeAccess.Kind.PROFILE,
    )

    # Not discoverable: only the company trainee A applied to (and staff) may see the résumé.
    profile = JobSeekerProfile.objects.create(user=trainee_a, headline="세공 3년차")
    image = PortfolioImage(profile=profile, caption="반지")
    image.image.save("ring.png", ContentFile(png_bytes()), save=True)
    world.keep_file(image.image)
    world.add("portfolio_image", image)
    # Trainee A's résumé: a photo and one row in each section.
    from jobs.services.resume import profile_photo_set

    profile = world.add(
        "resume_profile",
        profile_photo_set(user=trainee_a, upload=ContentFile(png_bytes(), name="me.png")),
    )
    world.keep_file(profile.photo)
    world.add(
        "resume_education",
        EducationEntry.objects.create(
            profile=profile,
            school="서울공업고등학교",
            major="귀금속공예과",
            degree="high_school",
            status="graduated",
            start_date=dt.date(2016, 3, 2),
            end_date=dt.date(2019, 2, 14),
        ),
    )
    world.add(
        "resume_work",
        WorkExperience.objects.create(
            profile=profile,
            company="종로주얼리공방",
            title="세공사",
            start_date=dt.date(2020, 1, 2),
            duties="반지 세공",
        ),
    )
    world.add(
        "resume_licenses",
        License.objects.create(
            profile=profile,
            name="귀금속가공기능사",
            issuer="한국산업인력공단",
            acquired_on=dt.date(2019, 8, 30),
        ),
    )
    world.add(
        "resume_languages",
        LanguageSkill.objects.create(profile=profile, language="영어", level="conversational"),
    )

    world.add(
        "contact_request",
        ContactRequest.objects.create(
            company=company_a, trainee=trainee_a, requested_by=employer_a, message="연락 주세요"
        ),
    )
    world.add("saved_search", SavedSearch.objects.create(user=trainee_a, name="세공", q="세공"))
    world.add("bookmark", Bookmark.objects.create(user=trainee_a, posting=posting))
    build_threads(world)

    # Employer A invites employer B's address to company A: employer B is the one person the
    # link is for.
    raw = secrets.token_urlsafe(32)
    world.secrets["company_invitation"] = raw
    world.add(
        "company_invitation",
        CompanyInvitation.objects.create(
            company=company_a,
            email=world.users[p.EMPLOYER_B].email,
            role="recruiter",
            token_hash=hash_secret(raw),
            invited_by=employer_a,
            expires_at=timezone.now() + timedelta(days=7),
        ),
    )

    _hiring(world, application)


def _hiring(world, application: Application) -> None:
    """Employer A proposes interview times, trainee A picks one; employer A makes an offer.

    A hire of someone who is none of the personas, recorded by center 1's staff, gives the
    admin rows an ``Employment``; trainee A's application stays open for every row.
    """
    trainee_a = world.users[p.TRAINEE_A]
    employer_a = world.users[p.EMPLOYER_A]
    interview = services.interview_propose(
        application=application,
        by=employer_a,
        mode="in_person",
        times=[days_ahead(5, 14), days_ahead(6, 10)],
        address="서울 종로구 돈화문로 11 3층",
    )
    slot = interview.slots.get(start=days_ahead(5, 14))
    world.add(
        "interview",
        services.interview_pick(interview=interview, by=trainee_a, slot_id=slot.pk),
    )
    today = timezone.localdate()
    world.add(
        "offer",
        services.offer_make(
            application=application,
            by=employer_a,
            position="귀금속 세공사",
            start_date=today + dt.timedelta(days=30),
            employment_type="full_time",
            salary=32_000_000,
            expires_on=today + dt.timedelta(days=7),
        ),
    )

    hired = Application.objects.create(
        posting=world.objects["posting"],
        applicant=make_trainee(email="hired@example.com", name="박취업"),
        cover_letter="지원합니다.",
    )
    world.add("application_hired", hired)
    world.add(
        "employment",
        services.application_record_hire(
            application=hired,
            by=world.users[p.STAFF],
            reason="전화로 채용 확인",
            start_date=today - dt.timedelta(days=3),
        ),
    )


def build_threads(world) -> None:
    """Trainee A's conversation with company A about the application (reported by employer A,
    so center 1's staff may read it), and trainee B's with company B about an accepted contact
    request (not reported; trainee B does not consent to being discovered, so company B's side
    is closed)."""
    trainee_a, trainee_b = world.users[p.TRAINEE_A], world.users[p.TRAINEE_B]
    employer_a = world.users[p.EMPLOYER_A]
    company_a, center_1 = world.objects["company_a"], world.objects["center_1"]
    thread = world.add(
        "thread",
        Thread.objects.create(
            company=company_a,
            candidate=trainee_a,
            application=world.objects["application"],
            center=center_1,
            last_message_at=timezone.now(),
            reported_at=timezone.now(),
        ),
    )
    Message.objects.create(thread=thread, sender=employer_a, side="company", body="면접 일정 문의")
    message = Message(
        thread=thread,
        sender=trainee_a,
        side="candidate",
        body="포트폴리오를 보냅니다",
        attachment_name="포트폴리오.pdf",
        attachment_content_type="application/pdf",
        attachment_size=len(PDF),
    )
    message.attachment.save("upload", ContentFile(PDF), save=True)
    world.keep_file(message.attachment)
    world.add("message_file", message)
    ThreadReport.objects.create(thread=thread, reporter=employer_a, side="company", reason="폭언")

    company_b = world.objects["company_b"]
    accepted = world.add(
        "contact_request_accepted",
        ContactRequest.objects.create(
            company=company_b,
            trainee=trainee_b,
            requested_by=world.users[p.EMPLOYER_B],
            status=ContactRequest.Status.ACCEPTED,
            decided_at=timezone.now(),
        ),
    )
    thread_b = world.add(
        "thread_contact",
        Thread.objects.create(
            company=company_b,
            candidate=trainee_b,
            contact_request=accepted,
            center=world.objects["center_2"],
            last_message_at=timezone.now(),
        ),
    )
    Message.objects.create(thread=thread_b, sender=trainee_b, side="candidate", body="안녕하세요")
