"""Employment rate exclusions: center staff record, list and remove them (audit-logged)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import staff_required

from .. import selectors, services
from ..forms import RateExclusionForm, RateExclusionRemoveForm
from ..selectors.exclusions import center_exclusions, excludable_completers, get_exclusion_for_staff
from .staff import _bad_period


@staff_required
@require_http_methods(["GET", "POST"])
def exclusions(request):
    center = selectors.get_center_for_staff(request.user, request.GET.get("center"))
    try:
        period = selectors.parse_period(request.GET)
    except ValidationError as error:
        return _bad_period(request, error)
    query = {"center": center.pk, **period.as_query()}
    form = RateExclusionForm(request.POST or None, completers=excludable_completers(center, period))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rate_exclusion_record(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The completer is left out of the employment rate."))
                return redirect(f"{request.path}?{urlencode(query)}")
        status = 400
    return render(
        request,
        "reports/exclusions.html",
        {
            "center": center,
            "centers": selectors.centers_for_staff(request.user),
            "period": period,
            "query": query,
            "exclusions": center_exclusions(center, period),
            "form": form,
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def exclusion_remove(request, exclusion_id: int):
    exclusion = get_exclusion_for_staff(request.user, exclusion_id)
    form = RateExclusionRemoveForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.rate_exclusion_remove(
                exclusion=exclusion, why=form.cleaned_data["why"], by=request.user
            )
            messages.success(request, _("The completer is counted in the employment rate again."))
            center = exclusion.enrollment.run.course.center_id
            return redirect(f"{reverse('reports:exclusions')}?center={center}")
        status = 400
    return render(
        request,
        "reports/exclusion_remove.html",
        {"exclusion": exclusion, "form": form},
        status=status,
    )
