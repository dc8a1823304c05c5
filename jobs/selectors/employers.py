"""Reads for company members: their companies, postings and applications; 404 otherwise."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404

from accounts.models import Center, Company, CompanyCenter, CompanyMembership, User

from ..models import (
    Application,
    CompanyInvitation,
    ContactRequest,
    Posting,
)
from .public import skills_prefetch


def member_company_ids(user: User) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(CompanyMembership.objects.filter(user=user).values_list("company_id", flat=True))


def get_company_for_member(user: User, company_id: int, *, owner: bool = False) -> Company:
    memberships = CompanyMembership.objects.filter(user=user, company_id=company_id)
    if owner:
        memberships = memberships.filter(role=CompanyMembership.CompanyRole.OWNER)
    if not user.is_authenticated or not memberships.exists():
        raise Http404
    return Company.objects.get(pk=company_id)


def get_posting_for_member(user: User, posting_id: int) -> Posting:
    """A posting of one of the person's companies, or 404 (never another company's)."""
    posting = (
        Posting.objects.filter(pk=posting_id, company_id__in=member_company_ids(user))
        .select_related("company", "center")
        .prefetch_related(skills_prefetch())
        .first()
    )
    if posting is None:
        raise Http404
    return posting


def get_application_for_member(user: User, application_id: int) -> Application:
    """An application to one of the person's companies' postings, or 404."""
    application = (
        Application.objects.filter(
            pk=application_id, posting__company_id__in=member_company_ids(user)
        )
        .select_related("posting__company", "applicant")
        .first()
    )
    if application is None:
        raise Http404
    return application


def centers_for_postings(company: Company) -> QuerySet[Center]:
    """The centers a company's postings may name: those it is registered with, not turned down.

    Those that verified the company come first; the first is a new posting's center by default.
    """
    registered = CompanyCenter.objects.filter(company=company).exclude(
        status=Company.Status.REJECTED
    )
    verified = registered.filter(center_id=OuterRef("pk"), status=Company.Status.VERIFIED)
    return (
        Center.objects.filter(pk__in=registered.values("center_id"))
        .annotate(verified_here=Exists(verified))
        .order_by("-verified_here", "pk")
    )


def memberships_of(user: User) -> QuerySet[CompanyMembership]:
    return CompanyMembership.objects.filter(user=user).select_related("company")


def is_company_owner(user: User, company: Company) -> bool:
    return CompanyMembership.objects.filter(
        company=company, user=user, role=CompanyMembership.CompanyRole.OWNER
    ).exists()


def open_invitations(company: Company) -> QuerySet[CompanyInvitation]:
    return CompanyInvitation.objects.filter(
        company=company, accepted_at__isnull=True, revoked_at__isnull=True
    )


def application_stats(posting: Posting) -> list[tuple[str, int]]:
    """(status label, number of applications) in pipeline order."""
    counts = dict(posting.applications.values_list("status").annotate(n=Count("pk")))
    return [(label, counts.get(value, 0)) for value, label in Application.Status.choices]


def requested_trainee_ids(company: Company) -> set[int]:
    """Trainees the company has already sent a contact request."""
    return set(ContactRequest.objects.filter(company=company).values_list("trainee_id", flat=True))


def contact_request_from(companies: list[Company], trainee: User) -> ContactRequest | None:
    return ContactRequest.objects.filter(trainee=trainee, company__in=companies).first()


def postings_for_member(user: User) -> QuerySet[Posting]:
    return (
        Posting.objects.filter(company_id__in=member_company_ids(user))
        .select_related("company", "center")
        .annotate(application_count=Count("applications"))
        .order_by("-created_at")
    )


def applications_for_posting(posting: Posting) -> QuerySet[Application]:
    return posting.applications.select_related("applicant").order_by("created_at")


def board_columns(posting: Posting) -> list[tuple[str, str, list[Application]]]:
    """Kanban columns (status, label, applications) for a posting, in pipeline order."""
    by_status: dict[str, list[Application]] = {s: [] for s in Application.Status.values}
    for application in applications_for_posting(posting):
        by_status[application.status].append(application)
    return [(s, Application.Status(s).label, by_status[s]) for s in Application.Status.values]


def companies_of(user: User) -> list[Company]:
    return list(Company.objects.filter(memberships__user=user).order_by("name"))
