"""A trainee's own things: applications, bookmarks, saved searches, contact requests, and
what a counselor they booked sees of their applications."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.consents import COUNSELOR_SHARING
from accounts.models import Company, User
from accounts.selectors import consenting_user_ids
from core.ics import SEOUL

from ..models import (
    Application,
    Bookmark,
    ContactRequest,
    PortfolioImage,
    Posting,
    ResumeAccess,
    SavedSearch,
)
from .public import skills_prefetch


def bookmarks_of(user: User) -> QuerySet[Bookmark]:
    """The person's bookmarked postings that are or were public (관심 공고), newest first."""
    return (
        Bookmark.objects.filter(
            user=user,
            posting__status__in=[Posting.Status.PUBLISHED, Posting.Status.CLOSED],
            posting__company__status=Company.Status.VERIFIED,
        )
        .select_related("posting__company")
        .prefetch_related(Prefetch("posting__posting_skills", queryset=skills_prefetch().queryset))
    )


def bookmarked_posting_ids(user: User, posting_ids=None) -> set[int]:
    """Which of ``posting_ids`` (all, when None) the person bookmarked; empty for anyone else."""
    if not (user.is_authenticated and user.is_trainee):
        return set()
    rows = Bookmark.objects.filter(user=user)
    if posting_ids is not None:
        rows = rows.filter(posting_id__in=list(posting_ids))
    return set(rows.values_list("posting_id", flat=True))


def get_bookmark_for_trainee(user: User, bookmark_id: int) -> Bookmark:
    """One of the person's own bookmarks; anyone else's answers 404."""
    return get_object_or_404(bookmarks_of(user), pk=bookmark_id)


def get_application_for_applicant(user: User, application_id: int) -> Application:
    """The person's own application, or 404."""
    application = (
        Application.objects.filter(pk=application_id, applicant_id=user.pk)
        .select_related("posting__company")
        .first()
    )
    if application is None:
        raise Http404
    return application


def applications_for_applicant(user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("posting__company")
        .order_by("-created_at")
    )


def application_of(user: User, posting: Posting) -> Application | None:
    return Application.objects.filter(posting=posting, applicant=user).first()


def resume_accesses_of(user: User) -> QuerySet[ResumeAccess]:
    """Who looked at the person's résumé, newest first."""
    return ResumeAccess.objects.filter(owner=user).select_related("company", "viewer")[:100]


def saved_searches_of(user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user)


def get_saved_search_for_owner(user: User, pk: int) -> SavedSearch:
    """One of the person's saved searches; anyone else's answers 404."""
    return get_object_or_404(SavedSearch, pk=pk, user=user)


def get_portfolio_image_for_owner(user: User, image_id: int) -> PortfolioImage:
    image = PortfolioImage.objects.filter(pk=image_id, profile__user=user).first()
    if image is None:
        raise Http404
    return image


def contact_requests_for_trainee(user: User) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(trainee=user).select_related("company")


def get_contact_request_for_trainee(user: User, request_id: int) -> ContactRequest:
    request = (
        ContactRequest.objects.filter(pk=request_id, trainee=user).select_related("company").first()
    )
    if request is None:
        raise Http404
    return request


def counselor_context_section(person) -> tuple[str, list[str]] | None:
    """The person's job applications, for a counselor they booked (shown only with their consent)."""
    from django.utils.translation import gettext as _

    from ..models import Application

    applications = (
        Application.objects.filter(
            applicant=person, applicant__in=consenting_user_ids(COUNSELOR_SHARING)
        )
        .select_related("posting__company")
        .order_by("-created_at")[:10]
    )
    lines = [
        f"{a.posting.title} · {a.posting.company.name} · {a.get_status_display()}"
        f" ({timezone.localtime(a.created_at, SEOUL):%Y-%m-%d})"  # the day in Seoul, not UTC
        for a in applications
    ]
    return (_("Job applications"), lines) if lines else None
