"""The dashboard's figures as labelled rows, shared by the page, CSV, Excel and the PDF.

Every value comes from ``selectors.outcomes`` / ``selectors.run_rates``; exports suppress
counts under 3 (and rates built on them) so an aggregate never points at a person.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from consulting.models import ConsultationType, Outcome

SUPPRESS_BELOW = 3
SUPPRESSED = "<3"
DASH = "–"


@dataclass
class Figure:
    key: str
    label: str
    value: float | int | None
    kind: str = "count"  # count | rate | days
    metric: str = ""  # drill-down metric
    params: dict = field(default_factory=dict)
    parts: tuple[int, ...] = ()  # the counts a rate is built on
    previous: float | int | None = None
    previous_parts: tuple[int, ...] = ()

    def shown(self) -> str:
        if self.value is None:
            return DASH
        if self.kind == "rate":
            return f"{self.value:.1f}%"
        if self.kind == "days":
            return f"{self.value:.1f}"
        return f"{self.value:,}"

    def exported_previous(self):
        """The year-before value for files: counts 1–2 suppressed, rates with their sign."""
        if self.previous is None:
            return DASH
        if self.kind == "count" and 0 < self.previous < SUPPRESS_BELOW:
            return SUPPRESSED
        if self.kind in ("rate", "days") and any(
            0 < p < SUPPRESS_BELOW for p in self.previous_parts
        ):
            return SUPPRESSED
        if self.kind == "rate":
            return f"{self.previous:.1f}%"
        return self.previous

    def exported(self):
        """The value for files: counts 1–2 and rates on them suppressed."""
        if self.kind == "count" and isinstance(self.value, int) and 0 < self.value < SUPPRESS_BELOW:
            return SUPPRESSED
        if self.kind in ("rate", "days") and any(0 < p < SUPPRESS_BELOW for p in self.parts):
            return SUPPRESSED
        return DASH if self.value is None else self.value


@dataclass
class Section:
    title: str
    figures: list[Figure]


def sections(report: dict, previous: dict | None = None) -> list[Section]:
    t, c, f, j, e = (
        report["training"],
        report["consulting"],
        report["fairs"],
        report["jobs"],
        report["employment"],
    )
    r6, r12 = e["retention"]["6m"], e["retention"]["12m"]
    result = [
        Section(
            _("Training"),
            [
                Figure("runs", _("Course runs ended"), t["runs"], metric="runs"),
                Figure(
                    "enrolled", pgettext("outcomes", "Enrolled"), t["enrolled"], metric="enrolled"
                ),
                Figure(
                    "completed",
                    pgettext("outcomes", "Completed"),
                    t["completed"],
                    metric="completed",
                ),
                Figure(
                    "completion_rate",
                    _("Completion rate"),
                    t["completion_rate"],
                    "rate",
                    metric="completed",
                    parts=(t["completed"], t["enrolled"]),
                ),
                Figure("dropouts", _("Dropouts"), t["dropouts"], metric="dropouts"),
                Figure(
                    "not_completed", _("Not completed"), t["not_completed"], metric="not_completed"
                ),
                Figure(
                    "attendance_rate",
                    _("Average attendance"),
                    t["attendance_rate"],
                    "rate",
                    metric="enrolled",
                    parts=(t["completed"] + t["not_completed"],),
                ),
                Figure(
                    "certificates",
                    _("Certificates issued"),
                    t["certificates"],
                    metric="certificates",
                ),
            ],
        ),
        Section(
            _("Employment of completers"),
            [
                Figure("completers", _("Completers"), e["completers"], metric="completers"),
                Figure("excluded", _("Excluded from the rate"), e["excluded"], metric="excluded"),
                Figure(
                    "employed", _("Employed within six months"), e["employed"], metric="employed"
                ),
                Figure(
                    "employment_rate",
                    _("Employment rate"),
                    e["employment_rate"],
                    "rate",
                    metric="employed",
                    parts=(e["employed"], e["completers"] - e["excluded"]),
                ),
                Figure(
                    "retention_6m",
                    _("Still employed after 6 months"),
                    r6["rate"],
                    "rate",
                    parts=(r6["retained"], r6["answered"]),
                ),
                Figure(
                    "retention_12m",
                    _("Still employed after 12 months"),
                    r12["rate"],
                    "rate",
                    parts=(r12["retained"], r12["answered"]),
                ),
            ],
        ),
        Section(
            _("Consulting"),
            [
                Figure(
                    "consultations",
                    _("Consultations held"),
                    c["consultations"],
                    metric="consultations",
                )
            ]
            + [
                Figure(
                    f"category_{key}",
                    str(ConsultationType.Category(key).label),
                    n,
                    metric="consultations",
                    params={"category": key},
                )
                for key, n in c["by_category"].items()
            ],
        ),
        Section(
            _("Consultation outcomes"),
            [
                Figure(
                    f"outcome_{key}",
                    str(Outcome(key).label),
                    n,
                    metric="consultations",
                    params={"outcome": key},
                )
                for key, n in c["outcomes"].items()
            ],
        ),
        Section(
            _("Job fairs"),
            [
                Figure("fairs", _("Fairs held"), f["fairs"], metric="fairs"),
                Figure("booths", _("Booths"), f["booths"], metric="booths"),
                Figure(
                    "fair_registrations",
                    _("Fair registrations"),
                    f["registrations"],
                    metric="fair_registrations",
                ),
                Figure(
                    "conversations",
                    _("Booth conversations"),
                    f["conversations"],
                    metric="conversations",
                ),
                Figure(
                    "fair_interviews",
                    _("Fair interviews booked"),
                    f["interviews_booked"],
                    metric="fair_interviews",
                ),
                Figure(
                    "fair_interviews_held",
                    _("Fair interviews held"),
                    f["interviews_held"],
                    metric="fair_interviews_held",
                ),
            ],
        ),
        Section(
            pgettext("reports", "Hiring"),
            [
                Figure("applications", _("Applications"), j["applications"], metric="applications"),
                Figure("interviews", _("Interviews"), j["interviews"], metric="interviews"),
                Figure("offers", _("Offers made"), j["offers"], metric="offers"),
                Figure(
                    "offers_accepted",
                    _("Offers accepted"),
                    j["offers_accepted"],
                    metric="offers_accepted",
                ),
                Figure("hires", _("Hires"), j["hires"], metric="hires"),
                Figure(
                    "time_to_hire",
                    _("Days from application to hire"),
                    j["time_to_hire_days"],
                    "days",
                    metric="hires",
                    parts=(j["hires"],),
                ),
            ],
        ),
    ]
    if previous is not None:
        before = {fig.key: fig for s in sections(previous) for fig in s.figures}
        for section in result:
            for fig in section.figures:
                if fig.key in before:
                    fig.previous = before[fig.key].value
                    fig.previous_parts = before[fig.key].parts
    return result


def course_table(report: dict) -> tuple[list[str], list[list]]:
    header = [
        _("Course"),
        _("Runs"),
        _("Enrolled"),
        pgettext("outcomes", "Completed"),
        _("Completion rate"),
        _("Employed"),
        _("Employment rate"),
    ]
    en = get_language() == "en"
    rows = [
        [
            c["title_en"] if en else c["title"],
            c["runs"],
            c["enrolled"],
            c["completed"],
            c["completion_rate"],
            c["employed"],
            c["employment_rate"],
        ]
        for c in report["courses"]
    ]
    return header, rows


def run_table(runs: list[dict]) -> tuple[list[str], list[list]]:
    header = [
        _("Course"),
        _("Run"),
        _("Ended"),
        _("Completers"),
        _("Excluded"),
        _("Employed"),
        _("Employment rate"),
        _("Final"),
    ]
    en = get_language() == "en"
    rows = [
        [
            r["course_en"] if en else r["course"],
            r["run"],
            r["ends_on"],
            r["completers"],
            r["excluded"],
            r["employed"],
            r["employment_rate"],
            _("yes") if r["final"] else _("not yet"),
        ]
        for r in runs
    ]
    return header, rows


def _suppress_row(row: list, counts: tuple[int, ...], rates: dict[int, tuple[int, int]]) -> list:
    out = list(row)
    for i in counts:
        if isinstance(out[i], int) and 0 < out[i] < SUPPRESS_BELOW:
            out[i] = SUPPRESSED
    for i, (a, b) in rates.items():
        if any(isinstance(row[k], int) and 0 < row[k] < SUPPRESS_BELOW for k in (a, b)):
            out[i] = SUPPRESSED
        elif out[i] is None:
            out[i] = DASH
    return out


def exported_tables(report: dict, runs: list[dict]):
    header, rows = course_table(report)
    courses = [_suppress_row(r, (1, 2, 3, 5), {4: (3, 2), 6: (5, 3)}) for r in rows]
    run_header, run_rows = run_table(runs)
    runs_out = [_suppress_row(r, (3, 4, 5), {6: (5, 3)}) for r in run_rows]
    return (header, courses), (run_header, runs_out)


def _title(report: dict) -> list[str]:
    center = report["center"]
    name = center["name_en"] if get_language() == "en" and center["name_en"] else center["name"]
    return [name, f"{report['period']['from']} – {report['period']['to']}"]


def suppression_note() -> str:
    return _("Counts of 1 or 2 (and rates built on them) are shown as <3 in exported files.")


def report_csv(report: dict, runs: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_title(report))
    writer.writerow([suppression_note()])
    for section in sections(report):
        writer.writerow([])
        writer.writerow([section.title])
        for fig in section.figures:
            writer.writerow([fig.label, fig.exported()])
    (header, rows), (run_header, run_rows) = exported_tables(report, runs)
    writer.writerow([])
    writer.writerow(header)
    writer.writerows(rows)
    writer.writerow([])
    writer.writerow(run_header)
    writer.writerows(run_rows)
    return "\ufeff" + out.getvalue()  # a BOM so Excel opens Korean CSV as UTF-8


def report_xlsx(report: dict, runs: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")[:31]
    sheet.append(_title(report))
    sheet["A1"].font = Font(bold=True)
    sheet.append([suppression_note()])
    for section in sections(report):
        sheet.append([])
        sheet.append([section.title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for fig in section.figures:
            sheet.append([fig.label, fig.exported()])
    (header, rows), (run_header, run_rows) = exported_tables(report, runs)
    for title, head, body in (
        (_("Courses"), header, rows),
        (_("Course runs"), run_header, run_rows),
    ):
        ws = book.create_sheet(title[:31])
        ws.append(head)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in body:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def generated_at():
    return timezone.localtime()
