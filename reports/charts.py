"""Bar charts of the dashboard and the PDF as inline SVG (no script, no CDN)."""

from __future__ import annotations

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from fairs.reports import Chart, bar_chart


def charts_for(report: dict, previous: dict, runs: list[dict]) -> list[Chart]:
    en = get_language() == "en"
    t, p = report["training"], previous["training"]
    this_year, last_year = report["period"]["from"][:4], previous["period"]["from"][:4]
    compare = [
        (f"{pgettext('outcomes', 'Enrolled')} {this_year}", t["enrolled"]),
        (f"{pgettext('outcomes', 'Enrolled')} {last_year}", p["enrolled"]),
        (f"{pgettext('outcomes', 'Completed')} {this_year}", t["completed"]),
        (f"{pgettext('outcomes', 'Completed')} {last_year}", p["completed"]),
        (f"{_('Employed')} {this_year}", report["employment"]["employed"]),
        (f"{_('Employed')} {last_year}", previous["employment"]["employed"]),
    ]
    courses = report["courses"]
    return [
        bar_chart(_("This period and the year before"), compare),
        bar_chart(
            _("Completion rate by course (%)"),
            [(c["title_en"] if en else c["title"], c["completion_rate"]) for c in courses],
            unit="%",
        ),
        bar_chart(
            _("Employment rate by course (%)"),
            [(c["title_en"] if en else c["title"], c["employment_rate"]) for c in courses],
            unit="%",
        ),
        bar_chart(
            _("Consultation outcomes"),
            [
                (str(label), report["consulting"]["outcomes"].get(key, 0))
                for key, label in _outcome_labels()
            ],
        ),
    ]


def _outcome_labels():
    from consulting.models import Outcome

    return Outcome.choices
