"""Certificates of completion (수료증): issuing, revoking, and rendering their PDFs."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import log_action
from core.exceptions import ConflictError
from core.files import delete_names_on_commit
from core.pdf import qr_svg_data_uri, render_pdf
from skills.evidence import course_completion
from skills.services import trainee_skill_unverify, trainee_skill_verify

from ..models import Certificate, CertificateSerialCounter, Completion, CourseSkill, Enrollment
from ..tasks import generate_certificate_pdf

logger = logging.getLogger(__name__)


def serial_prefix(center) -> str:
    """Letters that start a center's serial numbers: the initials of its slug (jongno-jewelry → JJ)."""
    initials = "".join(part[0] for part in center.slug.split("-") if part and part[0].isalnum())
    return initials.upper()[:4] or f"C{center.pk}"


def _next_serial(*, prefix: str, year: int) -> str:
    """Take the next number for ``prefix`` and ``year``. Locks the counter row until commit."""
    try:
        with transaction.atomic():
            CertificateSerialCounter.objects.get_or_create(prefix=prefix, year=year)
    except IntegrityError:  # created concurrently: fine, lock it below
        pass
    counter = CertificateSerialCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{counter.last_number:06d}"


def _evidence(certificate: Certificate) -> dict:
    """What the certificate proves, as data: each viewer reads it in their own language."""
    return course_completion(
        course_title=certificate.course_title,
        course_title_en=certificate.course_title_en,
        run_name=certificate.run.display_name,
        serial=certificate.serial,
        completed_on=timezone.localdate(
            certificate.issued_at, timezone.get_default_timezone()
        ).isoformat(),
    )


def _verify_skills(certificate: Certificate) -> None:
    for course_skill in CourseSkill.objects.filter(
        course_id=certificate.run.course_id
    ).select_related("skill"):
        trainee_skill_verify(
            user=certificate.user,
            skill=course_skill.skill,
            level=course_skill.level,
            evidence=_evidence(certificate),
            evidence_ref=certificate.evidence_ref,
        )


def certificate_issue(
    *, enrollment: Enrollment, completion: Completion, by=None, now: dt.datetime | None = None
) -> tuple[Certificate, bool]:
    """Issue the certificate of a completed enrollment and verify the course's skills.

    Idempotent: an enrollment has at most one certificate (a database constraint), and an
    existing one, revoked or not, is returned unchanged. Call inside a transaction that
    locks the run; the PDF is rendered by a task after commit. The audit log records the
    issue as ``by``'s (the system's when the nightly evaluation issues it).
    """
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing, False
    if not completion.is_completed:
        raise ValidationError(_("Only a completed enrollment gets a certificate."))
    run = enrollment.run
    course = run.course
    now = now or timezone.now()
    certificate = Certificate.objects.create(
        enrollment=enrollment,
        user=enrollment.user,
        run=run,
        serial=_next_serial(prefix=serial_prefix(course.center), year=timezone.localtime(now).year),
        holder_name=enrollment.user.name or enrollment.user.email,
        course_title=course.title,
        course_title_en=course.title_en,
        hours_attended=completion.hours_attended or 0,
        attendance_rate=completion.attendance_rate or 0,
        issued_at=now,
        issued_by=by,
    )
    _verify_skills(certificate)
    log_action(by, "courses.certificate.issued", certificate, {"serial": certificate.serial})
    generate_certificate_pdf.delay_on_commit(certificate.pk)
    return certificate, True


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke a certificate: the verify page says so and the skills it verified are dropped.

    The audit log records who revoked it and why; the holder sees it in their privacy settings.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for revoking the certificate.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise ConflictError(_("This certificate has already been revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revoked_reason = reason[:300]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    log_action(
        by, "courses.certificate.revoked", certificate, {"reason": certificate.revoked_reason}
    )
    trainee_skill_unverify(evidence_ref=certificate.evidence_ref)
    # A skill may also rest on another valid certificate of the same person: verify it again.
    for other in Certificate.objects.filter(
        user=certificate.user, revoked_at__isnull=True
    ).select_related("run"):
        _verify_skills(other)
    return certificate


def certificate_regenerate(*, certificate: Certificate) -> None:
    """Render the PDF again (e.g. after fixing a name), in a task after commit."""
    if certificate.is_revoked:
        raise ValidationError(_("A revoked certificate cannot be generated again."))
    generate_certificate_pdf.delay_on_commit(certificate.pk, force=True)


def certificate_request_pdf(*, certificate: Certificate) -> None:
    """Render a missing PDF (not rendered yet, or lost), in a task after commit."""
    generate_certificate_pdf.delay_on_commit(certificate.pk)


def certificate_context(certificate: Certificate) -> dict:
    run = certificate.run
    course = run.course
    skills = [
        cs.skill
        for cs in CourseSkill.objects.filter(course=course)
        .select_related("skill")
        .order_by("skill__name")
    ]
    return {
        "certificate": certificate,
        "run": run,
        "course": course,
        "center": course.center,
        "skills": skills,
        "qr": qr_svg_data_uri(certificate.verify_url, scale=4, border=0),
    }


def certificate_render_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF, in the holder's language (Korean by default)."""
    with translation.override(certificate.user.language or "ko"):
        return render_pdf("courses/certificates/pdf.html", certificate_context(certificate))


def certificate_store_pdf(*, certificate_id: int, force: bool = False) -> bool:
    """Render and keep the PDF of a certificate; False when nothing needed doing. Idempotent.

    Rendering happens outside any transaction; the row is updated with one UPDATE after,
    and a replaced file is deleted once that update has committed.
    """
    certificate = (
        Certificate.objects.select_related("user", "run__course__center")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or certificate.is_revoked or certificate.user.anonymized_at:
        return False
    if certificate.pdf and not force:
        return False
    old_name = certificate.pdf.name if certificate.pdf else ""
    content = certificate_render_pdf(certificate)
    storage = certificate.pdf.storage
    name = storage.save(
        certificate.pdf.field.generate_filename(certificate, "certificate.pdf"),
        ContentFile(content),
    )
    Certificate.objects.filter(pk=certificate.pk).update(pdf=name, pdf_generated_at=timezone.now())
    if old_name != name:
        delete_names_on_commit(storage, [old_name])
    return True
