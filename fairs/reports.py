"""The post-fair report as CSV, Excel and PDF, and the bar charts of the staff page.

Every figure comes from ``selectors.fair_report``, the same function behind the
API's ``/fairs/{id}/report/``, so the files and the API never disagree.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from core.pdf import render_pdf

from .models import Conversation, Fair
from .selectors import booth_table, fair_report

CHART_WIDTH = 560
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 170


@dataclass
class Bar:
    label: str
    value: float
    y: int
    width: int
    text_x: int


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    height: int
    unit: str = ""


def bar_chart(title: str, items: list[tuple[str, float | None]], unit: str = "") -> Chart:
    """Horizontal bars laid out for an inline SVG (no script, no CDN)."""
    values = [v or 0 for _label, v in items]
    top = max(values, default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    bars = []
    for i, (label, value) in enumerate(items):
        width = round((value or 0) / top * span)
        bars.append(
            Bar(
                label=label[:14],
                value=value or 0,
                y=i * (BAR_HEIGHT + BAR_GAP),
                width=max(width, 1 if value else 0),
                text_x=LABEL_WIDTH + max(width, 0) + 6,
            )
        )
    return Chart(
        title=title, bars=bars, height=max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP), unit=unit
    )


def charts_for(report: dict) -> list[Chart]:
    rows = report["booths"]
    steps = report["totals"]["next_steps"]
    return [
        bar_chart(_("Queue joins per booth"), [(r["company"], r["queue_joins"]) for r in rows]),
        bar_chart(
            _("Median wait per booth (minutes)"),
            [(r["company"], r["wait_median_minutes"]) for r in rows],
            unit=_("min"),
        ),
        bar_chart(_("Conversations per booth"), [(r["company"], r["conversations"]) for r in rows]),
        bar_chart(
            pgettext("fair report", "Next steps"),
            [(str(Conversation.NextStep(s).label), n) for s, n in steps.items()],
        ),
    ]


def summary_rows(report: dict) -> list[tuple[str, object]]:
    """The fair-wide figures as (label, value), in the order every format shows them."""
    t = report["totals"]
    dash = "–"
    return [
        (_("Registrations"), t["registrations"]),
        (_("Lobby visits"), t["lobby_visits"]),
        (_("Booth visits"), t["booth_visits"]),
        (_("Queue joins"), t["queue_joins"]),
        (
            _("Median wait (min)"),
            t["wait_median_minutes"] if t["wait_median_minutes"] is not None else dash,
        ),
        (
            _("90th percentile wait (min)"),
            t["wait_p90_minutes"] if t["wait_p90_minutes"] is not None else dash,
        ),
        (_("Conversations"), t["conversations"]),
        (
            _("Median conversation (min)"),
            t["conversation_median_minutes"]
            if t["conversation_median_minutes"] is not None
            else dash,
        ),
        (_("Interviews booked"), t["interviews_booked"]),
        (_("Interviews held"), t["interviews_held"]),
        (_("No-shows"), t["interviews_no_show"]),
        (_("Applications"), t["applications"]),
        (_("Hires"), t["hires"]),
    ] + [(str(Conversation.NextStep(s).label), n) for s, n in t["next_steps"].items()]


def report_csv(fair: Fair) -> str:
    report = fair_report(fair)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([fair.display_title])
    for label, value in summary_rows(report):
        writer.writerow([label, value])
    writer.writerow([])
    header, rows = booth_table(report)
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()  # a BOM so Excel opens Korean CSV as UTF-8


def report_xlsx(fair: Fair) -> bytes:
    report = fair_report(fair)
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    summary.append([fair.display_title])
    summary["A1"].font = Font(bold=True)
    for label, value in summary_rows(report):
        summary.append([label, value])
    sheet = book.create_sheet(_("Booths")[:31])
    header, rows = booth_table(report)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(fair: Fair) -> bytes:
    report = fair_report(fair)
    header, rows = booth_table(report)
    return render_pdf(
        "fairs/report_pdf.html",
        {
            "fair": fair,
            "summary": summary_rows(report),
            "header": header,
            "rows": rows,
            "charts": charts_for(report),
            "generated_at": timezone.localtime(),
        },
    )
