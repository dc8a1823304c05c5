"""Company A's postings; trainee A's application, profile, portfolio and saved search."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from accounts.models import hash_secret
from jobs.models import (
    Application,
    ApplicationEvent,
    CompanyInvitation,
    ContactRequest,
    EducationEntry,
    JobSeekerProfile,
    LanguageSkill,
    License,
    PortfolioImage,
    Posting,
    ResumeAccess,
    SavedSearch,
    WorkExperience,
)
from tests.authz import personas as p
from tests.authz.world import PDF


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def _posting(world, status: str, title: str) -> Posting:
    now = timezone.now()
    return Posting.objects.create(
        company=world.objects["company_a"],
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
