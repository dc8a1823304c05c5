"""Interviews, offers and hires on the application pages: the employer's actions, the
candidate's answers, and center staff recording a hire.

Each action: the role decorator, the object through a selector that answers 404 for anyone
else's, the form, one service. A refused action shows the application page again with the
form and its errors (400, or 409 for a conflict), and nothing changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError
from core.permissions import employer_required, staff_required, trainee_required

from .. import selectors, services
from ..calendar import interview_ics_response
from ..forms import (
    HireForm,
    InterviewNoteForm,
    InterviewPickForm,
    InterviewProposeForm,
    InterviewTimesForm,
    OfferForm,
    OptionalReasonForm,
    ReasonForm,
)
from ._common import form_errors
from .employer import application_page
from .trainee import my_application_page


def _refused(exc: ValidationError) -> int:
    return 409 if isinstance(exc, ConflictError) else 400


def _attempt(form, call) -> ValidationError | None:
    """Run a service with a valid form; its errors land on the form (``times`` on the first time)."""
    try:
        call()
    except ValidationError as exc:
        shown = exc
        if hasattr(exc, "error_dict") and "times" in exc.error_dict and "time_1" in form.fields:
            errors = dict(exc.error_dict)
            shown = ValidationError({"time_1": errors.pop("times"), **errors})
        form_errors(form, shown)
        return exc
    return None


# --- the employer ------------------------------------------------------------------------


@employer_required
@require_POST
def employer_interview_propose(request, pk: int):
    application = selectors.get_application_for_member(request.user, pk)
    form = InterviewProposeForm(request.POST, prefix="iv", company=application.posting.company)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        error = _attempt(
            form,
            lambda: services.interview_propose(
                application=application,
                by=request.user,
                mode=data["mode"],
                times=form.times(),
                duration_minutes=data["duration_minutes"],
                address=data["address"],
                phone=data["phone"],
                note=data["note"],
                interviewer=data["interviewer"],
            ),
        )
        if error is None:
            messages.success(request, _("The times were sent to the candidate."))
            return redirect("jobs:employer_application", pk)
    status = _refused(error) if error else 400
    return application_page(request, application, status=status, propose=form)


@employer_required
@require_POST
def employer_interview_times(request, pk: int):
    """New times for an interview: after the candidate asked, or to move a confirmed one."""
    interview = selectors.get_interview_for_member(request.user, pk)
    form = InterviewTimesForm(request.POST, prefix=f"t{pk}")
    error = None
    if form.is_valid():
        error = _attempt(
            form,
            lambda: services.interview_propose_times(
                interview=interview,
                by=request.user,
                times=form.times(),
                reason=form.cleaned_data["reason"],
            ),
        )
        if error is None:
            messages.success(request, _("The new times were sent to the candidate."))
            return redirect("jobs:employer_application", interview.application_id)
    return application_page(
        request,
        interview.application,
        status=_refused(error) if error else 400,
        **{f"times_{pk}": form},
    )


@employer_required
@require_POST
def employer_interview_cancel(request, pk: int):
    interview = selectors.get_interview_for_member(request.user, pk)
    return _cancel(request, interview, page=application_page, done="jobs:employer_application")


@employer_required
@require_POST
def employer_interview_mark(request, pk: int, outcome: str):
    """The interview took place (``held``) or the candidate did not come (``no-show``)."""
    interview = selectors.get_interview_for_member(request.user, pk)
    actions = {
        "held": (services.interview_mark_held, _("Marked as held.")),
        "no-show": (services.interview_mark_no_show, _("Marked as a no-show.")),
    }
    if outcome not in actions:
        raise Http404
    service, done = actions[outcome]
    try:
        service(interview=interview, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("jobs:employer_application", interview.application_id)


@employer_required
@never_cache
def employer_interview_ics(request, pk: int):
    interview = selectors.get_interview_for_member(request.user, pk)
    if interview.start is None:
        raise Http404
    return interview_ics_response(interview, viewer=request.user)


@employer_required
@require_POST
def employer_offer_make(request, pk: int):
    application = selectors.get_application_for_member(request.user, pk)
    form = OfferForm.for_posting(application.posting, request.POST)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        error = _attempt(
            form,
            lambda: services.offer_make(
                application=application,
                by=request.user,
                position=data["position"],
                start_date=data["start_date"],
                employment_type=data["employment_type"],
                salary=data["salary"],
                expires_on=data["expires_on"],
                note=data["note"],
            ),
        )
        if error is None:
            messages.success(request, _("The offer was sent to the candidate."))
            return redirect("jobs:employer_application", pk)
    return application_page(
        request, application, status=_refused(error) if error else 400, offer=form
    )


@employer_required
@require_POST
def employer_offer_withdraw(request, pk: int):
    offer = selectors.get_offer_for_member(request.user, pk)
    form = OptionalReasonForm(request.POST, prefix=f"o{pk}")
    error = None
    if form.is_valid():
        error = _attempt(
            form,
            lambda: services.offer_withdraw(
                offer=offer, by=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if error is None:
            messages.success(request, _("The offer was withdrawn."))
            return redirect("jobs:employer_application", offer.application_id)
    return application_page(
        request,
        offer.application,
        status=_refused(error) if error else 400,
        **{f"offer_{pk}": form},
    )


# --- the candidate ---------------------------------------------------------------------


@trainee_required
@require_POST
def my_interview_pick(request, pk: int):
    interview = selectors.get_interview_for_candidate(request.user, pk)
    form = InterviewPickForm(request.POST, prefix=f"p{pk}", interview=interview)
    error = None
    if form.is_valid():
        error = _attempt(
            form,
            lambda: services.interview_pick(
                interview=interview, by=request.user, slot_id=form.cleaned_data["slot"]
            ),
        )
        if error is None:
            messages.success(
                request, _("Your interview is confirmed. We emailed you a calendar file.")
            )
            return redirect("jobs:my_application", interview.application_id)
    return my_application_page(
        request,
        interview.application,
        status=_refused(error) if error else 400,
        **{f"pick_{pk}": form},
    )


@trainee_required
@require_POST
def my_interview_request_times(request, pk: int):
    """Ask for other times; for a confirmed interview this is the candidate's reschedule."""
    interview = selectors.get_interview_for_candidate(request.user, pk)
    form = InterviewNoteForm(request.POST, prefix=f"n{pk}")
    error = None
    if form.is_valid():
        error = _attempt(
            form,
            lambda: services.interview_request_times(
                interview=interview, by=request.user, note=form.cleaned_data["note"]
            ),
        )
        if error is None:
            messages.success(request, _("We asked the company for other times."))
            return redirect("jobs:my_application", interview.application_id)
    return my_application_page(
        request,
        interview.application,
        status=_refused(error) if error else 400,
        **{f"note_{pk}": form},
    )


@trainee_required
@require_POST
def my_interview_cancel(request, pk: int):
    interview = selectors.get_interview_for_candidate(request.user, pk)
    return _cancel(request, interview, page=my_application_page, done="jobs:my_application")


@trainee_required
@never_cache
def my_interview_ics(request, pk: int):
    interview = selectors.get_interview_for_candidate(request.user, pk)
    if interview.start is None:
        raise Http404
    return interview_ics_response(interview, viewer=request.user)


@trainee_required
@require_POST
def my_offer_answer(request, pk: int, answer: str):
    """Accept (취업, the employment is recorded) or decline an offer."""
    offer = selectors.get_offer_for_candidate(request.user, pk)
    if answer not in ("accept", "decline"):
        raise Http404
    form = OptionalReasonForm(request.POST, prefix=f"o{pk}")
    error = None
    if form.is_valid():
        if answer == "accept":
            error = _attempt(form, lambda: services.offer_accept(offer=offer, by=request.user))
            done = _("Congratulations! You accepted the offer.")
        else:
            error = _attempt(
                form,
                lambda: services.offer_decline(
                    offer=offer, by=request.user, reason=form.cleaned_data["reason"]
                ),
            )
            done = _("You declined the offer.")
        if error is None:
            messages.success(request, done)
            return redirect("jobs:my_application", offer.application_id)
    return my_application_page(
        request,
        offer.application,
        status=_refused(error) if error else 400,
        **{f"offer_{pk}": form},
    )


def _cancel(request, interview, *, page, done: str):
    form = ReasonForm(request.POST, prefix=f"c{interview.pk}")
    error = None
    if form.is_valid():
        error = _attempt(
            form,
            lambda: services.interview_cancel(
                interview=interview, by=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if error is None:
            messages.success(request, _("The interview was cancelled."))
            return redirect(done, interview.application_id)
    return page(
        request,
        interview.application,
        status=_refused(error) if error else 400,
        **{f"cancel_{interview.pk}": form},
    )


# --- center staff ----------------------------------------------------------------------


@staff_required
def staff_application_hire(request, pk: int):
    """Record a hire the platform did not see (a phone follow-up), with a reason; it is logged."""
    application = selectors.get_application_for_staff(request.user, pk)
    posting = application.posting
    form = HireForm(
        request.POST or None,
        initial={"position": posting.title, "employment_type": posting.employment_type},
    )
    status = 200
    if request.method == "POST":
        error = None
        if form.is_valid():
            data = form.cleaned_data
            error = _attempt(
                form,
                lambda: services.application_record_hire(
                    application=application,
                    by=request.user,
                    reason=data["reason"],
                    start_date=data["start_date"],
                    position=data["position"],
                    employment_type=data["employment_type"],
                    salary=data["salary"],
                ),
            )
            if error is None:
                messages.success(request, _("The hire was recorded."))
                return redirect("jobs:staff_application_hire", pk)
        status = _refused(error) if error else 400
    return render(
        request,
        "jobs/staff/application.html",
        {
            "application": application,
            "posting": posting,
            "form": form,
            "employment": selectors.employment_of(application),
            "timeline": selectors.timeline_of(application),
        },
        status=status,
    )
