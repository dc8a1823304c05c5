"""Interviews, offers and hires on the application pages: the employer's actions, the
candidate's answers, and center staff recording a hire.

Each action: the role decorator, the object through a selector that answers 404 for anyone
else's, the form, one service. A refused action shows the application page again with the
form and its errors (400, or 409 for a conflict), and nothing changed.
"""

from __future__ import annotations

from functools import partial

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
    OfferAnswerForm,
    OfferForm,
    ReasonForm,
)
from ._common import form_errors
from .employer import application_page
from .trainee import my_application_page


def _refused(exc: ValidationError | None) -> int:
    """The status of a page shown again: 409 for a conflict, else 400 (an invalid form too)."""
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


def _act(request, form, call, *, done: str, application, key: str, page, back: str):
    """A valid form calls one service; success goes ``back`` to the application page with a
    message, a refusal shows the ``page`` again with the form (by ``key``) and its errors."""
    error = None
    if form.is_valid():
        error = _attempt(form, lambda: call(form.cleaned_data))
        if error is None:
            messages.success(request, done)
            return redirect(back, application.pk)
    return page(request, application, status=_refused(error), **{key: form})


_employer_act = partial(_act, page=application_page, back="jobs:employer_application")
_candidate_act = partial(_act, page=my_application_page, back="jobs:my_application")


# --- the employer ------------------------------------------------------------------------


@employer_required
@require_POST
def employer_interview_propose(request, pk: int):
    application = selectors.get_application_for_member(request.user, pk)
    form = InterviewProposeForm(request.POST, prefix="iv", company=application.posting.company)
    return _employer_act(
        request,
        form,
        lambda data: services.interview_propose(
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
        done=_("The times were sent to the candidate."),
        application=application,
        key="propose",
    )


@employer_required
@require_POST
def employer_interview_times(request, pk: int):
    """New times for an interview: after the candidate asked, or to move a confirmed one."""
    interview = selectors.get_interview_for_member(request.user, pk)
    form = InterviewTimesForm(request.POST, prefix=f"t{pk}")
    return _employer_act(
        request,
        form,
        lambda data: services.interview_propose_times(
            interview=interview, by=request.user, times=form.times(), reason=data["reason"]
        ),
        done=_("The new times were sent to the candidate."),
        application=interview.application,
        key=f"times_{pk}",
    )


@employer_required
@require_POST
def employer_interview_cancel(request, pk: int):
    interview = selectors.get_interview_for_member(request.user, pk)
    return _cancel(request, interview, act=_employer_act)


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
    return _employer_act(
        request,
        OfferForm.for_posting(application.posting, request.POST),
        lambda data: services.offer_make(application=application, by=request.user, **data),
        done=_("The offer was sent to the candidate."),
        application=application,
        key="offer",
    )


@employer_required
@require_POST
def employer_offer_withdraw(request, pk: int):
    offer = selectors.get_offer_for_member(request.user, pk)
    return _employer_act(
        request,
        OfferAnswerForm(request.POST, prefix=f"o{pk}"),
        lambda data: services.offer_withdraw(offer=offer, by=request.user, reason=data["reason"]),
        done=_("The offer was withdrawn."),
        application=offer.application,
        key=f"offer_{pk}",
    )


# --- the candidate ---------------------------------------------------------------------


@trainee_required
@require_POST
def my_interview_pick(request, pk: int):
    interview = selectors.get_interview_for_candidate(request.user, pk)
    return _candidate_act(
        request,
        InterviewPickForm(request.POST, prefix=f"p{pk}", interview=interview),
        lambda data: services.interview_pick(
            interview=interview, by=request.user, slot_id=data["slot"]
        ),
        done=_("Your interview is confirmed. We emailed you a calendar file."),
        application=interview.application,
        key=f"pick_{pk}",
    )


@trainee_required
@require_POST
def my_interview_request_times(request, pk: int):
    """Ask for other times; for a confirmed interview this is the candidate's reschedule."""
    interview = selectors.get_interview_for_candidate(request.user, pk)
    return _candidate_act(
        request,
        InterviewNoteForm(request.POST, prefix=f"n{pk}"),
        lambda data: services.interview_request_times(
            interview=interview, by=request.user, note=data["note"]
        ),
        done=_("We asked the company for other times."),
        application=interview.application,
        key=f"note_{pk}",
    )


@trainee_required
@require_POST
def my_interview_cancel(request, pk: int):
    interview = selectors.get_interview_for_candidate(request.user, pk)
    return _cancel(request, interview, act=_candidate_act)


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
    answers = {
        "accept": (
            lambda data: services.offer_accept(offer=offer, by=request.user),
            _("Congratulations! You accepted the offer."),
        ),
        "decline": (
            lambda data: services.offer_decline(
                offer=offer, by=request.user, reason=data["reason"]
            ),
            _("You declined the offer."),
        ),
    }
    if answer not in answers:
        raise Http404
    call, done = answers[answer]
    return _candidate_act(
        request,
        OfferAnswerForm(request.POST, prefix=f"o{pk}"),
        call,
        done=done,
        application=offer.application,
        key=f"offer_{pk}",
    )


def _cancel(request, interview, *, act):
    return act(
        request,
        ReasonForm(request.POST, prefix=f"c{interview.pk}"),
        lambda data: services.interview_cancel(
            interview=interview, by=request.user, reason=data["reason"]
        ),
        done=_("The interview was cancelled."),
        application=interview.application,
        key=f"cancel_{interview.pk}",
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
            error = _attempt(
                form,
                lambda: services.application_record_hire(
                    application=application, by=request.user, **form.cleaned_data
                ),
            )
            if error is None:
                messages.success(request, _("The hire was recorded."))
                return redirect("jobs:staff_application_hire", pk)
        status = _refused(error)
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
