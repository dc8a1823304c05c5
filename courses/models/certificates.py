"""Certificates of completion (수료증) and their public verification."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalog import CourseRun
from .enrollment import Enrollment

__all__ = ["Certificate", "CertificateSerialCounter", "new_certificate_code", "private_storage"]


def private_storage():
    """Files served only through views that check access (settings.STORAGES["private"])."""
    return storages["private"]


def new_certificate_code() -> str:
    """The public verification code: 192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


def certificate_upload_to(instance: Certificate, filename: str) -> str:
    # A random part keeps file names unguessable even though they are never served directly.
    return f"certificates/{instance.issued_at:%Y}/{instance.serial}-{secrets.token_hex(8)}.pdf"


class CertificateSerialCounter(models.Model):
    """The last serial number used per prefix and year; the row is locked while numbering."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("certificate serial counter")
        verbose_name_plural = _("certificate serial counters")
        constraints = [
            models.UniqueConstraint(
                fields=["prefix", "year"],
                name="courses_certserial_unique",
                violation_error_message=_("This serial number counter already exists."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class Certificate(models.Model):
    """A certificate of completion (수료증) for one completed enrollment.

    What it certifies is copied at issue time (name, course, dates, hours), so the
    document and the verify page keep saying what was issued even if the course changes.
    """

    enrollment = models.OneToOneField(
        Enrollment,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("enrollment"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    run = models.ForeignKey(
        CourseRun, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("run")
    )
    serial = models.CharField(_("serial number"), max_length=32, unique=True)
    code = models.CharField(
        _("verification code"), max_length=64, unique=True, default=new_certificate_code
    )
    holder_name = models.CharField(_("holder's name"), max_length=100)
    course_title = models.CharField(_("course"), max_length=150)
    course_title_en = models.CharField(_("course (English)"), max_length=150, blank=True)
    hours_attended = models.DecimalField(_("hours attended"), max_digits=6, decimal_places=1)
    attendance_rate = models.DecimalField(_("attendance rate (%)"), max_digits=5, decimal_places=1)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    pdf = models.FileField(
        _("PDF"), storage=private_storage, upload_to=certificate_upload_to, blank=True
    )
    pdf_generated_at = models.DateTimeField(_("PDF generated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate of completion")
        verbose_name_plural = _("certificates of completion")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
                name="courses_certificate_revocation_has_reason",
                violation_error_message=_("Give a reason to revoke a certificate."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.serial} · {self.holder_name}"

    @property
    def audit_subject(self):
        """Whose data this is, for the audit log (core.audit)."""
        return self.user

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def evidence_ref(self) -> str:
        """How skills verified by this certificate point back to it (skills.TraineeSkill)."""
        return f"certificate:{self.pk}"

    @property
    def verify_url(self) -> str:
        return f"{settings.SITE_URL}/verify/{self.code}/"
