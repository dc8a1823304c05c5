"""Reads about people and organizations that several views share."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import ApiToken, Center, Company, Invitation, User


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
