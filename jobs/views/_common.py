"""What the jobs pages share: showing a service's errors, and serving a résumé file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404

from ..models import Application


def show_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def form_errors(form, exc: ValidationError) -> None:
    """Put a service's errors on the form: on their field where it has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def resume_file_response(application: Application) -> FileResponse:
    if not application.resume_file:
        raise Http404
    response = FileResponse(
        application.resume_file.open("rb"),
        as_attachment=True,
        filename=application.resume_filename or "resume",
        content_type=application.resume_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
