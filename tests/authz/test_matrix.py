"""Every route × every persona × every method answers what tests/authz/rules/ says.

How to read and extend the table: docs/authorization.md.
"""

from __future__ import annotations

import pytest

from tests.authz import matrix
from tests.authz.conftest import record_size
from tests.authz.personas import PERSONAS
from tests.authz.rules import RULES


def coverage_report(routes) -> str:
    """What is wrong with the table, with a row to start from for each route without one."""
    problems = matrix.coverage_problems(routes)
    if not problems:
        return ""
    missing = [
        matrix.skeleton_row(r)
        for r in routes
        if any(p.startswith(f"{r.key} (") and p.endswith("has no row") for p in problems)
    ]
    hint = ["", "Rows to start from (see docs/authorization.md):", *missing] if missing else []
    return "\n".join(problems + hint)


def test_every_route_has_exactly_one_row():
    report = coverage_report(matrix.all_routes())
    if report:
        pytest.fail(report, pytrace=False)


def test_a_new_route_without_a_row_fails_with_its_name():
    routes = matrix.all_routes("tests.authz.urls_with_a_new_route")
    report = coverage_report(routes)
    assert "fairs:booth_new (fairs/booths/<int:fair_id>/new/) has no row" in report
    assert 'row("fairs:booth_new", kwargs={"fair_id": pk("…")}, GET=only(…)),' in report


def test_api_rows_list_the_methods_their_views_implement():
    problems = matrix.api_method_problems()
    assert not problems, "\n".join(problems)


def _params():
    cells = matrix.cells()
    requests = sum(len(matrix.body_kinds(c)) * len(matrix.transports(c)) for c in cells)
    record_size(
        routes=len(matrix.all_routes()),
        personas=len(PERSONAS),
        rows=len(RULES),
        cells=len(cells),
        requests=requests,
        known=sum(1 for c in cells if c.known_failure),
    )
    for cell in cells:
        marks = []
        if cell.known_failure:
            marks.append(pytest.mark.xfail(reason=cell.known_failure, strict=True))
        yield pytest.param(cell, id=cell.id, marks=marks)


@pytest.mark.parametrize("cell", list(_params()))
def test_each_persona_gets_what_the_table_says(cell, db):
    problems = matrix.run_cell(cell, world=db)
    assert not problems, f"{cell.id}:\n" + "\n".join(problems)
