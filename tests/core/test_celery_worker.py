"""A real Celery worker on the configured broker runs what the web process enqueues.

Every other test runs tasks eagerly. This one starts a worker thread against the
broker in ``CELERY_BROKER_URL`` (Redis in CI) and checks that a task enqueued with
``.delay`` and an email queued after commit really travel through it.
"""

from __future__ import annotations

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core import mail

from config.celery import app
from core.emails import send_email_after_commit
from core.tasks import ping

pytestmark = [
    pytest.mark.real_sleep,  # waits on the worker thread with time.sleep
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL"),
        reason="needs a broker: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0 (CI does)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def celery_worker():
    """A worker thread on the project's app, with eager mode off for this test only."""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=30
        ) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = saved


def wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


class TestCeleryWorker:
    def test_it_runs_a_task_on_the_worker_and_returns_its_result(self, celery_worker):
        result = ping.delay()

        assert not isinstance(result, EagerResult), "the task ran in-process, not on the worker"
        assert result.get(timeout=30) == "pong"

    def test_it_sends_an_email_queued_after_commit(self, celery_worker, mailoutbox):
        send_email_after_commit(
            to=["alice@example.com"],
            subject="[일터잇다] 수강 신청 완료",
            body="주얼리 CAD 기초반 신청이 완료되었습니다.",
        )

        assert wait_for(lambda: len(mail.outbox) == 1), "the worker did not send the email"
        message = mail.outbox[0]
        assert message.to == ["alice@example.com"]
        assert message.subject == "[일터잇다] 수강 신청 완료"

    def test_it_restores_eager_mode_afterwards(self):
        from django.conf import settings

        assert app.conf.task_always_eager is settings.CELERY_TASK_ALWAYS_EAGER
