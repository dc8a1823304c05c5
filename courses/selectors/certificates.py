"""Reads for certificates of completion (수료증): who may see one, the public check by code,
and how far issuing a run's certificates has come."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import Http404

from core.ratelimit import is_limited

from ..models import Certificate, Completion, CourseRun
from .attendance import attendance_summaries

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
VERIFY_LIMIT, VERIFY_PERIOD = 30, 60  # lookups per client IP per minute, page and API together


def _certificates() -> QuerySet[Certificate]:
    return Certificate.objects.select_related("run__course__center")


def get_certificate_for_staff(user, certificate_id: int) -> Certificate:
    """A certificate of a center this person runs as staff; else 404."""
    certificate = _certificates().filter(pk=certificate_id).first()
    if (
        certificate is None
        or not user.is_authenticated
        or certificate.run.course.center_id not in user.staff_center_ids()
    ):
        raise Http404
    return certificate


def get_certificate_for_holder(user, certificate_id: int) -> Certificate:
    """The holder's own certificate, or one of a center this person runs as staff; else 404."""
    certificate = _certificates().filter(pk=certificate_id).first()
    if certificate is None or not user.is_authenticated:
        raise Http404
    if certificate.user_id != user.pk and (
        certificate.run.course.center_id not in user.staff_center_ids()
    ):
        raise Http404
    return certificate


def certificates_for_user(user) -> QuerySet[Certificate]:
    return _certificates().filter(user=user).order_by("-issued_at")


# --- public verification ----------------------------------------------------------------------


def verify_lookup_limited(request) -> bool:
    """Whether this client has looked up too many codes this minute (so codes cannot be guessed)."""
    return is_limited(request, "certificate-verify", limit=VERIFY_LIMIT, period=VERIFY_PERIOD)


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this public code, or None (malformed codes never reach the database)."""
    if not code or not CODE_RE.match(code):
        return None
    return _certificates().filter(code=code).first()


def mask_name(name: str) -> str:
    """Hide the middle of each part of a name for public pages: 김철수 → 김*수, 이수 → 이*."""
    masked = []
    for part in (name or "").split():
        if len(part) == 1:
            masked.append(part)
        elif len(part) == 2:
            masked.append(part[0] + "*")
        else:
            masked.append(part[0] + "*" * (len(part) - 2) + part[-1])
    return " ".join(masked)


# --- a run's completion and certificates (staff page) ----------------------------------------


def evaluation_pending_key(run_id: int) -> str:
    return f"courses:run:{run_id}:evaluation-pending"


def evaluation_pending(run: CourseRun) -> bool:
    """Whether staff asked for the run's evaluation and the task has not finished yet."""
    return bool(cache.get(evaluation_pending_key(run.pk)))


def completion_rows(run: CourseRun) -> list[dict]:
    """Each trainee on the roster with attendance, completion decision and certificate."""
    completions = {c.enrollment_id: c for c in Completion.objects.filter(enrollment__run=run)}
    certificates = {c.enrollment_id: c for c in Certificate.objects.filter(run=run)}
    return [
        {
            "summary": s,
            "completion": completions.get(s.enrollment.pk),
            "certificate": certificates.get(s.enrollment.pk),
        }
        for s in attendance_summaries(run)
    ]


@dataclass(frozen=True)
class CertificateProgress:
    completed: int
    issued: int
    ready: int

    @property
    def done(self) -> bool:
        return self.ready >= self.issued and self.issued >= self.completed

    @property
    def percent(self) -> int:
        return 100 if not self.completed else round(100 * self.ready / self.completed)


def certificate_progress(run: CourseRun) -> CertificateProgress:
    """How far issuing a run's certificates has come (for the progress bar)."""
    certs = Certificate.objects.filter(run=run)
    return CertificateProgress(
        completed=Completion.objects.filter(
            enrollment__run=run, status=Completion.Status.COMPLETED
        ).count(),
        issued=certs.count(),
        # A revoked certificate needs no PDF any more: it counts as done.
        ready=certs.filter(~Q(pdf="") | Q(revoked_at__isnull=False)).count(),
    )
