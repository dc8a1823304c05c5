"""Reads about people and organizations that several views share."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from .models import ApiToken, Center, Company, CompanyCenter, Consent, Invitation, Role, User


def active_consents(user: User) -> dict[str, Consent]:
    """The person's consents in force, by document key."""
    return {c.document: c for c in Consent.objects.filter(user=user, withdrawn_at__isnull=True)}


def _in_force(document: str) -> QuerySet[Consent]:
    return Consent.objects.filter(document=document, withdrawn_at__isnull=True)


def has_consent(user: User, document: str) -> bool:
    """Whether the person's consent to ``document`` is in force now."""
    return _in_force(document).filter(user_id=user.pk).exists()


def consenting_user_ids(document: str) -> QuerySet[Consent]:
    """Ids of the people whose consent to ``document`` is in force, as a subquery.

    Every read that depends on a consent filters with this (``user__in=…``, or its SQL in a raw
    statement), so withdrawing hides what depended on it at once: no stored flag stands in for
    the consent. The partial unique index on active consents keeps it one row per person.
    """
    return _in_force(document).values("user_id")


def brn_is_registered(brn: str) -> bool:
    """Whether a company with this (normalized) 사업자등록번호 already exists."""
    return Company.objects.filter(brn=brn).exists()


def default_center() -> Center | None:
    """The center a new company registers with unless it chooses: the first active one."""
    return Center.objects.filter(is_active=True).order_by("pk").first()


def registrations_for_staff(user: User) -> QuerySet[CompanyCenter]:
    """Companies' registrations with the centers this person runs (none for anyone else)."""
    return CompanyCenter.objects.filter(center_id__in=user.staff_center_ids())


def get_company_for_staff(user: User, company_id: int) -> Company:
    """A company registered with a center this person runs, or 404 (another center's company)."""
    if not user.is_authenticated:
        raise Http404
    registered = registrations_for_staff(user).filter(company_id=company_id)
    company = Company.objects.filter(pk=company_id, pk__in=registered.values("company_id")).first()
    if company is None:
        raise Http404
    return company


def get_registration_for_staff(
    user: User, company_id: int, center_id: int | None = None
) -> CompanyCenter:
    """The company's registration with ``center_id``, or the oldest with a center the person runs.

    404 when the company is registered with no center of theirs (or not with ``center_id``).
    """
    registrations = registrations_for_staff(user).filter(company_id=company_id)
    if center_id is not None:
        registrations = registrations.filter(center_id=center_id)
    registration = registrations.select_related("company", "center").first()
    if registration is None:
        raise Http404
    return registration


def companies_for_review(user: User, status: str) -> list[Company]:
    """Companies whose registration with one of the person's centers has ``status``, oldest first.

    Each company carries that ``registration`` (a company asking two of the person's centers is
    listed once for each), with its members, for the verification page.
    """
    registrations = (
        registrations_for_staff(user)
        .filter(status=status)
        .select_related("company", "center", "requested_by")
        .prefetch_related("company__memberships__user", "company__registrations__center")
        .order_by("requested_at", "pk")
    )
    companies = []
    for registration in registrations[:200]:
        company = registration.company
        company.registration = registration
        companies.append(company)
    return companies


def pending_registration_count(user: User) -> int:
    """How many companies wait for a decision by one of the person's centers."""
    return registrations_for_staff(user).filter(status=Company.Status.PENDING).count()


def company_verified_at(company: Company, center: Center | None) -> bool:
    """Whether ``center``'s staff have verified the company (no center: no one has)."""
    return (
        center is not None
        and CompanyCenter.objects.filter(
            company_id=company.pk, center_id=center.pk, status=Company.Status.VERIFIED
        ).exists()
    )


def companies_verified_by(center: Center) -> QuerySet[Company]:
    """Companies ``center``'s staff have verified (what that center may invite or list)."""
    return Company.objects.filter(
        registrations__center_id=center.pk, registrations__status=Company.Status.VERIFIED
    )


def registrations_of(company: Company) -> QuerySet[CompanyCenter]:
    """The company's centers with where each registration stands, oldest first."""
    return company.registrations.select_related("center")


def centers_to_join(company: Company) -> QuerySet[Center]:
    """Active centers a company could ask to join: not yet asked, or that turned it down."""
    asked = company.registrations.exclude(status=Company.Status.REJECTED).values("center_id")
    return Center.objects.filter(is_active=True).exclude(pk__in=asked)


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
            "pending_companies": pending_registration_count(user),
            "open_invitations": Invitation.objects.filter(
                center_id__in=center_ids, accepted_at__isnull=True, revoked_at__isnull=True
            ).count(),
        }
    if role == Role.COUNSELOR:
        return {"centers": Center.objects.filter(pk__in=user.counselor_center_ids())}
    return {}


def centers_for_staff(user: User) -> QuerySet[Center]:
    return Center.objects.filter(pk__in=user.staff_center_ids())


def has_totp(user: User) -> bool:
    """Whether the person has set up an authenticator app (TOTP)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mfa_missing(user: User) -> bool:
    """Whether the person must set up TOTP before doing anything (staff and admins without it)."""
    return bool(user.is_authenticated and user.requires_mfa and not has_totp(user))


def token_expiry(token: ApiToken):
    """When the token stops working, or None.

    People who must use a second factor hold tokens for ``STAFF_API_TOKEN_HOURS`` at most,
    counted from creation, even a token made before they became staff.
    """
    expiry = token.expires_at
    if token.user.requires_mfa:
        limit = token.created_at + timedelta(hours=settings.STAFF_API_TOKEN_HOURS)
        expiry = limit if expiry is None else min(expiry, limit)
    return expiry


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
