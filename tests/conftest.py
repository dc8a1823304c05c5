"""Personas shared by all tests.

alice is a trainee, bob owns a verified company, carol is a counselor and dave
runs the jewelry center (staff, with MFA set up). charlie is an outsider:
another company's recruiter who must never see bob's or alice's things. erin
runs the other center (the shoe center in Seongsu, staff with MFA): she must
never decide on the jewelry center's companies or postings. Companies made by
``CompanyFactory`` are registered with the jewelry center unless told otherwise.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection

from tests.clock import NOW
from tests.factories import (
    CenterFactory,
    CompanyFactory,
    add_totp,
    jongno_center,
    make_center_member,
    make_employer,
    make_trainee,
)

# ---------------------------------------------------------------------------
# The clock: every test starts at tests.clock.NOW (Tuesday 14 April 2026, 14:00 in
# Seoul) and the clock ticks from there. See tests/clock.py and docs/testing.md.


_process_clock = time_machine.travel(NOW, tick=True)


def pytest_configure(config):
    """From here on the whole pytest process reads the pinned clock: collection
    (parametrize values), session fixtures and anything between tests."""
    _process_clock.start()


def pytest_unconfigure(config):
    _process_clock.stop()


@pytest.fixture(scope="module", autouse=True)
def _module_clock():
    """Module fixtures (the authorization matrix's world) are built at ``NOW`` too."""
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def pinned_clock(request, time_machine):
    """Each test starts at ``NOW``, or where its ``time_machine`` marker says.

    Returns time-machine's fixture: ``pinned_clock.move_to(...)`` / ``.shift(...)``
    (the same object as the ``time_machine`` fixture).
    """
    if request.node.get_closest_marker("time_machine") is None:
        time_machine.move_to(NOW, tick=True)
    return time_machine


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every test starts at the same instant, so nothing counted in the cache (rate-limit
    windows, throttles) may carry over from the test before."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def center(db):
    return jongno_center()


@pytest.fixture
def other_center(db):
    return CenterFactory(
        slug="seongsu-shoes",
        name="성수 수제화산업지원센터",
        name_en="Seongsu Handmade Shoe Industry Support Center",
        region="서울 성동구",
        industry="수제화",
        industry_en="Handmade shoes",
    )


@pytest.fixture
def alice(db):
    return make_trainee(email="alice@example.com", name="김앨리스")


@pytest.fixture
def bob_company(db):
    return CompanyFactory(name="종로보석공방")


@pytest.fixture
def bob(db, bob_company):
    return make_employer(company=bob_company, email="bob@example.com", name="박보브")


@pytest.fixture
def charlie(db):
    return make_employer(
        company=CompanyFactory(name="다른회사"),
        role="recruiter",
        email="charlie@example.com",
        name="최찰리",
    )


@pytest.fixture
def carol(db, center):
    return make_center_member(center, "counselor", email="carol@example.com", name="이캐롤")


@pytest.fixture
def dave(db, center):
    user = make_center_member(center, "staff", email="dave@example.com", name="정데이브")
    add_totp(user)
    return user


@pytest.fixture
def erin(db, other_center):
    user = make_center_member(other_center, "staff", email="erin@example.com", name="한에린")
    add_totp(user)
    return user


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def postgres_only(db):
    """Skip on SQLite: locking, constraints and concurrency are only real on PostgreSQL."""
    if not _is_postgres():
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://… (CI does)")


@pytest.fixture
def ratelimit_clock(monkeypatch):
    """Pin the clock django-ratelimit counts its windows by, from zero hits; move it with ``clock.now``."""
    from django.core.cache import cache

    cache.clear()
    clock = SimpleNamespace(now=1_800_000_000.0)
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: clock.now))
    return clock


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` skip themselves on SQLite with the reason."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://… (CI does)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


# In CI (CI=true) a test that skipped for want of PostgreSQL, a broker or the browser
# means the run did not test what it claims to: the session fails.
ENVIRONMENT_SKIPS = ("needs PostgreSQL", "needs a broker", "browser tests need")
_environment_skips: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2])
        if any(marker in reason for marker in ENVIRONMENT_SKIPS):
            _environment_skips.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    import os

    if os.environ.get("CI", "").lower() in ("1", "true", "yes") and _environment_skips:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"CI=true: {len(_environment_skips)} test(s) skipped for want of a service:",
                red=True,
            )
            for line in _environment_skips[:20]:
                reporter.write_line(f"  {line}", red=True)
        session.exitstatus = 1
