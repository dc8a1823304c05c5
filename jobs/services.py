"""Writes for companies' profiles and colleagues, postings, applications, profiles and searches."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Company, CompanyMembership, User, hash_secret
from accounts.services import has_consent
from core.emails import send_templated_email
from skills.models import Skill

from . import feed
from .files import validate_resume_upload
from .models import (
    Application,
    ApplicationEvent,
    CompanyInvitation,
    ContactRequest,
    DigestDelivery,
    EmployerNote,
    JobSeekerProfile,
    Posting,
    PostingSkill,
    ResumeAccess,
    SavedSearch,
)

logger = logging.getLogger(__name__)

STILL_HIRING_AFTER = timedelta(days=14)
COMPANY_PROFILE_FIELDS = (
    "name",
    "industry",
    "size",
    "address",
    "district",
    "website",
    "description",
    "logo",
)
POSTING_FIELDS = (
    "title",
    "description",
    "duties",
    "employment_type",
    "experience_level",
    "education",
    "district",
    "address",
    "work_mode",
    "salary_min",
    "salary_max",
    "work_hours",
    "openings",
    "deadline",
)


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _company_members(company: Company):
    return User.objects.filter(company_memberships__company=company, is_active=True)


# --- companies ----------------------------------------------------------------


def company_profile_update(*, company: Company, data: dict[str, Any]) -> Company:
    """Save the public profile of a company (anything but its 사업자등록번호 and status)."""
    changed = []
    for field in COMPANY_PROFILE_FIELDS:
        if field in data:
            setattr(company, field, data[field])
            changed.append(field)
    if changed:
        company.full_clean(exclude=["brn"])
        company.save(update_fields=changed)
    return company


def company_invitation_create(
    *, company: Company, email: str, invited_by: User, role: str = "recruiter"
) -> CompanyInvitation:
    """Invite a colleague by email; only owners may, and the link goes out after commit."""
    if not CompanyMembership.objects.filter(
        company=company, user=invited_by, role="owner"
    ).exists():
        raise ValidationError(_("Only the company's owners can invite colleagues."))
    if role not in CompanyMembership.CompanyRole.values:
        raise ValidationError({"role": _("Choose owner or recruiter.")})
    email = email.strip().lower()
    if CompanyMembership.objects.filter(company=company, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of the company.")})
    raw = secrets.token_urlsafe(32)
    invitation = CompanyInvitation.objects.create(
        company=company,
        email=email,
        role=role,
        token_hash=hash_secret(raw),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    existing = User.objects.filter(email__iexact=email).first()
    send_templated_email(
        "jobs-company-invitation",
        to=[email],
        context={
            "company_name": company.name,
            "inviter": invited_by.name,
            "url": _url("jobs:company_invitation_accept", raw),
            "expires_at": invitation.expires_at,
        },
        language=existing.language if existing else None,
    )
    return invitation


@transaction.atomic
def company_invitation_accept(*, raw_token: str, user: User) -> CompanyMembership:
    """Use a colleague invitation once, as the signed-in person it was sent to.

    Locks the invitation row so two clicks on the same link cannot both succeed.
    """
    invitation = (
        CompanyInvitation.objects.select_for_update()
        .filter(token_hash=hash_secret(raw_token))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        raise ValidationError(_("This invitation link is invalid, expired or already used."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation was sent to a different email address."))
    membership, _created = CompanyMembership.objects.get_or_create(
        company=invitation.company, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def company_invitation_revoke(*, invitation: CompanyInvitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def company_member_remove(*, company: Company, user: User, by: User) -> None:
    """An owner removes a colleague; the last owner cannot be removed."""
    membership = CompanyMembership.objects.filter(company=company, user=user).first()
    if membership is None:
        return
    owners = CompanyMembership.objects.filter(company=company, role="owner")
    if membership.role == "owner" and owners.count() <= 1:
        raise ValidationError(_("A company needs at least one owner."))
    membership.delete()


# --- postings -----------------------------------------------------------------


def _validate_posting(posting: Posting, *, check_deadline: bool = True) -> None:
    errors: dict[str, list[str]] = {}
    if not (posting.title or "").strip():
        errors["title"] = [_("Give the posting a title.")]
    if (
        posting.salary_min is not None
        and posting.salary_max is not None
        and posting.salary_min > posting.salary_max
    ):
        errors["salary_min"] = [_("The minimum salary is above the maximum.")]
    if check_deadline and posting.deadline is not None and posting.deadline < timezone.localdate():
        errors["deadline"] = [_("The deadline is in the past.")]
    if errors:
        raise ValidationError(errors)
    try:
        posting.full_clean(exclude=["company", "created_by", "reviewed_by", "copied_from"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None


def _clean_skills(skills: list[dict]) -> list[dict]:
    """Validate ``[{skill, kind, min_level}]``: known active skills, each once, levels 1–5."""
    cleaned: dict[int, dict] = {}
    ids = set()
    for item in skills:
        try:
            skill_id = int(item.get("skill") or item.get("skill_id"))
            level = int(item.get("min_level") or 1)
        except (TypeError, ValueError):
            raise ValidationError(
                {"skills": [_("Each skill needs a skill id and a level from 1 to 5.")]}
            ) from None
        kind = item.get("kind") or PostingSkill.Kind.REQUIRED
        if kind not in PostingSkill.Kind.values:
            raise ValidationError({"skills": [_("A skill is either required or preferred.")]})
        if not 1 <= level <= 5:
            raise ValidationError({"skills": [_("Skill levels go from 1 to 5.")]})
        cleaned[skill_id] = {"skill_id": skill_id, "kind": kind, "min_level": level}
        ids.add(skill_id)
    if len(cleaned) > 30:
        raise ValidationError({"skills": [_("A posting can list at most 30 skills.")]})
    known = set(Skill.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    if ids - known:
        raise ValidationError({"skills": [_("Some of these skills do not exist.")]})
    return list(cleaned.values())


def posting_sync_match_rows(posting: Posting) -> None:
    """Copy onto the posting's skill rows what matching reads (see ``PostingSkill``)."""
    rows = list(posting.posting_skills.all())
    total = sum(row.weight for row in rows) or 1
    PostingSkill.objects.filter(posting=posting).update(
        is_open=posting.is_open,
        weight_total=total,
        district=posting.district,
        employment_type=posting.employment_type,
        work_mode=posting.work_mode,
        salary_max=posting.salary_max,
    )
    if posting.status in (Posting.Status.PUBLISHED, Posting.Status.CLOSED):
        # Stored recommendation lists follow after commit (jobs.feed); drafts are in none.
        from .tasks import apply_posting_to_recommendations

        apply_posting_to_recommendations.delay_on_commit(posting.pk)


def _set_skills(posting: Posting, skills: list[dict]) -> None:
    PostingSkill.objects.filter(posting=posting).delete()
    PostingSkill.objects.bulk_create(
        PostingSkill(posting=posting, weight=PostingSkill.WEIGHTS[s["kind"]], **s) for s in skills
    )


@transaction.atomic
def posting_create(
    *, company: Company, by: User, data: dict[str, Any], skills: list[dict] | None = None
) -> Posting:
    """Create a draft posting for a company the person belongs to."""
    posting = Posting(
        company=company, created_by=by, **{k: v for k, v in data.items() if k in POSTING_FIELDS}
    )
    _validate_posting(posting)
    cleaned = _clean_skills(skills or [])
    posting.save()
    _set_skills(posting, cleaned)
    posting_sync_match_rows(posting)
    return posting


@transaction.atomic
def posting_update(
    *, posting: Posting, data: dict[str, Any], skills: list[dict] | None = None
) -> Posting:
    """Edit a draft. A published posting goes back to draft only through staff review."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    if posting.status not in (Posting.Status.DRAFT,):
        raise ValidationError(_("Only drafts can be edited. Copy the posting to change it."))
    for key, value in data.items():
        if key in POSTING_FIELDS:
            setattr(posting, key, value)
    _validate_posting(posting)
    cleaned = _clean_skills(skills) if skills is not None else None
    posting.save()
    if cleaned is not None:
        _set_skills(posting, cleaned)
    posting_sync_match_rows(posting)
    return posting


def _lock(posting: Posting) -> Posting:
    return Posting.objects.select_for_update().select_related("company").get(pk=posting.pk)


@transaction.atomic
def posting_submit(*, posting: Posting, by: User) -> Posting:
    """Send a draft to center staff for review."""
    posting = _lock(posting)
    if posting.status != Posting.Status.DRAFT:
        raise ValidationError(_("Only drafts can be submitted for review."))
    _validate_posting(posting)
    if not posting.description.strip():
        raise ValidationError({"description": [_("Describe the job before submitting it.")]})
    posting.status = Posting.Status.PENDING
    posting.submitted_at = timezone.now()
    posting.save(update_fields=["status", "submitted_at", "updated_at"])
    return posting


def _notify_review(posting: Posting) -> None:
    for member in _company_members(posting.company):
        send_templated_email(
            "jobs-posting-reviewed",
            to=[member.email],
            context={
                "name": member.name,
                "title": posting.title,
                "status": posting.status,
                "reason": posting.review_note,
                "url": _url("jobs:employer_posting", posting.pk),
            },
            language=member.language,
        )


@transaction.atomic
def posting_approve(*, posting: Posting, by: User) -> Posting:
    """Staff publish a posting under review; its company must be verified."""
    posting = _lock(posting)
    if posting.status != Posting.Status.PENDING:
        raise ValidationError(_("Only postings waiting for review can be approved."))
    if not posting.company.is_verified:
        raise ValidationError(_("Verify the company before publishing its postings."))
    if posting.deadline is not None and posting.deadline < timezone.localdate():
        raise ValidationError({"deadline": [_("The deadline is in the past.")]})
    now = timezone.now()
    posting.status = Posting.Status.PUBLISHED
    posting.published_at = now
    posting.last_activity_at = now
    posting.reviewed_by = by
    posting.review_note = ""
    posting.save()
    posting_sync_match_rows(posting)
    _notify_review(posting)
    return posting


@transaction.atomic
def posting_return(*, posting: Posting, by: User, reason: str) -> Posting:
    """Staff send a posting back to its company as a draft, with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Tell the company what to change.")]})
    posting = _lock(posting)
    if posting.status != Posting.Status.PENDING:
        raise ValidationError(_("Only postings waiting for review can be returned."))
    posting.status = Posting.Status.DRAFT
    posting.review_note = reason[:500]
    posting.reviewed_by = by
    posting.save()
    posting_sync_match_rows(posting)
    _notify_review(posting)
    return posting


@transaction.atomic
def posting_close(*, posting: Posting, by: User | None = None) -> Posting:
    """Close a posting (by its company, or at its deadline); applications stay."""
    posting = _lock(posting)
    if posting.status == Posting.Status.CLOSED:
        return posting
    if posting.status not in (
        Posting.Status.PUBLISHED,
        Posting.Status.PENDING,
        Posting.Status.DRAFT,
    ):
        raise ValidationError(_("This posting cannot be closed."))
    posting.status = Posting.Status.CLOSED
    posting.closed_at = timezone.now()
    posting.save(update_fields=["status", "closed_at", "updated_at"])
    posting_sync_match_rows(posting)
    return posting


@transaction.atomic
def posting_copy(*, posting: Posting, by: User) -> Posting:
    """A new draft with the same content and skills (for reposting or a similar job)."""
    copy = Posting(
        company=posting.company,
        created_by=by,
        copied_from=posting,
        **{f: getattr(posting, f) for f in POSTING_FIELDS},
    )
    copy.title = (_("Copy of %(title)s") % {"title": posting.title})[:120]
    if copy.deadline is not None and copy.deadline < timezone.localdate():
        copy.deadline = None
    copy.save()
    PostingSkill.objects.bulk_create(
        PostingSkill(
            posting=copy,
            skill_id=ps.skill_id,
            kind=ps.kind,
            min_level=ps.min_level,
            weight=ps.weight,
        )
        for ps in posting.posting_skills.all()
    )
    posting_sync_match_rows(copy)
    return copy


def close_expired_postings(today=None) -> int:
    """Close every published posting whose deadline has passed (idempotent)."""
    today = today or timezone.localdate()
    closed = 0
    for posting_id in Posting.objects.filter(
        status=Posting.Status.PUBLISHED, deadline__lt=today
    ).values_list("pk", flat=True):
        posting_close(posting=Posting(pk=posting_id))
        closed += 1
    return closed


def send_still_hiring_reminders(now=None) -> int:
    """Ask employers whether a posting quiet for two weeks is still open; once per quiet spell."""
    now = now or timezone.now()
    cutoff = now - STILL_HIRING_AFTER
    due = (
        Posting.objects.filter(status=Posting.Status.PUBLISHED, last_activity_at__lt=cutoff)
        .filter(Q(still_hiring_sent_at__isnull=True) | Q(still_hiring_sent_at__lt=cutoff))
        .select_related("company")
    )
    sent = 0
    for posting in due:
        with transaction.atomic():
            # Claim the posting before mailing, so a second run sends nothing.
            claimed = (
                Posting.objects.filter(pk=posting.pk)
                .filter(Q(still_hiring_sent_at__isnull=True) | Q(still_hiring_sent_at__lt=cutoff))
                .update(still_hiring_sent_at=now)
            )
            if not claimed:
                continue
            for member in _company_members(posting.company):
                send_templated_email(
                    "jobs-still-hiring",
                    to=[member.email],
                    context={
                        "name": member.name,
                        "title": posting.title,
                        "url": _url("jobs:employer_posting", posting.pk),
                    },
                    language=member.language,
                )
            sent += 1
    return sent


def _touch(posting_id: int) -> None:
    Posting.objects.filter(pk=posting_id).update(last_activity_at=timezone.now())


# --- applications -------------------------------------------------------------


def application_create(
    *,
    posting: Posting,
    applicant: User,
    cover_letter: str = "",
    resume_file=None,
    use_platform_resume: bool = True,
) -> Application:
    """Apply once to an open posting, with the platform résumé and/or a checked file."""
    if not applicant.is_trainee:
        raise ValidationError(_("Only trainees and job seekers can apply."))
    if not posting.is_open or not posting.company.is_verified:
        raise ValidationError(_("This posting is closed and no longer takes applications."))
    if len(cover_letter or "") > 5000:
        raise ValidationError(
            {"cover_letter": [_("The cover letter is too long (at most 5,000 characters).")]}
        )
    if resume_file is None and not use_platform_resume:
        raise ValidationError(
            {"resume_file": [_("Attach a résumé file or include your platform résumé.")]}
        )
    display_name = content_type = ""
    if resume_file is not None:
        display_name, content_type = validate_resume_upload(resume_file)
    if Application.objects.filter(posting=posting, applicant=applicant).exists():
        raise ValidationError(_("You have already applied to this posting."))
    try:
        with transaction.atomic():
            application = Application(
                posting=posting,
                applicant=applicant,
                cover_letter=(cover_letter or "").strip(),
                use_platform_resume=use_platform_resume,
                resume_filename=display_name,
                resume_content_type=content_type,
            )
            application.save()  # the unique constraint settles two concurrent clicks
            if resume_file is not None:
                application.resume_file.save("upload", resume_file, save=False)
                application.save(update_fields=["resume_file"])
            ApplicationEvent.objects.create(
                application=application, to_status=application.status, actor=applicant
            )
            _touch(posting.pk)
            for member in _company_members(posting.company):
                send_templated_email(
                    "jobs-application-received",
                    to=[member.email],
                    context={
                        "name": member.name,
                        "title": posting.title,
                        "applicant": applicant.name,
                        "url": _url("jobs:employer_application", application.pk),
                    },
                    language=member.language,
                )
    except IntegrityError:
        raise ValidationError(_("You have already applied to this posting.")) from None
    return application


def _notify_status(application: Application) -> None:
    applicant = application.applicant
    send_templated_email(
        "jobs-application-status",
        to=[applicant.email],
        context={
            "name": applicant.name,
            "title": application.posting.title,
            "company": application.posting.company.name,
            "status": application.get_status_display(),
            "url": _url("jobs:my_application", application.pk),
        },
        language=applicant.language,
    )


@transaction.atomic
def application_set_status(
    *, application: Application, status: str, by: User, note: str = ""
) -> Application:
    """Move an application in the employer's pipeline; the trainee is told. Locks the application."""
    if status and status not in Application.Status.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    if status == Application.Status.WITHDRAWN:
        raise ValidationError({"status": [_("Only the applicant can withdraw an application.")]})
    if len(note or "") > 5000:
        raise ValidationError({"note": [_("The note is too long (at most 5,000 characters).")]})
    application = (
        Application.objects.select_for_update()
        .select_related("posting__company", "applicant")
        .get(pk=application.pk)
    )
    if status and status != application.status:
        if application.status == Application.Status.WITHDRAWN:
            raise ValidationError({"status": [_("The applicant withdrew this application.")]})
        ApplicationEvent.objects.create(
            application=application, from_status=application.status, to_status=status, actor=by
        )
        application.status = status
        application.save(update_fields=["status", "updated_at"])
        _touch(application.posting_id)
        _notify_status(application)
    if note and note.strip():
        EmployerNote.objects.create(application=application, author=by, body=note.strip())
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    application = (
        Application.objects.select_for_update().select_related("posting").get(pk=application.pk)
    )
    if application.status in Application.FINAL:
        raise ValidationError(_("This application is already closed."))
    ApplicationEvent.objects.create(
        application=application,
        from_status=application.status,
        to_status=Application.Status.WITHDRAWN,
        actor=by,
    )
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    _touch(application.posting_id)
    return application


def employer_note_add(*, application: Application, author: User, body: str) -> EmployerNote:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write something first.")]})
    if len(body) > 5000:
        raise ValidationError({"body": [_("The note is too long (at most 5,000 characters).")]})
    return EmployerNote.objects.create(application=application, author=author, body=body)


def resume_access_log(
    *,
    owner: User,
    viewer: User,
    kind: str,
    application: Application | None = None,
    company: Company | None = None,
) -> None:
    """Record a look at someone's résumé; the trainee sees these on their applications page."""
    if viewer.pk == owner.pk:
        return
    ResumeAccess.objects.create(
        owner=owner,
        viewer=viewer,
        kind=kind,
        application=application,
        company=company or (application.posting.company if application else None),
    )


# --- job seekers --------------------------------------------------------------


def profile_for(user: User) -> JobSeekerProfile:
    profile, _created = JobSeekerProfile.objects.get_or_create(user=user)
    return profile


def profile_update(*, user: User, data: dict[str, Any]) -> JobSeekerProfile:
    """Save job preferences. Being discoverable needs the "employer_discovery" consent."""
    profile = profile_for(user)
    for key in (
        "headline",
        "education",
        "education_detail",
        "experience_years",
        "experience",
        "remote_ok",
        "salary_expectation",
    ):
        if key in data:
            setattr(profile, key, data[key])
    if "preferred_districts" in data:
        profile.preferred_districts = ",".join(data["preferred_districts"])
    if "employment_types" in data:
        profile.employment_types = ",".join(data["employment_types"])
    if "discoverable" in data:
        if data["discoverable"] and not has_consent(user, "employer_discovery"):
            raise ValidationError(
                {
                    "discoverable": [
                        _(
                            "Agree to “Let employers discover my profile” in your privacy settings first."
                        )
                    ]
                }
            )
        profile.discoverable = bool(data["discoverable"])
    profile.full_clean(exclude=["user"])
    with transaction.atomic():
        profile.save()
        feed.trainee_feed_invalidate([user.pk])
    return profile


def discoverability_sync(user: User) -> None:
    """Hide a profile whose owner withdrew the "employer_discovery" consent."""
    if not has_consent(user, "employer_discovery"):
        JobSeekerProfile.objects.filter(user=user, discoverable=True).update(discoverable=False)


def contact_request_create(
    *, company: Company, trainee: User, by: User, posting: Posting | None = None, message: str = ""
) -> ContactRequest:
    """Ask a discoverable trainee for contact details (once per company)."""
    if not JobSeekerProfile.objects.filter(user=trainee, discoverable=True).exists():
        raise ValidationError(_("This person is not open to contact requests."))
    if ContactRequest.objects.filter(company=company, trainee=trainee).exists():
        raise ValidationError(_("Your company has already sent this person a request."))
    request = ContactRequest.objects.create(
        company=company,
        trainee=trainee,
        posting=posting,
        requested_by=by,
        message=(message or "").strip()[:1000],
    )
    send_templated_email(
        "jobs-contact-request",
        to=[trainee.email],
        context={
            "name": trainee.name,
            "company": company.name,
            "message": request.message,
            "url": _url("jobs:my_contact_requests"),
        },
        language=trainee.language,
    )
    return request


@transaction.atomic
def contact_request_decide(*, request: ContactRequest, accept: bool) -> ContactRequest:
    request = ContactRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ContactRequest.Status.PENDING:
        raise ValidationError(_("You have already answered this request."))
    request.status = ContactRequest.Status.ACCEPTED if accept else ContactRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    return request


# --- saved searches -----------------------------------------------------------


def saved_search_create(*, user: User, name: str, params: dict[str, Any]) -> SavedSearch:
    if SavedSearch.objects.filter(user=user).count() >= 20:
        raise ValidationError(_("You can keep at most 20 saved searches."))
    search = SavedSearch(
        user=user,
        name=(name or "").strip()[:80] or _("My search"),
        q=(params.get("q") or "")[:100],
        district=params.get("district") or "",
        employment_type=params.get("employment_type") or "",
        skill_ids=",".join(str(int(s)) for s in params.get("skills") or []),
        salary_min=params.get("salary_min") or None,
        remote=bool(params.get("remote")),
    )
    search.full_clean(exclude=["user"])
    search.save()
    return search


def send_digest(*, saved_search_id: int, day=None) -> int:
    """Email one saved search's new postings for a day, at most once (the delivery row is the claim)."""
    from .selectors import search_postings

    day = day or timezone.localdate()
    search = SavedSearch.objects.select_related("user").filter(pk=saved_search_id).first()
    if search is None or not search.user.is_active:
        return 0
    with transaction.atomic():
        try:
            with transaction.atomic():
                delivery = DigestDelivery.objects.create(saved_search=search, day=day)
        except IntegrityError:
            return 0  # already sent today
        now = timezone.now()
        postings = list(
            search_postings(search.as_params()).filter(
                published_at__gt=search.notified_until, published_at__lte=now
            )[:20]
        )
        SavedSearch.objects.filter(pk=search.pk).update(notified_until=now)
        delivery.posting_count = len(postings)
        delivery.save(update_fields=["posting_count"])
        if postings:
            user = search.user
            send_templated_email(
                "jobs-digest",
                to=[user.email],
                context={
                    "name": user.name,
                    "search_name": search.name,
                    "postings": [
                        {
                            "title": p.title,
                            "company": p.company.name,
                            "url": _url("jobs:detail", p.pk),
                        }
                        for p in postings
                    ],
                },
                language=user.language,
            )
    return len(postings)
