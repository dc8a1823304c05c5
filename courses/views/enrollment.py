"""Enrollment pages: a trainee enrolls and manages their places; staff decide applications
and move or cancel people."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import staff_required, trainee_required

from .. import selectors, services
from ..forms import ApplicationForm, MoveForm, RejectForm
from ..models import Enrollment
from .common import error_text

# --- trainees ---------------------------------------------------------------------------------


@trainee_required
@require_POST
def run_enroll(request, run_id: int):
    run = selectors.get_run_for_viewer(request.user, run_id)
    answers = None
    if run.is_screened:
        form = ApplicationForm(request.POST, run=run, prefix=f"run{run.pk}")
        if not form.is_valid():
            messages.error(request, _("Please answer every application question."))
            return redirect("courses:detail", course_id=run.course_id)
        answers = form.answers()
    try:
        enrollment = services.enrollment_create(run=run, user=request.user, answers=answers)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("courses:detail", course_id=run.course_id)
    if enrollment.status == Enrollment.Status.CONFIRMED:
        messages.success(request, _("You are enrolled. Your seat is confirmed."))
    elif enrollment.status == Enrollment.Status.WAITLISTED:
        messages.info(
            request,
            _(
                "The run is full, so you joined the waitlist at position %(n)d. "
                "We will email you when a seat is offered."
            )
            % {"n": enrollment.waitlist_position},
        )
    else:
        messages.info(request, _("Your application was sent. Staff will review it and email you."))
    return redirect("courses:my_enrollments")


@trainee_required
def my_enrollments(request):
    enrollments = list(selectors.enrollments_for_user(request.user))
    active = [e for e in enrollments if e.is_active and not e.run.is_past]
    history = [e for e in enrollments if e not in active]
    return render(request, "courses/my_enrollments.html", {"active": active, "history": history})


def _own_enrollment_action(request, enrollment_id: int, action, success: str):
    enrollment = selectors.get_enrollment_for_user(request.user, enrollment_id)
    try:
        action(enrollment=enrollment)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect("courses:my_enrollments")


@trainee_required
@require_http_methods(["GET", "POST"])
def enrollment_cancel(request, enrollment_id: int):
    """Cancel only after a second, explicit "yes": a GET or an unconfirmed POST shows the question."""
    enrollment = selectors.get_enrollment_for_user(request.user, enrollment_id)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _own_enrollment_action(
            request, enrollment_id, services.enrollment_cancel, _("Your enrollment was cancelled.")
        )
    return render(request, "courses/enrollment_cancel.html", {"e": enrollment})


@trainee_required
@require_POST
def enrollment_accept(request, enrollment_id: int):
    return _own_enrollment_action(
        request,
        enrollment_id,
        services.enrollment_accept_offer,
        _("You took the seat. See you in class!"),
    )


@trainee_required
@require_POST
def enrollment_decline(request, enrollment_id: int):
    return _own_enrollment_action(
        request,
        enrollment_id,
        services.enrollment_decline_offer,
        _("You declined the seat; it goes to the next person on the waitlist."),
    )


# --- center staff -----------------------------------------------------------------------------


def _staff_enrollment_action(request, enrollment_id: int, call, success: str):
    enrollment = selectors.get_enrollment_for_staff(request.user, enrollment_id)
    try:
        call(enrollment)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect("courses:staff_run", run_id=enrollment.run_id)


@staff_required
@require_POST
def staff_enrollment_approve(request, enrollment_id: int):
    return _staff_enrollment_action(
        request,
        enrollment_id,
        lambda e: services.enrollment_approve(enrollment=e, by=request.user),
        _("The application was approved."),
    )


@staff_required
@require_POST
def staff_enrollment_reject(request, enrollment_id: int):
    form = RejectForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _staff_enrollment_action(
        request,
        enrollment_id,
        lambda e: services.enrollment_reject(enrollment=e, by=request.user, note=note),
        _("The application was declined."),
    )


@staff_required
@require_POST
def staff_enrollment_cancel(request, enrollment_id: int):
    return _staff_enrollment_action(
        request,
        enrollment_id,
        lambda e: services.enrollment_cancel(enrollment=e, by=request.user),
        _("The enrollment was cancelled."),
    )


@staff_required
@require_POST
def staff_enrollment_move(request, enrollment_id: int):
    enrollment = selectors.get_enrollment_for_staff(request.user, enrollment_id)
    form = MoveForm(request.POST, targets=selectors.move_targets(enrollment.run))
    if not form.is_valid():
        messages.error(request, _("Choose a run to move this person to."))
        return redirect("courses:staff_run", run_id=enrollment.run_id)
    try:
        moved = services.enrollment_move(
            enrollment=enrollment, to_run=form.cleaned_data["to_run"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("Moved to %(run)s (%(status)s).")
            % {"run": moved.run.display_name, "status": moved.get_status_display()},
        )
    return redirect("courses:staff_run", run_id=enrollment.run_id)
