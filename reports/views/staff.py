"""The outcomes dashboard, its drill-down lists and its files, for center staff."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.pdf import render_pdf
from core.permissions import staff_required

from .. import figures, selectors
from ..charts import charts_for


def _scope(request):
    """The center (404 unless the person is its staff) and the period (400 when invalid)."""
    center = selectors.get_center_for_staff(request.user, request.GET.get("center"))
    period = selectors.parse_period(request.GET)
    return center, period


def _bad_period(request, error: ValidationError):
    return render(
        request,
        "reports/bad_period.html",
        {"errors": [m for msgs in error.message_dict.values() for m in msgs]},
        status=400,
    )


def _data(center, period):
    report = selectors.outcomes(center, period)
    previous = selectors.outcomes(center, period.previous_year())
    return report, previous, report["runs"]


@staff_required
@require_GET
def dashboard(request):
    center = selectors.get_center_for_staff(request.user, request.GET.get("center"))
    try:
        period = selectors.parse_period(request.GET)
    except ValidationError as error:
        return _bad_period(request, error)
    report, previous, runs = _data(center, period)
    query = {"center": center.pk, **period.as_query()}
    header, course_rows = figures.course_table(report)
    run_header, run_rows = figures.run_table(runs)
    return render(
        request,
        "reports/dashboard.html",
        {
            "center": center,
            "centers": selectors.centers_for_staff(request.user),
            "period": period,
            "previous_period": period.previous_year(),
            "query": query,
            "sections": figures.sections(report, previous),
            "charts": charts_for(report, previous, runs),
            "course_header": header,
            "course_rows": zip(report["courses"], course_rows, strict=True),
            "run_header": run_header,
            "run_rows": zip(runs, run_rows, strict=True),
        },
    )


@staff_required
@require_GET
def drill(request, metric: str):
    if metric not in selectors.METRICS:
        raise Http404
    center = selectors.get_center_for_staff(request.user, request.GET.get("center"))
    try:
        period = selectors.parse_period(request.GET)
    except ValidationError as error:
        return _bad_period(request, error)
    result = selectors.drill(center, period, metric, request.GET)
    return render(
        request,
        "reports/drill.html",
        {
            "center": center,
            "period": period,
            "drill": result,
            "query": {"center": center.pk, **period.as_query()},
        },
    )


@staff_required
@require_GET
def export(request, fmt: str):
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404
    center = selectors.get_center_for_staff(request.user, request.GET.get("center"))
    try:
        period = selectors.parse_period(request.GET)
    except ValidationError as error:
        return _bad_period(request, error)
    name = f"outcomes-{center.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if fmt == "csv":
        report = selectors.outcomes(center, period)
        body = figures.report_csv(report, report["runs"])
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        report = selectors.outcomes(center, period)
        body = figures.report_xlsx(report, report["runs"])
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        report, previous, runs = _data(center, period)
        (header, rows), (run_header, run_rows) = figures.exported_tables(report, runs)
        body = render_pdf(
            "reports/outcomes_pdf.html",
            {
                "center": center,
                "period": period,
                "sections": figures.sections(report, previous),
                "charts": charts_for(report, previous, runs),
                "course_header": header,
                "course_rows": rows,
                "run_header": run_header,
                "run_rows": run_rows,
                "note": figures.suppression_note(),
                "generated_at": timezone.localtime(),
            },
        )
        response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
