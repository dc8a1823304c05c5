"""Center staff: create and run fairs, pick the companies, run the draw, watch the analytics, export."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Center, Company
from accounts.selectors import companies_verified_by
from core.http import parse_id
from core.permissions import staff_required

from .. import reports, selectors, services
from ..forms import DrawForm, FairForm, InviteForm
from ..models import Booth, Draw, Fair
from ..services.fairs import TRANSITIONS
from ._common import act, refusal


@staff_required
@require_GET
def staff_fairs(request):
    return render(
        request, "fairs/staff_list.html", {"fairs": selectors.fairs_for_staff(request.user)}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def staff_fair_form(request, fair_id: int | None = None):
    fair = selectors.get_fair_for_staff(request.user, fair_id) if fair_id else None
    form = FairForm(request.POST or None, instance=fair)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in form.Meta.fields}
            try:
                if fair is None:
                    center = Center.objects.get(pk=request.user.staff_center_ids()[0])
                    fair = services.fair_create(center=center, by=request.user, data=data)
                else:
                    fair = services.fair_update(fair=fair, by=request.user, data=data)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, msgs in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, msgs)
                else:
                    form.add_error(None, error)
                status = 400
            else:
                return redirect("fairs:staff_fair", fair_id=fair.pk)
        else:
            status = 400
    return render(
        request, "fairs/staff_fair_form.html", {"form": form, "fair": fair}, status=status
    )


@staff_required
@require_GET
def staff_fair(request, fair_id: int):
    fair = selectors.get_fair_for_staff(request.user, fair_id)
    report = selectors.fair_report(fair)
    booths = (
        Booth.objects.filter(fair=fair)
        .select_related("company")
        .order_by("status", "company__name")
    )
    invitable = companies_verified_by(fair.center).exclude(
        pk__in=booths.values_list("company_id", flat=True)
    )
    return render(
        request,
        "fairs/staff_fair.html",
        {
            "fair": fair,
            "report": report,
            "summary": reports.summary_rows(report),
            "charts": reports.charts_for(report),
            "booths": booths,
            "invite_form": InviteForm(companies=invitable),
            "draw_form": DrawForm(),
            "draw": Draw.objects.filter(fair=fair).first(),
            "transitions": [Fair.Status(s) for s in TRANSITIONS[Fair.Status(fair.status)]],
        },
    )


@staff_required
@require_POST
def staff_fair_status(request, fair_id: int):
    fair = selectors.get_fair_for_staff(request.user, fair_id)
    back = reverse("fairs:staff_fair", args=[fair.pk])
    return act(
        request,
        lambda: services.fair_set_status(
            fair=fair, status=request.POST.get("status", ""), by=request.user
        ),
        done=back,
        back=back,
    )


@staff_required
@require_POST
def staff_invite(request, fair_id: int):
    fair = selectors.get_fair_for_staff(request.user, fair_id)
    back = reverse("fairs:staff_fair", args=[fair.pk])
    raw = request.POST.get("company", "")
    company = Company.objects.filter(pk=parse_id(raw) or 0).first()
    if company is None:
        return refusal(request, ValidationError(_("Choose a company.")), back)
    return act(
        request,
        lambda: services.booth_invite(fair=fair, company=company, by=request.user),
        done=back,
        back=back,
        success=_("Invitation sent."),
    )


@staff_required
@require_POST
def staff_booth_decide(request, booth_id: int):
    booth = selectors.get_booth_for_staff(request.user, booth_id)
    back = reverse("fairs:staff_fair", args=[booth.fair_id])
    return act(
        request,
        lambda: services.booth_decide(
            booth=booth, approve=request.POST.get("approve") == "1", by=request.user
        ),
        done=back,
        back=back,
    )


@staff_required
@require_POST
def staff_draw(request, fair_id: int):
    fair = selectors.get_fair_for_staff(request.user, fair_id)
    back = reverse("fairs:staff_fair", args=[fair.pk])
    form = DrawForm(request.POST)
    seed = form.cleaned_data.get("seed") if form.is_valid() else None
    return act(
        request,
        lambda: services.draw_run(fair=fair, by=request.user, seed=seed or None),
        done=back,
        back=back,
        success=_("The draw has run. Its seed and result are logged below."),
    )


@staff_required
@require_GET
def staff_export(request, fair_id: int, fmt: str):
    fair = selectors.get_fair_for_staff(request.user, fair_id)
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404
    name = f"fair-{fair.pk}-report"
    if fmt == "csv":
        response = HttpResponse(reports.report_csv(fair), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    elif fmt == "xlsx":
        response = HttpResponse(
            reports.report_xlsx(fair),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = HttpResponse(reports.report_pdf(fair), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
