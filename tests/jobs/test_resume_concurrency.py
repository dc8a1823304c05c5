"""A résumé section holds at most twenty rows, even when additions arrive at once (PostgreSQL,
real threads): the count is taken under a lock on the person's profile row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import models

from core.exceptions import ConflictError
from jobs import services
from jobs.models import License
from jobs.services.resume import MAX_ROWS_PER_SECTION
from tests.concurrency import run_concurrently
from tests.factories import make_trainee

THREADS = 8


def add_licence(user, number: str):
    return services.resume_row_save(
        user=user,
        section="licenses",
        data={
            "name": "귀금속가공기능사",
            "issuer": "한국산업인력공단",
            "acquired_on": dt.date(2024, 6, 28),
            "number": number,
        },
    )


def _race_for_the_last_row(user) -> list:
    for i in range(MAX_ROWS_PER_SECTION - 1):
        add_licence(user, f"pre-{i}")
    return run_concurrently([(lambda i=i: add_licence(user, f"t{i}")) for i in range(THREADS)])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestConcurrentAdditions:
    def test_only_one_of_many_concurrent_additions_takes_the_last_row(self):
        user = make_trainee()
        results = _race_for_the_last_row(user)
        assert len([r for r in results if isinstance(r, License)]) == 1
        assert len([r for r in results if isinstance(r, ConflictError)]) == THREADS - 1
        assert License.objects.filter(profile__user=user).count() == MAX_ROWS_PER_SECTION

    def test_control_without_the_lock_the_same_code_goes_over_the_limit(self, monkeypatch):
        """Control: with SELECT … FOR UPDATE turned into a plain SELECT, the race shows up."""
        monkeypatch.setattr(
            models.QuerySet, "select_for_update", lambda self, *args, **kwargs: self
        )
        worst = 0
        for _round in range(5):
            user = make_trainee()
            _race_for_the_last_row(user)
            worst = max(worst, License.objects.filter(profile__user=user).count())
            if worst > MAX_ROWS_PER_SECTION:
                break
        assert worst > MAX_ROWS_PER_SECTION, "without the lock, several additions took the last row"
