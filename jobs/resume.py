"""The platform résumé: what it shows (one read for the pages, the API and the PDF) and its PDF.

Laid out like a Korean 이력서: photo and 인적사항, 학력, 경력, 자격증, 어학, 보유 기술 with the
evidence behind each verified skill, portfolio, and 자기소개. Contact details and the photo
appear only where the caller says the viewer may see them (``selectors.can_see_contact``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone, translation

from accounts.models import User

from .models import EducationEntry, JobSeekerProfile, LanguageSkill, License, WorkExperience


@dataclass(frozen=True)
class SkillEvidence:
    """What backs a verified skill: the 수료증 of a course run (shown in the viewer's language)."""

    course: str
    run: str
    issued_on: object
    serial: str
    verify_url: str


@dataclass(frozen=True)
class ResumeSkill:
    """A held skill (``skills.selectors.HeldSkill``) with its evidence resolved, when it has one."""

    held: object
    evidence: SkillEvidence | None

    def __getattr__(self, name):  # skill, level, is_verified, evidence_label … from the held skill
        return getattr(self.held, name)


def _certificate_evidence(user: User) -> dict[str, SkillEvidence]:
    """evidence_ref ("certificate:<id>") → the certificate it names, for the person's valid ones."""
    from courses.selectors.certificates import certificates_for_user

    english = translation.get_language() == "en"
    found = {}
    for cert in certificates_for_user(user).filter(revoked_at__isnull=True):
        found[cert.evidence_ref] = SkillEvidence(
            course=(
                cert.course_title_en if english and cert.course_title_en else cert.course_title
            ),
            run=cert.run.display_name,
            issued_on=timezone.localtime(cert.issued_at).date(),
            serial=cert.serial,
            verify_url=cert.verify_url,
        )
    return found


def resume_skills(
    user: User, evidence: dict[str, SkillEvidence] | None = None
) -> list[ResumeSkill]:
    """The person's skills as ``skills.selectors`` defines them, each verified one with evidence."""
    from skills.selectors import skills_for_trainee

    evidence = _certificate_evidence(user) if evidence is None else evidence
    return [
        ResumeSkill(held, evidence.get(held.evidence_ref) if held.is_verified else None)
        for held in skills_for_trainee(user)
    ]


def resume_sections(profile: JobSeekerProfile | None) -> dict:
    """The résumé's row sections of one profile (empty lists without one)."""
    if profile is None:
        return {"education": [], "work": [], "licenses": [], "languages": []}
    return {
        "education": list(EducationEntry.objects.filter(profile=profile)),
        "work": list(WorkExperience.objects.filter(profile=profile)),
        "licenses": list(License.objects.filter(profile=profile)),
        "languages": list(LanguageSkill.objects.filter(profile=profile)),
    }


def build_resume_context(user: User, *, show_contact: bool) -> dict:
    """Everything the platform résumé shows of ``user``; contact and photo only with
    ``show_contact``."""
    profile = (
        JobSeekerProfile.objects.filter(user=user).prefetch_related("portfolio_images").first()
    )
    evidence = _certificate_evidence(user)
    return {
        "person": user,
        "profile": profile,
        "skills": resume_skills(user, evidence),
        # 교육 이수: the courses completed on the platform, newest first (valid 수료증 only).
        "certificates": sorted(evidence.values(), key=lambda e: e.issued_on, reverse=True),
        "show_contact": show_contact,
        "pdf": False,  # the PDF sets it: Korean words kept whole at line ends
        "has_photo": bool(show_contact and profile and profile.photo),
        **resume_sections(profile),
    }


def photo_data_uri(profile: JobSeekerProfile | None) -> str:
    """The stored photo as a ``data:`` JPEG for the PDF (re-encoded on upload, under 256 KiB)."""
    if profile is None or not profile.photo:
        return ""
    with profile.photo.open("rb") as handle:
        data = handle.read(256 * 1024)
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def resume_pdf_bytes(user: User, *, show_contact: bool) -> bytes:
    from core.pdf import render_pdf

    context = build_resume_context(user, show_contact=show_contact)
    context["generated_at"] = timezone.localtime()
    context["LANGUAGE_CODE"] = translation.get_language() or "ko"
    context["photo_uri"] = photo_data_uri(context["profile"]) if context["has_photo"] else ""
    return render_pdf("jobs/resume_pdf.html", context, tagged=True)


def resume_pdf_response(user: User, *, show_contact: bool, inline: bool = False) -> HttpResponse:
    response = HttpResponse(
        resume_pdf_bytes(user, show_contact=show_contact), content_type="application/pdf"
    )
    stamp = timezone.localdate().isoformat()
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="resume-{user.pk}-{stamp}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
