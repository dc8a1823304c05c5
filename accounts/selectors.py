"""Reads about people and organizations that several views share."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import ApiToken, Center, Company, Consent, Invitation, Role, User


def active_consents(user: User) -> dict[str, Consent]:
    """The person's consents in force, by document key."""
    return {c.document: c for c in Consent.objects.filter(user=user, withdrawn_at__isnull=True)}


def has_consent(user: User, document: str) -> bool:
    return Consent.objects.filter(user=user, document=document, withdrawn_at__isnull=True).exists()


def brn_is_registered(brn: str) -> bool:
    """Whether a company with this (normalized) 사업자등록번호 already exists."""
    return Company.objects.filter(brn=brn).exists()


def get_company_for_staff(user: User, company_id: int) -> Company:
    """A company for center staff to verify; every staff member may (companies belong to no center)."""
    company = Company.objects.filter(pk=company_id).first() if user.is_center_staff else None
    if company is None:
        raise Http404
    return company


def companies_for_review(status: str) -> QuerySet[Company]:
    """Companies with ``status``, oldest first, with their members, for the verification page."""
    return (
        Company.objects.filter(status=status)
        .prefetch_related("memberships__user")
        .order_by("created_at")
    )


def invitations_for_centers(centers: QuerySet[Center]) -> QuerySet[Invitation]:
    return Invitation.objects.filter(center__in=centers).select_related("center", "invited_by")


def account_exists(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def active_centers() -> QuerySet[Center]:
    return Center.objects.filter(is_active=True)


def dashboard_context(user: User, role: str) -> dict:
    """What one role's dashboard shows about accounts: companies, centers, pending work."""
    if role == Role.EMPLOYER:
        return {"memberships": user.company_memberships.select_related("company")}
    if role == Role.STAFF:
        center_ids = user.staff_center_ids()
        return {
            "centers": Center.objects.filter(pk__in=center_ids),
            "pending_companies": Company.objects.filter(status=Company.Status.PENDING).count(),
            "open_invitations": Invitation.objects.filter(
                center_id__in=center_ids, accepted_at__isnull=True, revoked_at__isnull=True
            ).count(),
        }
    if role == Role.COUNSELOR:
        return {"centers": Center.objects.filter(pk__in=user.counselor_center_ids())}
    return {}


def centers_for_staff(user: User) -> QuerySet[Center]:
    return Center.objects.filter(pk__in=user.staff_center_ids())


def get_token_for_user(user: User, token_id: int) -> ApiToken:
    """The person's own token, or 404."""
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise Http404
    return token


def get_invitation_for_staff(user: User, invitation_id: int) -> Invitation:
    """An invitation of a center this person runs, or 404."""
    invitation = Invitation.objects.filter(
        pk=invitation_id, center_id__in=user.staff_center_ids()
    ).first()
    if invitation is None:
        raise Http404
    return invitation


def companies_for_user(user: User) -> QuerySet[Company]:
    return Company.objects.filter(memberships__user=user).order_by("name")


def export_account(user: User) -> dict:
    """What accounts holds about a person, for the data download."""
    from allauth.account.models import EmailAddress

    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "phone": user.phone,
        "language": user.language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "roles": user.roles,
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "centers": [
            {"center": m.center.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in user.center_memberships.select_related("center")
        ],
        "companies": [
            {
                "company": m.company.name,
                "brn": m.company.brn,
                "role": m.role,
                "since": m.created_at.isoformat(),
            }
            for m in user.company_memberships.select_related("company")
        ],
        "consents": [
            {
                "document": c.document,
                "version": c.version,
                "granted_at": c.granted_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in user.consents.all()
        ],
        "api_tokens": [
            {
                "name": t.name,
                "created_at": t.created_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in user.api_tokens.all()
        ],
    }
