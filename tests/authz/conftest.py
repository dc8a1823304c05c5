"""The authorization matrix's world: built once per module inside one transaction.

Each request of the matrix runs in a savepoint of that transaction and is rolled back,
so a cancel or a delete in one cell never changes what the next cell sees; the whole
world goes with the outer rollback when the module ends.
"""

from __future__ import annotations

import logging

import pytest
from django.db import transaction

_sizes: dict[str, int] = {}


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    from tests.authz.world import build_world

    # Thousands of refusals are the point here; Django's log line for each 404 is noise.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            world = build_world()
            yield world
            transaction.set_rollback(True)
    finally:
        request_log.setLevel(level)


@pytest.fixture
def db(matrix_world, django_db_blocker):
    """Database access for one cell: the module's world, no transaction of its own.

    Replaces pytest-django's ``db`` here: its per-test transaction would add savepoints and
    a constraint check to each of ~6,000 cells, and every request of a cell already runs in
    a savepoint that is rolled back (tests/authz/matrix.py).
    """
    with django_db_blocker.unblock():
        yield matrix_world


def record_size(**sizes: int) -> None:
    _sizes.update(sizes)


def pytest_terminal_summary(terminalreporter):
    if _sizes:
        terminalreporter.write_sep("-", "authorization matrix")
        terminalreporter.write_line(
            "{routes} routes × {personas} personas: {rows} rows, {cells} cells "
            "(route × method × persona), {requests} requests, {known} known failures".format(
                **_sizes
            )
        )


@pytest.fixture
def pinned_clock(time_machine):
    """Cells run on the module's clock (tests/conftest.py), which started at tests.clock.NOW
    when the world was built: moving each cell back to NOW would put the world's objects a
    few seconds in its future."""
    return time_machine
