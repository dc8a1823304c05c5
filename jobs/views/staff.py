"""Center staff's job pages: their centers' review queue and one posting's review (approve or return)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.selectors import company_verified_at
from core.permissions import staff_required

from .. import selectors, services
from ..forms import ReturnForm
from ._common import show_errors


@staff_required
def staff_review(request):
    return render(
        request,
        "jobs/staff/review.html",
        {
            "postings": selectors.postings_for_review(request.user),
            "recent": selectors.recently_reviewed(request.user),
        },
    )


@staff_required
def staff_posting(request, pk: int):
    posting = selectors.get_posting_for_staff(request.user, pk)
    form = ReturnForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                services.posting_approve(posting=posting, by=request.user)
                messages.success(request, _("The posting is published."))
                return redirect("jobs:staff_review")
            if form.is_valid():
                services.posting_return(
                    posting=posting, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The posting was returned to the company."))
                return redirect("jobs:staff_review")
        except ValidationError as exc:
            show_errors(request, exc)
    return render(
        request,
        "jobs/staff/posting.html",
        {
            "posting": posting,
            "form": form,
            "center_verified": company_verified_at(posting.company, posting.center),
            "applications": selectors.applications_for_posting(posting),
        },
    )
