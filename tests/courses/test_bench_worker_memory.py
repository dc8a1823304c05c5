"""bench_worker_memory measures a real worker, so it refuses to run without a broker rather
than print figures of tasks run in its own process."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command


def test_without_a_broker_it_refuses_with_the_setting_to_set(settings):
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with pytest.raises(CommandError, match="CELERY_BROKER_URL"):
        call_command("bench_worker_memory", renders=10)
