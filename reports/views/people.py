"""The journey (the trainee's own, or a counselor's look with consent), jobs reported, follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import role_required, staff_required, trainee_required

from .. import selectors, services
from ..forms import EmploymentForm, StaffEmploymentForm
from ..selectors.journey import get_person_for_counselor, journey


@trainee_required
@require_http_methods(["GET"])
def my_journey(request):
    return render(
        request,
        "reports/journey.html",
        {"person": request.user, "journey": journey(request.user), "own": True},
    )


@role_required("counselor")
@require_http_methods(["GET"])
def person_journey(request, person_id: int):
    person = get_person_for_counselor(request.user, person_id)
    return render(
        request,
        "reports/journey.html",
        {"person": person, "journey": journey(person, with_next_steps=False), "own": False},
    )


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(
            "company_brn" if error.code and "brn" in error.code else None, error.messages
        )


@trainee_required
@require_http_methods(["GET", "POST"])
def report_employment(request):
    form = EmploymentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.employment_report(person=request.user, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Thank you. Your new job is on your journey."))
                return redirect("reports:journey")
        status = 400
    return render(
        request, "reports/employment_form.html", {"form": form, "own": True}, status=status
    )


@staff_required
@require_http_methods(["GET", "POST"])
def record_employment(request):
    center = selectors.get_center_for_staff(request.user, request.GET.get("center"))
    form = StaffEmploymentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.employment_record_follow_up(
                    by=request.user, center=center, **form.cleaned_data
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The job is recorded."))
                return redirect(f"{request.path}?center={center.pk}")
        status = 400
    return render(
        request,
        "reports/employment_form.html",
        {"form": form, "own": False, "center": center},
        status=status,
    )


def _link_error(reason: str) -> tuple[int, str]:
    return {
        "invalid": (400, _("This link is not valid. Use the link in the email exactly as it is.")),
        "answered": (409, _("This question is already answered. Nothing was changed.")),
        "expired": (410, _("This link has expired. Nothing was changed.")),
    }[reason]


@require_http_methods(["GET", "POST"])
def follow_up(request, token: str):
    """One-click answer: the link opens a page whose button records the answer (POST).

    Mail scanners open links by themselves; a GET never changes anything.
    """
    try:
        item, still = services.follow_up_from_token(token)
        if request.method == "POST":
            services.follow_up_answer(token=token)
            return render(request, "reports/follow_up.html", {"done": True, "still": still})
    except services.FollowUpLinkError as error:
        status, message = _link_error(error.reason)
        return render(request, "reports/follow_up.html", {"error": message}, status=status)
    return render(request, "reports/follow_up.html", {"item": item, "still": still, "token": token})
