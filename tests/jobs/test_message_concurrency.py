"""The batched message email under concurrency: one email however many workers claim it.

Real threads, real connections, real PostgreSQL. Two workers run the same due notification at
the same moment (a task delivered twice, or the task and the beat sweep); the row lock lets one
send. The control claims without the lock (read, then write) and both send.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core import mail
from django.db import transaction

from jobs import services
from jobs.models import ThreadParticipant
from jobs.services import messages as message_services
from tests.concurrency import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def due(posting, alice, bob, monkeypatch):
    """Alice has a pending, due email about bob's message; sending it takes a moment."""
    application = services.application_create(posting=posting, applicant=alice)
    thread = services.thread_for_application(application=application)
    mail.outbox.clear()
    services.message_send(thread=thread, by=bob, side="company", body="안녕하세요")
    mail.outbox.clear()
    participant = ThreadParticipant.objects.get(thread=thread, user=alice)
    ThreadParticipant.objects.filter(pk=participant.pk).update(
        notify_due_at=participant.thread.last_message_at, emailed_at=None
    )
    real_send = message_services.send_templated_email

    def slow_send(*args, **kwargs):
        time.sleep(0.3)  # while the row is locked: the other worker must wait, not skip ahead
        return real_send(*args, **kwargs)

    monkeypatch.setattr(message_services, "send_templated_email", slow_send)
    return participant


def _to_alice():
    return [m for m in mail.outbox if m.to == ["alice@example.com"]]


def test_two_workers_at_once_send_one_email(due):
    results = run_concurrently(
        [lambda: services.thread_notify(participant_id=due.pk) for _ in range(4)]
    )
    assert sorted(results) == [False, False, False, True]
    assert len(_to_alice()) == 1


def test_control_without_the_lock_both_workers_send(due):
    """The same race with an unlocked read-then-write claim: every worker sends."""
    barrier = threading.Barrier(2)

    def unlocked_claim():
        with transaction.atomic():
            row = ThreadParticipant.objects.get(pk=due.pk)  # no FOR UPDATE
            barrier.wait(timeout=30)  # both have read "due" before either writes
            if row.notify_due_at is None:
                return False
            ThreadParticipant.objects.filter(pk=row.pk).update(notify_due_at=None)
            message_services.send_templated_email(
                "jobs-messages",
                to=["alice@example.com"],
                context={"name": "", "sender": "", "count": 1, "subject": "", "url": ""},
            )
            return True

    results = run_concurrently([unlocked_claim, unlocked_claim])
    assert results == [True, True]
    assert len(_to_alice()) == 2
