"""Split Celery queues: every task has a queue, and the split settings route by it."""

from __future__ import annotations

import os
import subprocess
import sys

from config.celery import app
from config.queues import QUEUES, queue_for


def _task_names() -> list[str]:
    app.loader.import_default_modules()
    return sorted(name for name in app.tasks if not name.startswith("celery."))


def test_every_task_has_a_queue():
    names = _task_names()
    assert len(names) > 20
    assert [name for name in names if queue_for(name) is None] == []


def test_work_that_must_not_wait_behind_bulk_work_has_its_own_queue():
    assert queue_for("core.tasks.send_email") == "email"
    assert queue_for("courses.tasks.generate_certificate_pdf") == "pdf"
    assert queue_for("search.tasks.index_objects") == "search"
    assert queue_for("jobs.tasks.refresh_recommendations") == "matching"
    assert queue_for("jobs.tasks.close_expired_postings") == "celery"
    assert set(QUEUES) == {"celery", "email", "pdf", "search", "matching"}


def test_the_split_setting_makes_celery_route_each_task_to_its_queue():
    # A fresh process: Celery reads its routes once, from the settings of that process.
    script = (
        "import django; django.setup()\n"
        "from config.celery import app\n"
        "router = app.amqp.router\n"
        "for name in ('core.tasks.send_email', 'courses.tasks.generate_certificate_pdf',"
        " 'jobs.tasks.lapse_offers'):\n"
        "    print(name, router.route({}, name)['queue'].name)\n"
    )
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "CELERY_SPLIT_QUEUES": "true"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert out[:3] == [
        "core.tasks.send_email email",
        "courses.tasks.generate_certificate_pdf pdf",
        "jobs.tasks.lapse_offers celery",
    ]
