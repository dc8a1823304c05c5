"""Outcome reports (center staff, per center), the journey and employment outcomes."""

from __future__ import annotations

from tests.authz.personas import STAFF, STAFF_OTHER
from tests.authz.rules.dsl import only, pk, row

CENTER_1 = {"center": pk("center_1"), "from": "2026-01-01", "to": "2026-12-31"}

RULES = [
    # staff of center 1 only: center 2's staff asking for center 1 get 404
    row("reports:dashboard", query=CENTER_1, GET=only(STAFF)),
    row("reports:dashboard", variant="own-center", GET=only(STAFF, STAFF_OTHER)),
    row("reports:drill", kwargs={"metric": "enrolled"}, query=CENTER_1, GET=only(STAFF)),
    row("reports:export", kwargs={"fmt": "csv"}, query=CENTER_1, GET=only(STAFF)),
    row("reports:export", variant="pdf", kwargs={"fmt": "pdf"}, query=CENTER_1, GET=only(STAFF)),
    row("api_reports_outcomes", query=CENTER_1, GET=only(STAFF)),
    row("api_reports_runs", query=CENTER_1, GET=only(STAFF)),
]
