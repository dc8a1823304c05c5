"""The outcome summaries follow writes: each record a figure counts queues a recomputation.

Receivers only name what changed (a run, a person, a center's day, a fair) from the ids
on the instance, without a query; after commit one task per transaction recomputes the
rows (``reports.summaries``). Writes that bypass signals (``QuerySet.update``, COPY) are
caught by the nightly rebuild (``reports.tasks.rebuild_summaries``), and the bulk
generators rebuild when they finish.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

logger = logging.getLogger(__name__)

_local = threading.local()


def _day(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value, timezone.get_default_timezone())
    return value.isoformat()


def enqueue(keys) -> None:
    """After the current transaction commits, recompute the summaries these keys touch.

    Keys of one transaction go in one task. Never raises: a write must not fail because
    the broker is down; the nightly rebuild repairs what was missed.
    """
    keys = [tuple(k) for k in keys if None not in k]
    if not keys:
        return
    pending = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = set()
    pending.update(keys)

    def send() -> None:
        batch = sorted(_local.pending, key=repr)
        _local.pending = set()
        if not batch:
            return
        from . import tasks

        try:
            tasks.recompute_summaries.delay([list(k) for k in batch])
        except Exception:
            logger.exception("reports: could not queue a summary recomputation")

    transaction.on_commit(send)


def _keys(instance) -> list[tuple]:
    """What a change of ``instance`` touches (from its own fields only)."""
    name = instance._meta.label
    if name == "courses.CourseRun":
        return [
            ("run", instance.pk),
            ("run_people", instance.pk),
            ("course_day", instance.course_id, _day(instance.ends_on)),
        ]
    if name == "courses.Course":
        return [("course", instance.pk)]
    if name == "courses.Enrollment":
        return [("run", instance.run_id), ("person", instance.user_id)]
    if name in ("courses.Completion", "reports.RateExclusion"):
        return [("enrollment", instance.enrollment_id)]
    if name == "courses.Certificate":
        return [("run_day", instance.run_id, _day(instance.issued_at))]
    if name == "consulting.Booking":
        return [
            ("center_day", instance.center_id, _day(instance.start)),
            ("person", instance.person_id),
        ]
    if name == "jobs.Application":
        return [("posting_day", instance.posting_id, _day(instance.created_at))]
    if name in ("jobs.Interview", "jobs.Offer"):
        return [("application_day", instance.application_id, _day(instance.created_at))]
    if name == "jobs.Employment":
        return [
            ("posting_day", instance.posting_id, _day(instance.start_date)),
            ("person", instance.person_id),
        ]
    if name == "reports.FollowUp":
        return [("employment", instance.employment_id)]
    if name == "fairs.Fair":
        return [("fair", instance.pk)]
    if name in ("fairs.Booth", "fairs.Registration"):
        return [("fair", instance.fair_id)]
    if name in ("fairs.Conversation", "fairs.Interview"):
        return [("booth", instance.booth_id)]
    raise AssertionError(name)


WATCHED = (
    "courses.CourseRun",
    "courses.Course",
    "courses.Enrollment",
    "courses.Completion",
    "courses.Certificate",
    "consulting.Booking",
    "jobs.Application",
    "jobs.Interview",
    "jobs.Offer",
    "jobs.Employment",
    "reports.FollowUp",
    "reports.RateExclusion",
    "fairs.Fair",
    "fairs.Booth",
    "fairs.Registration",
    "fairs.Conversation",
    "fairs.Interview",
)


def _changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    enqueue(_keys(instance))


def connect() -> None:
    """Called from ``ReportsConfig.ready``."""
    from django.apps import apps

    for label in WATCHED:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"reports-summary-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"reports-summary-del-{label}")
