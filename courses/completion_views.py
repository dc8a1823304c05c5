"""Pages for attendance, completion and certificates: staff and instructors, trainees, the public."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimit import is_limited

from .certificate_tasks import evaluate_run_completion, evaluation_pending_key
from .certificates import (
    certificate_by_code,
    certificate_regenerate,
    certificate_revoke,
    certificates_for_user,
    mask_name,
)
from .completion import (
    attendance_record_bulk,
    attendance_summaries,
    certificate_progress,
    completion_set_scores,
    meetings_held,
    roster,
)
from .models import Attendance, Certificate, ClassMeeting, Completion, CourseRun

VERIFY_LIMIT, VERIFY_PERIOD = 30, 60  # lookups per client IP per minute


# ---------------------------------------------------------------------------
# Access helpers: anything a person may not see answers 404.
# ---------------------------------------------------------------------------


def _is_center_staff(user, center_id: int) -> bool:
    return user.is_authenticated and center_id in user.staff_center_ids()


def _can_teach(user, run: CourseRun) -> bool:
    """Center staff of the course's center, or one of the course's instructors."""
    return (
        _is_center_staff(user, run.course.center_id)
        or run.course.instructors.filter(pk=user.pk).exists()
    )


def _runs_for_teacher(user):
    return CourseRun.objects.filter(
        Q(course__center_id__in=user.staff_center_ids()) | Q(course__instructors=user)
    ).distinct()


def _get_run_for_teacher(request, run_id: int) -> CourseRun:
    run = get_object_or_404(CourseRun.objects.select_related("course__center"), pk=run_id)
    if not _can_teach(request.user, run):
        raise Http404
    return run


def _get_run_for_staff(request, run_id: int) -> CourseRun:
    run = get_object_or_404(CourseRun.objects.select_related("course__center"), pk=run_id)
    if not _is_center_staff(request.user, run.course.center_id):
        raise Http404
    return run


def _get_meeting_for_teacher(request, meeting_id: int) -> ClassMeeting:
    meeting = get_object_or_404(
        ClassMeeting.objects.select_related("run__course__center"), pk=meeting_id
    )
    if not _can_teach(request.user, meeting.run):
        raise Http404
    return meeting


def _get_certificate_for_staff(request, certificate_id: int) -> Certificate:
    certificate = get_object_or_404(
        Certificate.objects.select_related("run__course__center"), pk=certificate_id
    )
    if not _is_center_staff(request.user, certificate.run.course.center_id):
        raise Http404
    return certificate


def _get_certificate_for_holder(request, certificate_id: int) -> Certificate:
    """The holder and the center's staff only."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("run__course__center"), pk=certificate_id
    )
    if certificate.user_id != request.user.pk and not _is_center_staff(
        request.user, certificate.run.course.center_id
    ):
        raise Http404
    return certificate


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# ---------------------------------------------------------------------------
# Attendance
# ---------------------------------------------------------------------------


@login_required
@require_GET
def teaching_runs(request):
    """Runs whose attendance and certificates this person manages."""
    runs = _runs_for_teacher(request.user).select_related("course__center").order_by("-starts_on")
    return render(request, "courses/attendance/runs.html", {"runs": runs})


@login_required
@require_GET
def run_attendance(request, run_id: int):
    run = _get_run_for_teacher(request, run_id)
    meetings = list(run.meetings.order_by("starts_at"))
    held = {m.pk for m in meetings_held(run)}
    summaries = attendance_summaries(run)
    recorded = {
        row["meeting_id"]: row["n"]
        for row in Attendance.objects.filter(meeting__run=run, enrollment__in=roster(run))
        .values("meeting_id")
        .annotate(n=Count("pk"))
    }
    rows = [
        {"meeting": m, "held": m.pk in held, "recorded": recorded.get(m.pk, 0)} for m in meetings
    ]
    return render(
        request,
        "courses/attendance/run.html",
        {
            "run": run,
            "course": run.course,
            "meetings": rows,
            "summaries": summaries,
            "roster_size": len(summaries),
            "is_staff": _is_center_staff(request.user, run.course.center_id),
        },
    )


def _sheet_rows(meeting: ClassMeeting):
    records = {a.enrollment_id: a for a in Attendance.objects.filter(meeting=meeting)}
    return [{"enrollment": e, "record": records.get(e.pk)} for e in roster(meeting.run)]


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, meeting_id: int):
    """Bulk entry: one radio row per trainee, saved all at once (or row by row with htmx)."""
    meeting = _get_meeting_for_teacher(request, meeting_id)
    status = 200
    errors: list[str] = []
    if request.method == "POST":
        marks: dict[int, str] = {}
        notes: dict[int, str] = {}
        for key, value in request.POST.items():
            if key.startswith("status-") and value:
                try:
                    marks[int(key.removeprefix("status-"))] = value
                except ValueError:
                    errors.append(
                        _("The form was changed in a way we cannot read. Reload the page.")
                    )
            elif key.startswith("note-"):
                try:
                    notes[int(key.removeprefix("note-"))] = value
                except ValueError:
                    errors.append(
                        _("The form was changed in a way we cannot read. Reload the page.")
                    )
        if not errors and request.POST.get("rest_present"):
            # "Everyone else was present": the common case, so one click fills the unmarked rows.
            for enrollment_id in roster(meeting.run).values_list("pk", flat=True):
                marks.setdefault(enrollment_id, Attendance.Status.PRESENT)
        if not errors:
            try:
                saved = attendance_record_bulk(
                    meeting=meeting, marks=marks, notes=notes, by=request.user
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request, _("Attendance saved for %(count)d trainees.") % {"count": len(saved)}
                )
                return redirect("courses:meeting_attendance", meeting_id=meeting.pk)
        status = 400
    return render(
        request,
        "courses/attendance/sheet.html",
        {
            "meeting": meeting,
            "run": meeting.run,
            "rows": _sheet_rows(meeting),
            "statuses": Attendance.Status.choices,
            "errors": errors,
        },
        status=status,
    )


@login_required
@require_POST
def meeting_attendance_row(request, meeting_id: int, enrollment_id: int):
    """htmx: save one trainee's mark and answer with the updated row (4xx with a message on bad input)."""
    meeting = _get_meeting_for_teacher(request, meeting_id)
    try:
        attendance_record_bulk(
            meeting=meeting,
            marks={enrollment_id: request.POST.get(f"status-{enrollment_id}", "")},
            notes={enrollment_id: request.POST.get(f"note-{enrollment_id}", "")},
            by=request.user,
        )
    except ValidationError as exc:
        return HttpResponse(
            format_html(
                '<p class="alert alert--error" role="alert">{}</p>', " ".join(exc.messages)
            ),
            status=400,
        )
    row = next((r for r in _sheet_rows(meeting) if r["enrollment"].pk == enrollment_id), None)
    return render(
        request,
        "courses/attendance/_row.html",
        {"row": row, "meeting": meeting, "statuses": Attendance.Status.choices, "saved": True},
    )


# ---------------------------------------------------------------------------
# Exports: CSV (UTF-8 with BOM, so Excel reads Korean) and Excel
# ---------------------------------------------------------------------------


def _csv_response(filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_safe(v) for v in row])
    return response


def _csv_safe(value):
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _xlsx_response(filename: str, title: str, header: list[str], rows: list[list]) -> HttpResponse:
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


def _roster_table(run: CourseRun) -> tuple[list[str], list[list]]:
    header = [_("No."), _("Name"), _("Email"), _("Mobile phone"), _("Status"), _("Confirmed at")]
    rows = []
    for number, enrollment in enumerate(roster(run), start=1):
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


def _attendance_table(run: CourseRun) -> tuple[list[str], list[list]]:
    held = meetings_held(run)
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
    for s in attendance_summaries(run):
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


def _export_name(run: CourseRun, what: str, ext: str) -> str:
    return f"run-{run.pk}-{what}-{timezone.localdate():%Y%m%d}.{ext}"


@login_required
@require_GET
def roster_export(request, run_id: int, fmt: str):
    run = _get_run_for_teacher(request, run_id)
    header, rows = _roster_table(run)
    if fmt == "csv":
        return _csv_response(_export_name(run, "roster", "csv"), header, rows)
    return _xlsx_response(_export_name(run, "roster", "xlsx"), _("Roster"), header, rows)


@login_required
@require_GET
def attendance_export(request, run_id: int, fmt: str):
    run = _get_run_for_teacher(request, run_id)
    header, rows = _attendance_table(run)
    if fmt == "csv":
        return _csv_response(_export_name(run, "attendance", "csv"), header, rows)
    return _xlsx_response(_export_name(run, "attendance", "xlsx"), _("Attendance"), header, rows)


# ---------------------------------------------------------------------------
# Completion and certificates (center staff)
# ---------------------------------------------------------------------------


@login_required
@require_GET
def run_certificates(request, run_id: int):
    run = _get_run_for_staff(request, run_id)
    summaries = attendance_summaries(run)
    completions = {c.enrollment_id: c for c in Completion.objects.filter(enrollment__run=run)}
    certificates = {c.enrollment_id: c for c in Certificate.objects.filter(run=run)}
    rows = [
        {
            "summary": s,
            "completion": completions.get(s.enrollment.pk),
            "certificate": certificates.get(s.enrollment.pk),
        }
        for s in summaries
    ]
    return render(
        request,
        "courses/certificates/run.html",
        {
            "run": run,
            "course": run.course,
            "rows": rows,
            "progress": certificate_progress(run),
            "pending": bool(cache.get(evaluation_pending_key(run.pk))),
            "has_ended": run.ends_on <= timezone.localdate(),
        },
    )


@login_required
@require_POST
def run_scores(request, run_id: int):
    run = _get_run_for_staff(request, run_id)
    scores: dict[int, int | None] = {}
    try:
        for key, value in request.POST.items():
            if key.startswith("score-"):
                value = value.strip()
                scores[int(key.removeprefix("score-"))] = int(value) if value else None
        completion_set_scores(run=run, scores=scores)
    except ValueError:
        messages.error(request, _("A score is a whole number from 0 to 100."))
        return redirect("courses:run_certificates", run_id=run.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("courses:run_certificates", run_id=run.pk)
    messages.success(request, _("Scores saved."))
    return redirect("courses:run_certificates", run_id=run.pk)


@login_required
@require_POST
def run_issue_certificates(request, run_id: int):
    """Evaluate completion and issue the run's certificates in the background; the page shows progress."""
    run = _get_run_for_staff(request, run_id)
    if run.status == CourseRun.Status.CANCELLED:
        messages.error(request, _("This run was cancelled; there is nothing to evaluate."))
    elif run.ends_on > timezone.localdate():
        messages.error(request, _("Completion is evaluated once the run has ended."))
    elif not meetings_held(run):
        messages.error(
            request,
            _("No class meetings have been held in this run, so attendance cannot be evaluated."),
        )
    else:
        cache.set(evaluation_pending_key(run.pk), True, timeout=600)
        evaluate_run_completion.delay(run.pk, request.user.pk)
        messages.success(request, _("Completion is being evaluated and certificates issued."))
    return redirect("courses:run_certificates", run_id=run.pk)


@login_required
@require_GET
def run_certificates_progress(request, run_id: int):
    """htmx fragment: polls itself until every certificate's PDF is ready."""
    run = _get_run_for_staff(request, run_id)
    return render(
        request,
        "courses/certificates/_progress.html",
        {
            "run": run,
            "progress": certificate_progress(run),
            "pending": bool(cache.get(evaluation_pending_key(run.pk))),
        },
    )


@login_required
@require_POST
def certificate_regenerate_view(request, certificate_id: int):
    certificate = _get_certificate_for_staff(request, certificate_id)
    try:
        certificate_regenerate(certificate=certificate)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The certificate %(serial)s is being generated again.")
            % {"serial": certificate.serial},
        )
    return redirect("courses:run_certificates", run_id=certificate.run_id)


@login_required
@require_POST
def certificate_revoke_view(request, certificate_id: int):
    certificate = _get_certificate_for_staff(request, certificate_id)
    try:
        certificate_revoke(
            certificate=certificate, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("courses:run_certificates", run_id=certificate.run_id)
    messages.success(
        request, _("The certificate %(serial)s was revoked.") % {"serial": certificate.serial}
    )
    return redirect("courses:run_certificates", run_id=certificate.run_id)


# ---------------------------------------------------------------------------
# Trainees: their own certificates
# ---------------------------------------------------------------------------


@login_required
@require_GET
def my_certificates(request):
    return render(
        request,
        "courses/certificates/mine.html",
        {"certificates": certificates_for_user(request.user)},
    )


@login_required
@require_GET
def certificate_download(request, certificate_id: int):
    certificate = _get_certificate_for_holder(request, certificate_id)
    if certificate.is_revoked:
        return render(
            request,
            "courses/certificates/unavailable.html",
            {"certificate": certificate},
            status=410,
        )
    if not certificate.pdf:
        from .certificate_tasks import generate_certificate_pdf

        generate_certificate_pdf.delay(certificate.pk)
        return render(
            request,
            "courses/certificates/unavailable.html",
            {"certificate": certificate},
            status=409,
        )
    response = FileResponse(
        certificate.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=request.GET.get("inline") != "1",
        filename=f"certificate-{certificate.serial}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# ---------------------------------------------------------------------------
# Public verification
# ---------------------------------------------------------------------------


@require_GET
def verify(request, code: str):
    """Anyone with the QR code can check a certificate; limited per IP so codes cannot be guessed."""
    if is_limited(request, "certificate-verify", limit=VERIFY_LIMIT, period=VERIFY_PERIOD):
        response = render(
            request, "courses/certificates/verify.html", {"limited": True}, status=429
        )
        response["Retry-After"] = str(VERIFY_PERIOD)
    else:
        certificate = certificate_by_code(code)
        context = {"certificate": certificate}
        if certificate is not None:
            context["masked_name"] = mask_name(certificate.holder_name)
            context["center"] = certificate.run.course.center
        response = render(
            request, "courses/certificates/verify.html", context, status=200 if certificate else 404
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
