"""Reads for center staff reviewing postings: only those naming one of their centers."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.models import Company, CompanyCenter, User

from ..models import (
    Posting,
)
from .public import skills_prefetch


def postings_of_staff_centers(user: User) -> QuerySet[Posting]:
    """Postings the person reviews: those naming one of the centers they run (none otherwise)."""
    if not user.is_authenticated:
        return Posting.objects.none()
    return Posting.objects.filter(center_id__in=user.staff_center_ids())


def postings_for_review(user: User) -> QuerySet[Posting]:
    """Postings waiting for the person's centers, oldest first, each with whether its company
    is verified by the posting's center (``center_verified``)."""
    verified_here = CompanyCenter.objects.filter(
        company_id=OuterRef("company_id"),
        center_id=OuterRef("center_id"),
        status=Company.Status.VERIFIED,
    )
    return (
        postings_of_staff_centers(user)
        .filter(status=Posting.Status.PENDING)
        .annotate(center_verified=Exists(verified_here))
        .select_related("company", "center")
        .order_by("submitted_at")
    )


def pending_review_count(user: User) -> int:
    return postings_of_staff_centers(user).filter(status=Posting.Status.PENDING).count()


def recently_reviewed(user: User) -> QuerySet[Posting]:
    return (
        postings_of_staff_centers(user)
        .filter(~Q(status=Posting.Status.DRAFT), reviewed_by__isnull=False)
        .select_related("company", "center")
        .order_by("-updated_at")[:20]
    )


def get_posting_for_staff(user: User, posting_id: int) -> Posting:
    """A posting of one of the person's centers, or 404 (another center's posting too)."""
    posting = (
        postings_of_staff_centers(user)
        .select_related("company", "center")
        .prefetch_related(skills_prefetch())
        .filter(pk=posting_id)
        .first()
    )
    if posting is None:
        raise Http404
    return posting
