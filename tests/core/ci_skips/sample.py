"""Run only by tests/core/test_ci_skips.py, in a pytest of its own on SQLite (the name does not
start with ``test_``, so the suite never collects it)."""

import pytest


@pytest.mark.postgres
def test_needs_postgres():
    raise AssertionError("on SQLite the postgres marker skips this test before it runs")


def test_needs_a_broker():
    pytest.skip("needs a broker: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0 (CI does)")


def test_needs_the_browser():
    pytest.skip("browser tests need Chromium at /nowhere (apt-get install chromium; .ci/run does)")


def test_skips_for_another_reason():
    pytest.skip("Elasticsearch is optional")


def test_passes():
    assert sum([1, 1]) == 2
