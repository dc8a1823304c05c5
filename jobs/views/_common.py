"""What the jobs pages share: showing a service's errors, serving a résumé file, and the
interviews, offers and timeline an application page shows."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404

from .. import selectors
from ..forms import (
    InterviewNoteForm,
    InterviewPickForm,
    InterviewProposeForm,
    InterviewTimesForm,
    OfferAnswerForm,
    OfferForm,
    ReasonForm,
)
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


def hiring_context(application: Application, *, side: str, forms: dict, user=None) -> dict:
    """Interviews, offers, the employment and the timeline of an application, with their forms.

    ``side`` is "employer" or "candidate". Each interview and offer carries the forms its
    actions need (prefixed by its id, so ids stay unique on the page); ``forms`` holds the
    bound form of an action that failed, by the same key, so its errors show where it was.
    """
    interviews = selectors.interviews_of(application)
    offers = selectors.offers_of(application)
    for interview in interviews:
        key = interview.pk
        interview.cancel_form = forms.get(f"cancel_{key}") or ReasonForm(prefix=f"c{key}")
        if side == "employer":
            interview.times_form = forms.get(f"times_{key}") or InterviewTimesForm(prefix=f"t{key}")
        else:
            interview.pick_form = forms.get(f"pick_{key}") or InterviewPickForm(
                prefix=f"p{key}", interview=interview
            )
            interview.note_form = forms.get(f"note_{key}") or InterviewNoteForm(prefix=f"n{key}")
    for offer in offers:
        offer.answer_form = forms.get(f"offer_{offer.pk}") or OfferAnswerForm(prefix=f"o{offer.pk}")
    context = {
        "interviews": interviews,
        "open_interview": next((i for i in interviews if i.is_open), None),
        "offers": offers,
        "open_offer": next((o for o in offers if o.status == o.Status.OPEN), None),
        "employment": selectors.employment_of(application),
        "timeline": selectors.timeline_of(application),
    }
    if side == "employer":
        posting = application.posting
        context["propose_form"] = forms.get("propose") or InterviewProposeForm(
            prefix="iv",
            company=posting.company,
            initial={
                "interviewer": user.pk if user else None,
                "address": posting.address or posting.company.address,
            },
        )
        context["offer_form"] = forms.get("offer") or OfferForm.for_posting(posting)
    return context
