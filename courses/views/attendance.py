"""Attendance pages (출결) for the people who teach a run: the center's staff and the
course's instructors (any signed-in person the course lists; others get 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..forms import AttendanceSheetForm
from ..models import Attendance
from .exports import attendance_table, csv_response, export_name, roster_table, xlsx_response


@login_required
@require_GET
def teaching_runs(request):
    """Runs whose attendance and certificates this person manages."""
    runs = (
        selectors.runs_for_teacher(request.user)
        .select_related("course__center")
        .order_by("-starts_on")
    )
    return render(request, "courses/attendance/runs.html", {"runs": runs})


@login_required
@require_GET
def run_attendance(request, run_id: int):
    run = selectors.get_run_for_teacher(request.user, run_id)
    summaries = selectors.attendance_summaries(run)
    return render(
        request,
        "courses/attendance/run.html",
        {
            "run": run,
            "course": run.course,
            "meetings": selectors.meeting_rows(run),
            "summaries": summaries,
            "roster_size": len(summaries),
            "is_staff": run.course.center_id in request.user.staff_center_ids(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, meeting_id: int):
    """Bulk entry: one radio row per trainee, saved all at once (or row by row with htmx)."""
    meeting = selectors.get_meeting_for_teacher(request.user, meeting_id)
    errors: list[str] = []
    if request.method == "POST":
        form = AttendanceSheetForm(request.POST)
        if form.is_valid():
            try:
                saved = services.attendance_record_meeting(
                    meeting=meeting,
                    marks=form.cleaned_data["marks"],
                    notes=form.cleaned_data["notes"],
                    rest_present=form.cleaned_data["rest_present"],
                    by=request.user,
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request, _("Attendance saved for %(count)d trainees.") % {"count": len(saved)}
                )
                return redirect("courses:meeting_attendance", meeting_id=meeting.pk)
        else:
            errors = list(form.non_field_errors())
    return render(
        request,
        "courses/attendance/sheet.html",
        {
            "meeting": meeting,
            "run": meeting.run,
            "rows": selectors.attendance_sheet(meeting),
            "statuses": Attendance.Status.choices,
            "errors": errors,
            "history": selectors.meeting_history(meeting),
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def meeting_attendance_row(request, meeting_id: int, enrollment_id: int):
    """htmx: save one trainee's mark and answer with the updated row (4xx with a message on bad input)."""
    meeting = selectors.get_meeting_for_teacher(request.user, meeting_id)
    form = AttendanceSheetForm(request.POST)
    errors: list[str] = list(form.non_field_errors()) if not form.is_valid() else []
    if not errors:
        try:
            services.attendance_record_bulk(
                meeting=meeting,
                marks={enrollment_id: form.cleaned_data["marks"].get(enrollment_id, "")},
                notes={enrollment_id: form.cleaned_data["notes"].get(enrollment_id, "")},
                by=request.user,
            )
        except ValidationError as exc:
            errors = exc.messages
    if errors:
        return HttpResponse(
            format_html('<p class="alert alert--error" role="alert">{}</p>', " ".join(errors)),
            status=400,
        )
    row = next(
        (r for r in selectors.attendance_sheet(meeting) if r["enrollment"].pk == enrollment_id),
        None,
    )
    return render(
        request,
        "courses/attendance/_row.html",
        {"row": row, "meeting": meeting, "statuses": Attendance.Status.choices, "saved": True},
    )


def _export(request, run_id: int, fmt: str, what: str, title: str, table):
    run = selectors.get_run_for_teacher(request.user, run_id)
    header, rows = table(run)
    if fmt == "csv":
        return csv_response(export_name(run, what, "csv"), header, rows)
    return xlsx_response(export_name(run, what, "xlsx"), title, header, rows)


@login_required
@require_GET
def roster_export(request, run_id: int, fmt: str):
    return _export(request, run_id, fmt, "roster", _("Roster"), roster_table)


@login_required
@require_GET
def attendance_export(request, run_id: int, fmt: str):
    return _export(request, run_id, fmt, "attendance", _("Attendance"), attendance_table)
