"""Writes for postings: drafts, staff review, closing, copies, and the scheduled sweeps.

Every posting write ends in ``posting_sync_match_rows``, which refreshes the copy matching reads
and, after commit, the stored recommendation lists (``tasks.apply_posting_to_recommendations``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Center, Company, User
from accounts.selectors import company_verified_at
from core.audit import log_action
from core.emails import send_templated_email
from core.exceptions import ConflictError
from core.validators import refuse_too_long
from skills.models import Skill

from ..models import Posting, PostingSkill
from ..selectors import centers_for_postings
from ..tasks import apply_posting_to_recommendations
from ._common import company_members, site_url

STILL_HIRING_AFTER = timedelta(days=14)


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
        # Stored recommendation lists follow after commit (services.feed); drafts are in none.
        apply_posting_to_recommendations.delay_on_commit(posting.pk)


def _company_center(company: Company, center: Center | int | None) -> Center:
    """The center that reviews a posting: ``center`` if the company may name it, else with none
    given its first (``selectors.centers_for_postings``)."""
    centers = centers_for_postings(company)
    if center is not None:
        chosen = centers.filter(pk=center.pk if isinstance(center, Center) else center).first()
        if chosen is None:
            raise ValidationError({"center": [_("Choose one of your company's centers.")]})
        return chosen
    first = centers.first()
    if first is None:
        raise ValidationError(
            {"center": [_("Register your company with a center before writing postings.")]}
        )
    return first


def _set_skills(posting: Posting, skills: list[dict]) -> None:
    PostingSkill.objects.filter(posting=posting).delete()
    PostingSkill.objects.bulk_create(
        PostingSkill(posting=posting, weight=PostingSkill.WEIGHTS[s["kind"]], **s) for s in skills
    )


@transaction.atomic
def posting_create(
    *, company: Company, by: User, data: dict[str, Any], skills: list[dict] | None = None
) -> Posting:
    """Create a draft posting for a company the person belongs to, for one of its centers."""
    posting = Posting(
        company=company,
        created_by=by,
        **{k: v for k, v in data.items() if k in Posting.CONTENT_FIELDS and k != "center"},
    )
    posting.center = _company_center(company, data.get("center"))
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
        raise ConflictError(_("Only drafts can be edited. Copy the posting to change it."))
    for key, value in data.items():
        if key in Posting.CONTENT_FIELDS and key != "center":
            setattr(posting, key, value)
    if "center" in data:
        posting.center = _company_center(posting.company, data["center"])
    _validate_posting(posting)
    cleaned = _clean_skills(skills) if skills is not None else None
    posting.save()
    if cleaned is not None:
        _set_skills(posting, cleaned)
    posting_sync_match_rows(posting)
    return posting


def _lock(posting: Posting) -> Posting:
    return (
        Posting.objects.select_for_update(of=("self",))
        .select_related("company", "center")
        .get(pk=posting.pk)
    )


@transaction.atomic
def posting_submit(*, posting: Posting, by: User) -> Posting:
    """Send a draft to center staff for review (logged, so the reviewer sees who sent it).

    What the draft lacks is a conflict with its state, not bad input: the request has no body.
    """
    posting = _lock(posting)
    if posting.status != Posting.Status.DRAFT:
        raise ConflictError(_("Only drafts can be submitted for review."))
    try:
        _validate_posting(posting)
    except ValidationError as exc:
        raise ConflictError(exc.message_dict) from None
    if not posting.description.strip():
        raise ConflictError({"description": [_("Describe the job before submitting it.")]})
    posting.status = Posting.Status.PENDING
    posting.submitted_at = timezone.now()
    posting.save(update_fields=["status", "submitted_at", "updated_at"])
    log_action(by, "jobs.posting.submitted", posting)
    return posting


def _notify_review(posting: Posting) -> None:
    for member in company_members(posting.company):
        send_templated_email(
            "jobs-posting-reviewed",
            to=[member.email],
            context={
                "name": member.name,
                "title": posting.title,
                "status": posting.status,
                "reason": posting.review_note,
                "url": site_url("jobs:employer_posting", posting.pk),
            },
            language=member.language,
        )


@transaction.atomic
def posting_approve(*, posting: Posting, by: User) -> Posting:
    """Staff publish a posting under review; its company must be verified by the posting's center.

    Locks the posting.
    """
    posting = _lock(posting)
    if posting.status != Posting.Status.PENDING:
        raise ConflictError(_("Only postings waiting for review can be approved."))
    if not (posting.company.is_verified and company_verified_at(posting.company, posting.center)):
        raise ConflictError(_("Verify the company before publishing its postings."))
    if posting.deadline is not None and posting.deadline < timezone.localdate():
        raise ConflictError({"deadline": [_("The deadline is in the past.")]})
    now = timezone.now()
    posting.status = Posting.Status.PUBLISHED
    posting.published_at = now
    posting.last_activity_at = now
    posting.reviewed_by = by
    posting.review_note = ""
    posting.save()
    posting_sync_match_rows(posting)
    log_action(by, "jobs.posting.approved", posting)
    _notify_review(posting)
    return posting


@transaction.atomic
def posting_return(*, posting: Posting, by: User, reason: str) -> Posting:
    """Staff send a posting back to its company as a draft, with the reason. Locks the posting."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Tell the company what to change.")]})
    posting = _lock(posting)
    if posting.status != Posting.Status.PENDING:
        raise ConflictError(_("Only postings waiting for review can be returned."))
    posting.status = Posting.Status.DRAFT
    posting.review_note = refuse_too_long(reason, 500, field="reason")
    posting.reviewed_by = by
    posting.save()
    posting_sync_match_rows(posting)
    log_action(by, "jobs.posting.returned", posting, {"reason": posting.review_note})
    _notify_review(posting)
    return posting


@transaction.atomic
def posting_close(*, posting: Posting, by: User | None = None) -> Posting:
    """Close a posting (by its company, by staff, or at its deadline with ``by=None``).

    Applications stay. Locks the posting; closing a closed posting changes nothing.
    """
    posting = _lock(posting)
    if posting.status == Posting.Status.CLOSED:
        return posting
    if posting.status not in (
        Posting.Status.PUBLISHED,
        Posting.Status.PENDING,
        Posting.Status.DRAFT,
    ):
        raise ConflictError(_("This posting cannot be closed."))
    posting.status = Posting.Status.CLOSED
    posting.closed_at = timezone.now()
    posting.save(update_fields=["status", "closed_at", "updated_at"])
    posting_sync_match_rows(posting)
    log_action(by, "jobs.posting.closed", posting)
    return posting


@transaction.atomic
def posting_copy(*, posting: Posting, by: User) -> Posting:
    """A new draft with the same content and skills (for reposting or a similar job)."""
    copy = Posting(
        company=posting.company,
        created_by=by,
        copied_from=posting,
        **{f: getattr(posting, f) for f in Posting.CONTENT_FIELDS},
    )
    try:
        copy.center = _company_center(posting.company, copy.center_id)
    except ValidationError:  # the company left that center since: its first center now
        copy.center = _company_center(posting.company, None)
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


def posting_mark_active(posting_id: int) -> None:
    """Something happened on the posting (an application, a move): it is not quiet."""
    Posting.objects.filter(pk=posting_id).update(last_activity_at=timezone.now())


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
            for member in company_members(posting.company):
                send_templated_email(
                    "jobs-still-hiring",
                    to=[member.email],
                    context={
                        "name": member.name,
                        "title": posting.title,
                        "url": site_url("jobs:employer_posting", posting.pk),
                    },
                    language=member.language,
                )
            sent += 1
    return sent
