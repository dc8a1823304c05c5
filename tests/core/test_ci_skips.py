"""In CI (CI=true) a test that skips for want of PostgreSQL, a broker or the browser fails the
run (tests/conftest.py). One pytest of its own runs tests/core/ci_skips/sample.py with CI=true;
the case outside CI calls the session hook directly (a second interpreter costs too much)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import conftest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "tests/core/ci_skips/sample.py"


@pytest.mark.real_sleep  # subprocess.run(timeout=…) polls with time.sleep
def test_with_ci_true_a_skip_for_want_of_a_service_fails_the_run():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATABASE_URL"] = "sqlite://:memory:"  # the postgres marker skips on SQLite
    env["CI"] = "true"

    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed argument list
        [sys.executable, "-m", "pytest", SAMPLE, "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed, 4 skipped" in result.stdout
    assert "CI=true: 3 test(s) skipped for want of a service:" in result.stdout
    for name in ("test_needs_postgres", "test_needs_a_broker", "test_needs_the_browser"):
        assert f"{SAMPLE}::{name}" in result.stdout
    assert f"{SAMPLE}::test_skips_for_another_reason:" not in result.stdout


def test_outside_ci_the_same_skips_leave_the_run_green(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(conftest, "_environment_skips", ["x.py::test: needs PostgreSQL"])
    session = SimpleNamespace(exitstatus=0, config=None)

    conftest.pytest_sessionfinish(session, 0)

    assert session.exitstatus == 0


def test_in_ci_the_same_hook_fails_the_session(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(conftest, "_environment_skips", ["x.py::test: needs PostgreSQL"])
    reporter = SimpleNamespace(lines=[], write_line=lambda line, **kw: reporter.lines.append(line))
    plugins = SimpleNamespace(get_plugin=lambda name: reporter)
    session = SimpleNamespace(exitstatus=0, config=SimpleNamespace(pluginmanager=plugins))

    conftest.pytest_sessionfinish(session, 0)

    assert session.exitstatus == 1
    assert reporter.lines[1] == "  x.py::test: needs PostgreSQL"
