"""The counselor's own hours: weekly hours, daily cap, and time off or extra hours on dates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import counselor_required

from .. import selectors, services
from ..forms import CounselorSettingsForm, ExceptionForm, WeeklyFormSet
from .common import error_text


@counselor_required
def availability(request):
    """Weekly hours, daily cap and date exceptions of the signed-in counselor."""
    user = request.user
    data = request.POST if request.method == "POST" else None
    weekly_qs = selectors.weekly_hours(user)
    saving_hours = data is not None and "save_hours" in data
    adding_exception = data is not None and "add_exception" in data
    formset = WeeklyFormSet(data if saving_hours else None, queryset=weekly_qs, prefix="weekly")
    settings_form = CounselorSettingsForm(
        data if saving_hours else None,
        instance=selectors.counselor_settings(user),
        prefix="settings",
    )
    exception_form = ExceptionForm(data if adding_exception else None, prefix="exception")
    status = 200
    if saving_hours:
        if formset.is_valid() and settings_form.is_valid():
            # Unsaved rows: the service saves them, under the counselor's lock.
            weekly = formset.save(commit=False)
            if _saved(
                request,
                _("Your hours were saved."),
                counselor=user,
                by=user,
                daily_cap=settings_form.cleaned_data["daily_cap"],
                bio=settings_form.cleaned_data["bio"],
                weekly=weekly,
                weekly_removed=formset.deleted_objects,
            ):
                return redirect("consulting:availability")
        status = 400
    elif adding_exception:
        if exception_form.is_valid() and _saved(
            request,
            _("Saved."),
            counselor=user,
            by=user,
            exceptions=[exception_form.save(commit=False)],
        ):
            return redirect("consulting:availability")
        status = 400
    return render(
        request,
        "consulting/availability.html",
        {
            "formset": formset,
            "settings_form": settings_form,
            "exception_form": exception_form,
            "exceptions": selectors.upcoming_exceptions(user),
        },
        status=status,
    )


def _saved(request, success: str, **change) -> bool:
    """Apply one change to the counselor's hours; say how it went."""
    try:
        services.availability_update(**change)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return False
    messages.success(request, success)
    return True


@require_POST
@counselor_required
def availability_exception_delete(request, exception_id: int):
    exception = selectors.get_exception_for_counselor(request.user, exception_id)
    _saved(
        request,
        _("Removed."),
        counselor=request.user,
        by=request.user,
        exceptions_removed=[exception],
    )
    return redirect("consulting:availability")
