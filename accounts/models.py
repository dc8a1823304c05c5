"""People, the organizations they belong to, their consents and their API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .districts import District
from .validators import format_brn, validate_brn


class Role(models.TextChoices):
    TRAINEE = "trainee", _("Trainee")
    EMPLOYER = "employer", _("Employer")
    COUNSELOR = "counselor", _("Counselor")
    STAFF = "staff", _("Center staff")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with email; roles come from the flags and memberships below."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(
        _("mobile phone"), max_length=13, blank=True, help_text=_("Stored as 010-1234-5678.")
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="ko"
    )
    is_trainee = models.BooleanField(_("trainee / job seeker"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"),
        default=False,
        help_text=_("Can log into the Django admin site. Center operators use the staff pages."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    anonymized_at = models.DateTimeField(_("account deleted at"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("An account with this email address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name

    @cached_property
    def center_roles(self) -> list[tuple[int, str]]:
        """(center id, role) pairs for this person's staff and counselor memberships."""
        return list(self.center_memberships.values_list("center_id", "role"))

    @cached_property
    def company_ids(self) -> list[int]:
        return list(self.company_memberships.values_list("company_id", flat=True))

    @property
    def roles(self) -> list[str]:
        """Every role this person holds, in a fixed order."""
        held = {role for _center, role in self.center_roles}
        result = []
        if self.is_trainee:
            result.append(Role.TRAINEE.value)
        if self.company_ids:
            result.append(Role.EMPLOYER.value)
        for role in (Role.COUNSELOR.value, Role.STAFF.value):
            if role in held:
                result.append(role)
        return result

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_center_staff(self) -> bool:
        return Role.STAFF.value in self.roles

    @property
    def is_counselor(self) -> bool:
        return Role.COUNSELOR.value in self.roles

    @property
    def is_employer(self) -> bool:
        return bool(self.company_ids)

    def staff_center_ids(self) -> list[int]:
        return [c for c, role in self.center_roles if role == Role.STAFF.value]

    def counselor_center_ids(self) -> list[int]:
        return [c for c, role in self.center_roles if role == Role.COUNSELOR.value]

    @property
    def requires_mfa(self) -> bool:
        """Center staff and admin-site users must use a second factor."""
        return self.is_superuser or self.is_staff or self.is_center_staff


class Center(models.Model):
    """운영기관: a regional industry support center that runs courses, consulting and fairs."""

    name = models.CharField(_("name (Korean)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    region = models.CharField(_("region"), max_length=60, help_text=_("e.g. 서울 종로구"))
    region_en = models.CharField(_("region (English)"), max_length=60, blank=True)
    industry = models.CharField(_("industry focus"), max_length=60, help_text=_("e.g. 주얼리"))
    industry_en = models.CharField(_("industry focus (English)"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("center")
        verbose_name_plural = _("centers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def display_region(self) -> str:
        return self.region_en if get_language() == "en" and self.region_en else self.region

    @property
    def display_industry(self) -> str:
        return self.industry_en if get_language() == "en" and self.industry_en else self.industry


class CenterMembership(models.Model):
    """A counselor or staff member of a center."""

    ROLE_CHOICES = [
        (Role.STAFF.value, Role.STAFF.label),
        (Role.COUNSELOR.value, Role.COUNSELOR.label),
    ]

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="center_memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=ROLE_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("center membership")
        verbose_name_plural = _("center memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["center", "user", "role"],
                name="accounts_center_member_unique",
                violation_error_message=_("This person is already a member of this center."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.center} · {self.get_role_display()}"


class Company(models.Model):
    """An employer, registered with one or more centers (``CompanyCenter``).

    Staff of each center verify the company for their center; ``status`` sums those decisions
    up (verified at one center at least, else waiting at one, else rejected) and is kept by
    ``accounts.services.company_set_status`` alone. Postings go public only while it is verified.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", pgettext_lazy("company verification", "Verified")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("company name"), max_length=120)
    brn = models.CharField(
        _("business registration number (사업자등록번호)"),
        max_length=10,
        unique=True,
        validators=[validate_brn],
        help_text=_("10 digits, checked with the official check digit."),
    )

    class Size(models.TextChoices):
        MICRO = "micro", _("1–4 people")
        SMALL = "small", _("5–49 people")
        MEDIUM = "medium", _("50–299 people")
        LARGE = "large", _("300 or more")

    # Profile shown on the public company page (filled by the company's members).
    industry = models.CharField(
        _("industry"), max_length=60, blank=True, help_text=_("e.g. 귀금속 제조")
    )
    size = models.CharField(_("company size"), max_length=16, choices=Size.choices, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    logo = models.ImageField(_("logo"), upload_to="company-logos/", blank=True)
    description = models.TextField(_("about the company"), blank=True, max_length=5000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    centers = models.ManyToManyField(
        Center, through="CompanyCenter", related_name="companies", verbose_name=_("centers")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(brn__regex=r"^[0-9]{10}$"),
                name="accounts_company_brn_10_digits",
                violation_error_message=_("A business registration number has 10 digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def brn_display(self) -> str:
        return format_brn(self.brn)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class CompanyCenter(models.Model):
    """A company's registration with a center: that center's staff verify it and review its postings.

    Made at signup (the center the employer chose) or asked for later from the company page;
    the center's staff decide it. ``status`` uses the company's own words (pending, verified,
    rejected): verified here means verified by this center.
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="registrations")
    center = models.ForeignKey(
        Center, on_delete=models.CASCADE, related_name="company_registrations"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Company.Status.choices, default=Company.Status.PENDING
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("company registration with a center")
        verbose_name_plural = _("company registrations with centers")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "center"],
                name="accounts_company_center_once",
                violation_error_message=_(
                    "This company has already asked this center for verification."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["center", "status"], name="accounts_company_center_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.center} ({self.status})"

    @property
    def is_verified(self) -> bool:
        return self.status == Company.Status.VERIFIED


class CompanyMembership(models.Model):
    class CompanyRole(models.TextChoices):
        OWNER = "owner", _("Owner")
        RECRUITER = "recruiter", _("Recruiter")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=CompanyRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("company membership")
        verbose_name_plural = _("company memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user"],
                name="accounts_company_member_unique",
                violation_error_message=_("This person is already a member of this company."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.company} · {self.get_role_display()}"


class Consent(models.Model):
    """One consent given under PIPA, with the version of the text agreed to.

    Rows are never edited except to set ``withdrawn_at``: giving consent again adds a row,
    so the history of what was agreed and when stays complete.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    document = models.CharField(_("document"), max_length=40)
    version = models.CharField(_("version"), max_length=20)
    granted_at = models.DateTimeField(_("agreed at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "document"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="accounts_consent_one_active",
                violation_error_message=_("This consent is already recorded."),
            ),
        ]
        indexes = [
            # who consents to a document now (selectors.consenting_user_ids), read by other apps
            models.Index(
                fields=["document", "user"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="accounts_consent_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.document} v{self.version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


def hash_secret(raw: str) -> str:
    """SHA-256 of a high-entropy secret (tokens, invitation codes): fast lookup, nothing reversible stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


class OneTimeInvitation(models.Model):
    """A one-time, expiring link sent to an email address; only the hash of its token is kept.

    Center invitations (below) and company colleague invitations (jobs) share this.
    """

    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @classmethod
    def issue(cls, *, email: str, invited_by, **fields):
        """Create an invitation with a fresh token; returns it and the raw token for the link."""
        raw = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            email=email.strip().lower(),
            token_hash=hash_secret(raw),
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_TTL_DAYS),
            **fields,
        )
        return invitation, raw

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class Invitation(OneTimeInvitation):
    """A one-time link that makes someone a counselor or staff member of a center."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(_("name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=CenterMembership.ROLE_CHOICES)

    class Meta(OneTimeInvitation.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.center} ({self.role})"


class ApiToken(models.Model):
    """A personal API token, sent as ``Authorization: Bearer <token>``. Only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(
        _("prefix"), max_length=12, help_text=_("The first characters, to tell tokens apart.")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("Tokens of people who must use a second factor stop working at this time."),
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and timezone.now() >= self.expires_at
