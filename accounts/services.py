"""Writes for people, memberships, consents, invitations and tokens."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import privacy
from core.audit import log_action
from core.emails import send_templated_email
from core.exceptions import ConflictError

from . import selectors
from .consents import DOCUMENTS
from .models import (
    ApiToken,
    Center,
    CenterMembership,
    Company,
    CompanyCenter,
    CompanyMembership,
    Consent,
    Invitation,
    User,
    hash_secret,
)
from .selectors import default_center
from .validators import normalize_brn, normalize_mobile

TOKEN_PREFIX = "ilt_"


def brn_taken_message() -> str:
    """What someone is told when their company's 사업자등록번호 is already registered."""
    return _(
        "This business registration number is already registered. "
        "Ask the company's owner to invite you."
    )


def user_create(
    *,
    email: str,
    password: str | None,
    name: str,
    phone: str = "",
    language: str = "ko",
    is_trainee: bool = False,
    email_verified: bool = False,
) -> User:
    """Create a person; with ``email_verified`` their address is marked verified and primary."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this email address already exists.")})
    user = User.objects.create_user(
        email=email,
        password=password,
        name=name.strip(),
        phone=normalize_mobile(phone) if phone else "",
        language=language,
        is_trainee=is_trainee,
    )
    EmailAddress.objects.create(user=user, email=email, verified=email_verified, primary=True)
    return user


def user_complete_signup(
    *,
    user: User,
    name: str,
    is_trainee: bool,
    consents: Mapping[str, bool],
    phone: str = "",
    language: str = "ko",
    company_name: str = "",
    brn: str = "",
    center: Center | None = None,
) -> Company | None:
    """Finish a signup allauth has started: who the person is, their consents, and an employer's company.

    Runs inside the signup's transaction (``AtomicSignupView``), so a company that
    cannot be registered leaves no account behind. Trainee-only documents are not
    recorded for employers. Returns the company an employer registered (with ``center``).
    """
    if not is_trainee and not company_name.strip():
        raise ValidationError({"company_name": _("Enter your company's name.")})
    user.name = name.strip()
    user.phone = normalize_mobile(phone) if phone else ""
    user.language = language if language in dict(settings.LANGUAGES) else "ko"
    user.is_trainee = is_trainee
    user.save(update_fields=["name", "phone", "language", "is_trainee"])
    granted = {
        key: bool(consents.get(key))
        for key, doc in DOCUMENTS.items()
        if is_trainee or not doc.trainee_only
    }
    consents_record(user=user, granted=granted)
    if is_trainee:
        return None
    return company_register(owner=user, name=company_name, brn=brn, center=center)


def user_update_profile(*, user: User, name: str, phone: str, language: str) -> User:
    """Save the details a person edits in their settings."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose a language this site offers.")})
    user.name = name.strip()
    user.phone = normalize_mobile(phone) if phone else ""
    user.language = language
    user.save(update_fields=["name", "phone", "language"])
    return user


def company_register(*, owner: User, name: str, brn: str, center: Center | None = None) -> Company:
    """Register a company with ``owner`` as its owner and ask ``center`` to verify it.

    Without ``center``, the first active center (``selectors.default_center``); a company
    registered where there is no center at all waits for one to be added.
    """
    digits = normalize_brn(brn)
    if Company.objects.filter(brn=digits).exists():
        raise ValidationError({"brn": brn_taken_message()})
    center = center or default_center()
    if center is not None and not center.is_active:
        raise ValidationError({"center": _("This center does not take new companies.")})
    company = Company.objects.create(name=name.strip(), brn=digits)
    CompanyMembership.objects.create(
        company=company, user=owner, role=CompanyMembership.CompanyRole.OWNER
    )
    if center is not None:
        CompanyCenter.objects.create(company=company, center=center, requested_by=owner)
    return company


@transaction.atomic
def company_center_request(*, company: Company, center: Center, by: User) -> CompanyCenter:
    """Ask another center to take the company in (its owners); that center's staff decide.

    A center that turned the company down may be asked again. Locks the company, whose summed-up
    status may change (a rejected company asking anew is pending again).
    """
    company = Company.objects.select_for_update().get(pk=company.pk)
    if not center.is_active:
        raise ValidationError({"center": _("This center does not take new companies.")})
    registration = CompanyCenter.objects.filter(company=company, center=center).first()
    if registration is not None and registration.status != Company.Status.REJECTED:
        raise ConflictError(
            _("Your company is already registered with this center or waiting for its answer.")
        )
    if registration is None:
        registration = CompanyCenter(company=company, center=center)
    registration.status = Company.Status.PENDING
    registration.reason = ""
    registration.requested_by = by
    registration.requested_at = timezone.now()
    registration.decided_by = None
    registration.decided_at = None
    registration.save()
    _company_sum_up(company, decided_by=by)
    log_action(by, "accounts.company.center_requested", company, {"center": center.name})
    return registration


def _company_sum_up(company: Company, *, decided_by: User, reason: str = "") -> None:
    """Derive the company's status from its registrations (the caller holds the company's lock)."""
    statuses = set(company.registrations.values_list("status", flat=True))
    if not statuses:
        return
    if Company.Status.VERIFIED in statuses:
        status = Company.Status.VERIFIED
    elif Company.Status.PENDING in statuses:
        status = Company.Status.PENDING
    else:
        status = Company.Status.REJECTED
    if status == Company.Status.VERIFIED and not company.is_verified:
        company.verified_at, company.verified_by = timezone.now(), decided_by
    elif status != Company.Status.VERIFIED:
        company.verified_at, company.verified_by = None, None
    company.status = status
    company.status_reason = reason if status == Company.Status.REJECTED else ""
    company.save(update_fields=["status", "status_reason", "verified_at", "verified_by"])


@transaction.atomic
def company_set_status(
    *,
    company: Company,
    status: str,
    by: User,
    reason: str = "",
    center: Center | None = None,
    notify: bool = True,
) -> Company:
    """Verify or reject a company for ``center`` (its staff), log who did it, and tell its members.

    Without ``center``: the company's oldest registration with a center ``by`` runs. The
    company's own status follows from all its registrations (see ``Company``). Locks the company
    row, so two centers deciding at once sum up in turn; the emails leave after commit.
    """
    if status not in (Company.Status.VERIFIED, Company.Status.REJECTED):
        raise ValidationError({"status": _("Choose verify or reject.")})
    reason = reason.strip()
    if status == Company.Status.REJECTED and not reason:
        raise ValidationError({"reason": _("Give the company a reason for the rejection.")})
    company = Company.objects.select_for_update().get(pk=company.pk)
    registrations = CompanyCenter.objects.select_related("center").filter(company=company)
    if center is not None:
        registrations = registrations.filter(center=center)
    else:
        registrations = registrations.filter(center_id__in=by.staff_center_ids())
    registration = registrations.order_by("requested_at", "pk").first()
    if registration is None:
        raise ValidationError(_("This company has not registered with your center."))
    registration.status = status
    registration.reason = reason
    registration.decided_by = by
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    _company_sum_up(company, decided_by=by, reason=reason)
    log_action(
        by,
        f"accounts.company.{status}",
        company,
        {"reason": reason, "center": registration.center.name},
    )
    if notify:
        for member in User.objects.filter(company_memberships__company=company, is_active=True):
            send_templated_email(
                "company-status",
                to=[member.email],
                context={
                    "company_name": company.name,
                    "center_name": registration.center.name,
                    "status": status,
                    "reason": reason,
                    "name": member.name,
                },
                language=member.language,
            )
    return company


def center_membership_add(
    *, center: Center, user: User, role: str, by: User | None, data: dict | None = None
) -> CenterMembership:
    """Make ``user`` a counselor or staff member of ``center``; ``by`` is who granted it (None: a command)."""
    membership, created = CenterMembership.objects.get_or_create(
        center=center, user=user, role=role
    )
    if created:
        log_action(
            by,
            "accounts.center_membership.added",
            user,
            {"center": center.name, "role": role, **(data or {})},
            subject=user,
        )
    return membership


def center_membership_remove(*, membership: CenterMembership, by: User) -> None:
    """Take a counselor or staff role at a center away from someone."""
    user = membership.user
    log_action(
        by,
        "accounts.center_membership.removed",
        user,
        {"center": membership.center.name, "role": membership.role},
        subject=user,
    )
    membership.delete()


def consents_record(*, user: User, granted: dict[str, bool]) -> None:
    """Record the consents given at signup or in privacy settings, at their current versions.

    Required documents must all be granted; optional ones may be given or withdrawn.
    """
    now = timezone.now()
    active = {c.document: c for c in Consent.objects.filter(user=user, withdrawn_at__isnull=True)}
    for key, doc in DOCUMENTS.items():
        if key not in granted:
            continue
        wants = granted[key]
        if doc.required and not wants:
            raise ValidationError({key: _("You must agree to this to use the service.")})
        current = active.get(key)
        if wants and (current is None or current.version != doc.version):
            if current is not None:
                current.withdrawn_at = now
                current.save(update_fields=["withdrawn_at"])
            Consent.objects.create(user=user, document=key, version=doc.version, granted_at=now)
        elif not wants and current is not None:
            current.withdrawn_at = now
            current.save(update_fields=["withdrawn_at"])


def invitation_create(
    *, center: Center, email: str, role: str, invited_by: User, name: str = ""
) -> Invitation:
    """Invite someone to be a counselor or staff member; the one-time link goes out by email after commit."""
    if role not in dict(CenterMembership.ROLE_CHOICES):
        raise ValidationError({"role": _("Choose counselor or staff.")})
    email = email.strip().lower()
    if CenterMembership.objects.filter(
        center=center, user__email__iexact=email, role=role
    ).exists():
        raise ValidationError({"email": _("This person already has that role at this center.")})
    invitation, raw = Invitation.issue(
        email=email, invited_by=invited_by, center=center, name=name.strip(), role=role
    )
    existing = User.objects.filter(email__iexact=email).first()
    log_action(
        invited_by,
        "accounts.invitation.sent",
        invitation,
        {"center": center.name, "role": role},
        subject=existing,
    )
    send_templated_email(
        "invitation",
        to=[email],
        context={
            "center_name": center.name,
            "role": invitation.get_role_display(),
            "inviter": invited_by.name,
            "url": settings.SITE_URL + reverse("invitation_accept", args=[raw]),
            "expires_at": invitation.expires_at,
        },
        language=existing.language if existing else None,
    )
    return invitation


def invitation_for_token(raw: str) -> Invitation | None:
    """The usable invitation behind a link, or None when it is unknown, used, revoked or expired."""
    invitation = (
        Invitation.objects.select_related("center").filter(token_hash=hash_secret(raw)).first()
    )
    return invitation if invitation and invitation.is_usable else None


@transaction.atomic
def invitation_accept(
    *, raw_token: str, user: User | None = None, name: str = "", password: str = "", phone: str = ""
) -> User:
    """Use an invitation once: as the signed-in person it was sent to, or by creating their account.

    Locks the invitation row so two clicks on the same link cannot both succeed.
    """
    invitation = (
        Invitation.objects.select_for_update().filter(token_hash=hash_secret(raw_token)).first()
    )
    if invitation is None or not invitation.is_usable:
        raise ValidationError(_("This invitation link is invalid, expired or already used."))
    if user is None:
        user = user_create(
            email=invitation.email,
            password=password,
            name=name or invitation.name,
            phone=phone,
            email_verified=True,  # the link reached this inbox
        )
        # The acceptance page says accepting agrees to the required documents; record it like signup does.
        consents_record(
            user=user, granted={doc.key: True for doc in DOCUMENTS.values() if doc.required}
        )
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation was sent to a different email address."))
    else:
        EmailAddress.objects.filter(user=user, email__iexact=invitation.email).update(verified=True)
    # The inviter decided the role; accepting the link only takes it up.
    center_membership_add(
        center=invitation.center,
        user=user,
        role=invitation.role,
        by=invitation.invited_by,
        data={"invitation": invitation.pk},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    """Make an unused invitation link useless (center staff)."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log_action(by, "accounts.invitation.revoked", invitation, {"email": invitation.email})


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token and return it with its secret, which is shown only once.

    Staff and admins must have set up TOTP first, and their tokens expire after
    ``STAFF_API_TOKEN_HOURS``: a stolen staff token is worth a working day at most.
    """
    name = name.strip()
    if not name:
        raise ValidationError(
            {"name": _("Give the token a name, such as the script that uses it.")}
        )
    if selectors.mfa_missing(user):
        raise PermissionDenied(_("Set up two-factor authentication to use staff features."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = None
    if user.requires_mfa:
        expires_at = timezone.now() + timedelta(hours=settings.STAFF_API_TOKEN_HOURS)
    token = ApiToken.objects.create(
        user=user,
        name=name[:80],
        prefix=raw[:10],
        token_hash=hash_secret(raw),
        expires_at=expires_at,
    )
    log_action(
        user,
        "accounts.api_token.created",
        token,
        {"name": token.name, "expires_at": expires_at.isoformat() if expires_at else None},
        subject=user,
    )
    return token, raw


def api_token_revoke(*, token: ApiToken, by: User) -> None:
    """Stop a personal API token from working, by its owner or by staff; logged either way."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(
            by, "accounts.api_token.revoked", token, {"name": token.name}, subject=token.user
        )


def user_set_language(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Erase a person's personal data and close the account (개인정보 파기).

    Records others rely on (enrollments, certificates, applications, consultation
    history, the consent log) stay, attached to an anonymous placeholder. The apps'
    erasers remove stored files with ``core.files.delete_on_commit``, so a deletion
    that fails half-way and rolls back keeps them.
    """
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    privacy.erase_user_data(user)
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    CompanyMembership.objects.filter(user=user).delete()
    CenterMembership.objects.filter(user=user).delete()
    Consent.objects.filter(user=user, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    user.email = f"deleted-{user.pk}-{secrets.token_hex(4)}@deleted.invalid"
    user.name = _("Deleted user")
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_trainee = False
    user.password = make_password(None)
    user.anonymized_at = timezone.now()
    # A new (unusable) password also ends every open session: Django checks a hash of it.
    user.save()
