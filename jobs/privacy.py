"""What the jobs app holds about a person, for the data download and account deletion."""

from __future__ import annotations

from accounts.models import User

from . import selectors, services
from .models import JobSeekerProfile, Thread
from .resume import photo_data_uri, resume_sections


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _resume_export(profile: JobSeekerProfile | None) -> dict:
    """The résumé's photo, introduction and sections, as the person wrote them."""
    sections = resume_sections(profile)
    return {
        "address": profile.address if profile else "",
        "introduction": profile.introduction if profile else "",
        "photo": photo_data_uri(profile) or None,
        "education": [
            {
                "school": e.school,
                "major": e.major,
                "degree": e.degree,
                "status": e.status,
                "start_date": _iso(e.start_date),
                "end_date": _iso(e.end_date),
            }
            for e in sections["education"]
        ],
        "work_experience": [
            {
                "company": w.company,
                "title": w.title,
                "start_date": _iso(w.start_date),
                "end_date": _iso(w.end_date),
                "duties": w.duties,
            }
            for w in sections["work"]
        ],
        "licenses": [
            {
                "name": lic.name,
                "issuer": lic.issuer,
                "acquired_on": _iso(lic.acquired_on),
                "number": lic.number,
            }
            for lic in sections["licenses"]
        ],
        "languages": [
            {
                "language": la.language,
                "level": la.level,
                "test_name": la.test_name,
                "score": la.score,
                "taken_on": _iso(la.taken_on),
            }
            for la in sections["languages"]
        ],
    }


def export_person(user: User) -> dict:
    """What the jobs app holds about a person, for the data download."""
    profile = JobSeekerProfile.objects.filter(user=user).first()
    return {
        "profile": None
        if profile is None
        else {
            "headline": profile.headline,
            "education": profile.education,
            "education_detail": profile.education_detail,
            "experience": profile.experience,
            "experience_years": profile.experience_years,
            "preferred_districts": profile.district_list,
            "employment_types": profile.employment_type_list,
            "salary_expectation": profile.salary_expectation,
            "discoverable": selectors.is_discoverable(user),
        },
        "resume": _resume_export(profile),
        "applications": [
            {
                "posting": a.posting.title,
                "company": a.posting.company.name,
                "status": a.status,
                "applied_at": a.created_at.isoformat(),
                "cover_letter": a.cover_letter,
                "resume_file": a.resume_filename,
            }
            for a in selectors.applications_for_applicant(user)
        ],
        "resume_accesses": [
            {
                "at": r.created_at.isoformat(),
                "company": r.company.name if r.company else None,
                "kind": r.kind,
            }
            for r in user.resume_accesses.select_related("company")[:500]
        ],
        "saved_searches": list(
            user.saved_searches.values("name", "q", "district", "employment_type")
        ),
        "bookmarks": [
            {"posting": b.posting.title, "at": b.created_at.isoformat()}
            for b in user.job_bookmarks.select_related("posting")
        ],
        "interviews": [
            {
                "posting": i.application.posting.title,
                "company": i.application.posting.company.name,
                "status": i.status,
                "mode": i.mode,
                "start": i.start.isoformat() if i.start else None,
                "proposed_times": [slot.start.isoformat() for slot in i.slots.all()],
                "your_note": i.candidate_note,
            }
            for i in selectors.interviews_for_candidate(user)
        ],
        "offers": [
            {
                "company": o.application.posting.company.name,
                "position": o.position,
                "start_date": o.start_date.isoformat(),
                "salary": o.salary,
                "status": o.status,
                "expires_on": o.expires_on.isoformat(),
            }
            for o in selectors.offers_for_candidate(user)
        ],
        "employments": [
            {
                "company": e.company_name,
                "position": e.position,
                "start_date": e.start_date.isoformat(),
                "employment_type": e.employment_type,
                "salary_band": e.salary_band,
                "source": e.source,
            }
            for e in user.employments.all()
        ],
        "message_threads": [
            {
                "company": t.company.name,
                "about": t.subject_title,
                "messages": [
                    {
                        "at": m.created_at.isoformat(),
                        "from": m.side,
                        "text": m.body,
                        "attachment": m.attachment_name or None,
                    }
                    for m in t.messages.all()
                ],
            }
            for t in Thread.objects.filter(candidate=user).select_related(
                "company", "application__posting", "contact_request__posting"
            )
        ],
    }


def erase_person(user: User) -> None:
    services.person_data_erase(user=user)
