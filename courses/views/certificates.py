"""Completion and certificate pages (수료·수료증): center staff issue and revoke, holders
download, and anyone with the QR code checks one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.permissions import staff_required, trainee_required

from .. import selectors, services
from ..forms import RevokeForm, ScoresForm
from .common import error_text

# --- center staff -----------------------------------------------------------------------------


@staff_required
@require_GET
def run_certificates(request, run_id: int):
    run = selectors.get_run_for_staff(request.user, run_id)
    return render(
        request,
        "courses/certificates/run.html",
        {
            "run": run,
            "course": run.course,
            "rows": selectors.completion_rows(run),
            "progress": selectors.certificate_progress(run),
            "pending": selectors.evaluation_pending(run),
            "has_ended": run.ends_on <= timezone.localdate(),
            "history": selectors.completion_history(run),
        },
    )


@staff_required
@require_POST
def run_scores(request, run_id: int):
    run = selectors.get_run_for_staff(request.user, run_id)
    form = ScoresForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect("courses:run_certificates", run_id=run.pk)
    try:
        services.completion_set_scores(run=run, scores=form.cleaned_data["scores"], by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Scores saved."))
    return redirect("courses:run_certificates", run_id=run.pk)


@staff_required
@require_POST
def run_issue_certificates(request, run_id: int):
    """Evaluate completion and issue the run's certificates in the background; the page shows progress."""
    run = selectors.get_run_for_staff(request.user, run_id)
    try:
        services.completion_request_evaluation(run=run, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Completion is being evaluated and certificates issued."))
    return redirect("courses:run_certificates", run_id=run.pk)


@staff_required
@require_GET
def run_certificates_progress(request, run_id: int):
    """htmx fragment: polls itself until every certificate's PDF is ready."""
    run = selectors.get_run_for_staff(request.user, run_id)
    return render(
        request,
        "courses/certificates/_progress.html",
        {
            "run": run,
            "progress": selectors.certificate_progress(run),
            "pending": selectors.evaluation_pending(run),
        },
    )


@staff_required
@require_POST
def certificate_regenerate_view(request, certificate_id: int):
    certificate = selectors.get_certificate_for_staff(request.user, certificate_id)
    try:
        services.certificate_regenerate(certificate=certificate)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("The certificate %(serial)s is being generated again.")
            % {"serial": certificate.serial},
        )
    return redirect("courses:run_certificates", run_id=certificate.run_id)


@staff_required
@require_POST
def certificate_revoke_view(request, certificate_id: int):
    certificate = selectors.get_certificate_for_staff(request.user, certificate_id)
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.certificate_revoke(certificate=certificate, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("The certificate %(serial)s was revoked.") % {"serial": certificate.serial}
        )
    return redirect("courses:run_certificates", run_id=certificate.run_id)


# --- holders ----------------------------------------------------------------------------------


@trainee_required
@require_GET
def my_certificates(request):
    return render(
        request,
        "courses/certificates/mine.html",
        {"certificates": selectors.certificates_for_user(request.user)},
    )


@login_required
@require_GET
def certificate_download(request, certificate_id: int):
    """The PDF, for its holder and the center's staff."""
    certificate = selectors.get_certificate_for_holder(request.user, certificate_id)
    if certificate.is_revoked:
        return render(
            request,
            "courses/certificates/unavailable.html",
            {"certificate": certificate},
            status=410,
        )
    if not certificate.pdf:
        services.certificate_request_pdf(certificate=certificate)
        return render(
            request,
            "courses/certificates/unavailable.html",
            {"certificate": certificate},
            status=409,
        )
    response = FileResponse(
        certificate.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=request.GET.get("inline") != "1",
        filename=f"certificate-{certificate.serial}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- public verification ----------------------------------------------------------------------


@require_GET
def verify(request, code: str):
    """Anyone with the QR code can check a certificate; limited per IP so codes cannot be guessed."""
    if selectors.verify_lookup_limited(request):
        response = render(
            request, "courses/certificates/verify.html", {"limited": True}, status=429
        )
        response["Retry-After"] = str(selectors.VERIFY_PERIOD)
    else:
        certificate = selectors.certificate_by_code(code)
        context = {"certificate": certificate}
        if certificate is not None:
            context["masked_name"] = selectors.mask_name(certificate.holder_name)
            context["center"] = certificate.run.course.center
        response = render(
            request, "courses/certificates/verify.html", context, status=200 if certificate else 404
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
