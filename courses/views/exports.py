"""Roster and attendance downloads: CSV (UTF-8 with a BOM, so Excel reads Korean) and Excel."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors
from ..models import Attendance, CourseRun


def _csv_safe(value):
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_safe(v) for v in row])
    return response


def xlsx_response(filename: str, title: str, header: list[str], rows: list[list]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_csv_safe(v) if isinstance(v, str) else v for v in row])
    sheet.freeze_panes = "B2"
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(10, width * 2), 40)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def roster_table(run: CourseRun) -> tuple[list[str], list[list]]:
    header = [_("No."), _("Name"), _("Email"), _("Mobile phone"), _("Status"), _("Confirmed at")]
    rows = []
    for number, enrollment in enumerate(selectors.roster(run), start=1):
        confirmed = enrollment.confirmed_at and timezone.localtime(
            enrollment.confirmed_at
        ).strftime("%Y-%m-%d %H:%M")
        rows.append(
            [
                number,
                enrollment.user.name,
                enrollment.user.email,
                enrollment.user.phone,
                enrollment.get_status_display(),
                confirmed or "",
            ]
        )
    return header, rows


def attendance_table(run: CourseRun) -> tuple[list[str], list[list]]:
    held = selectors.meetings_held(run)
    labels = dict(Attendance.Status.choices)
    header = [_("Name"), _("Email")]
    header += [timezone.localtime(m.starts_at).strftime("%m/%d %H:%M") for m in held]
    header += [
        _("Present"),
        _("Late"),
        _("Left early"),
        _("Absent"),
        _("Attendance rate (%)"),
        _("Hours attended"),
    ]
    rows = []
    for s in selectors.attendance_summaries(run):
        row = [s.enrollment.user.name, s.enrollment.user.email]
        row += [str(labels.get(s.by_meeting.get(m.pk), "")) for m in held]
        row += [
            s.present,
            s.late,
            s.early_leave,
            s.absent,
            float(s.rate) if s.rate is not None else "",
            float(s.hours),
        ]
        rows.append(row)
    return header, rows


def export_name(run: CourseRun, what: str, ext: str) -> str:
    return f"run-{run.pk}-{what}-{timezone.localdate():%Y%m%d}.{ext}"
