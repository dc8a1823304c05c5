"""The platform résumé as a PDF (core.pdf: WeasyPrint with Pretendard and the static-only fetcher)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from accounts.models import User

from .selectors import resume_context


def resume_pdf_bytes(user: User) -> bytes:
    from core.pdf import render_pdf

    context = resume_context(user)
    context["generated_at"] = timezone.localtime()
    return render_pdf("jobs/resume_pdf.html", context)


def resume_pdf_response(user: User) -> HttpResponse:
    response = HttpResponse(resume_pdf_bytes(user), content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="resume-{user.pk}-{stamp}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
