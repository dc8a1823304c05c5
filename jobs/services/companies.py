"""Writes for a company's public profile and its colleagues' invitations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Company, CompanyMembership, User, hash_secret
from core.emails import send_templated_email

from ..models import CompanyInvitation
from ._common import site_url

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


def company_profile_update(*, company: Company, data: dict[str, Any]) -> Company:
    """Save the public profile of a company (anything but its 사업자등록번호 and status).

    Values are applied the way a model form applies them (``save_form_data``), so a cleared logo
    is removed and an unchanged one kept.
    """
    changed = []
    for name in COMPANY_PROFILE_FIELDS:
        if name in data:
            Company._meta.get_field(name).save_form_data(company, data[name])
            changed.append(name)
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
    invitation, raw = CompanyInvitation.issue(
        email=email, invited_by=invited_by, company=company, role=role
    )
    existing = User.objects.filter(email__iexact=email).first()
    send_templated_email(
        "jobs-company-invitation",
        to=[email],
        context={
            "company_name": company.name,
            "inviter": invited_by.name,
            "url": site_url("jobs:company_invitation_accept", raw),
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
