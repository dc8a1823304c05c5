"""The outcome summaries follow writes: each record a figure counts queues a recomputation.

Receivers only name what changed (a run, a person, a center's day, a fair) from the ids
on the instance, without a query; after commit one task per transaction recomputes the
rows (``reports.summaries``). A save that may rewrite a key field of an existing row (an
admin edit: a date, a center, a run) first reads the stored key fields by primary key, so
the keys the row counted under before are recomputed too; an object on a center path that
moves (a posting to another center, a run to another course) names the records under it.
Writes that bypass signals (``QuerySet.update``, COPY) are caught by the nightly rebuild
(``reports.tasks.rebuild_summaries``), and the bulk generators rebuild when they finish.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from types import SimpleNamespace

from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
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
    if name in ("jobs.Posting", "consulting.ConsultationType"):
        return []  # counted through the records below them (see MOVES)
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

# The fields ``_keys`` reads, per model: a change to one of them in place (an admin edit, a
# plain ``save()``) moves the record to other keys, so the stored values name the old ones.
# A fair's center and first day are not here: the fair figures read them from ``Fair``.
KEY_FIELDS = {
    "courses.CourseRun": ("course_id", "ends_on"),
    "courses.Course": ("center_id",),
    "courses.Enrollment": ("run_id", "user_id"),
    "courses.Completion": ("enrollment_id",),
    "reports.RateExclusion": ("enrollment_id",),
    "courses.Certificate": ("run_id", "issued_at"),
    "consulting.Booking": ("center_id", "start", "person_id"),
    "jobs.Application": ("posting_id", "created_at"),
    "jobs.Interview": ("application_id", "created_at"),
    "jobs.Offer": ("application_id", "created_at"),
    "jobs.Employment": ("posting_id", "start_date", "person_id"),
    "reports.FollowUp": ("employment_id",),
    "fairs.Fair": (),
    "fairs.Booth": ("fair_id",),
    "fairs.Registration": ("fair_id",),
    "fairs.Conversation": ("booth_id",),
    "fairs.Interview": ("booth_id",),
    "jobs.Posting": (),
    "consulting.ConsultationType": (),
}

# Objects on the path by which day figures find their center (or category): when one of them
# changes the field below, every record under it moves. (field, hop, where the old center is
# read from): the records under ``hop`` (a posting's applications, interviews, offers and
# hires; a run's or a course's certificates; an application's interviews and offers; a
# consultation type's bookings) are recounted on their days at the old center and the new.
MOVES = {
    "courses.Course": ("center_id", "course", "center_id"),
    "courses.CourseRun": ("course_id", "run", "course__center_id"),
    "jobs.Posting": ("center_id", "posting", "center_id"),
    "jobs.Application": ("posting_id", "application", "posting__center_id"),
    "consulting.ConsultationType": ("category", "type", "center_id"),
}


def _stored(sender, instance, using: str, fields: list[str]) -> dict | None:
    """The row as stored, locked for the rest of the transaction when there is one, so the
    values read are the ones this save overwrites."""
    rows = sender._base_manager.using(using).filter(pk=instance.pk)
    connection = connections[using]
    if connection.in_atomic_block and connection.features.has_select_for_update:
        of = ("self",) if connection.features.has_select_for_update_of else ()
        rows = rows.select_for_update(of=of)
    return rows.values(*fields).first()


def _before_save(sender, instance, raw=False, using=None, update_fields=None, **kwargs) -> None:
    """Name the keys the stored row counts under when this save may move it elsewhere.

    One query by primary key, only for a row that exists and a save that may write one of
    the key fields (a ``save(update_fields=[...])`` without them costs nothing). The keys
    are queued in ``post_save`` with the new ones, once the row is written.
    """
    if raw or instance.pk is None:
        return
    label = sender._meta.label
    fields = list(KEY_FIELDS[label])
    move = MOVES.get(label)
    if move:
        fields += [f for f in (move[0], move[2]) if f not in fields]
    if not fields:
        return
    if update_fields is not None:
        names = {sender._meta.get_field(f).name for f in fields if "__" not in f}
        if not names & {sender._meta.get_field(f).name for f in update_fields}:
            return
    stored = _stored(sender, instance, using or "default", fields)
    if stored is None:
        return
    old = SimpleNamespace(pk=instance.pk, _meta=instance._meta, **stored)
    moved = set(_keys(old)) - set(_keys(instance))
    if move and stored[move[0]] != getattr(instance, move[0]):
        moved |= {
            ("below", move[1], instance.pk),
            ("below_at", move[1], instance.pk, stored[move[2]]),
        }
    instance._summary_old_keys = moved


def _before_delete(sender, instance, **kwargs) -> None:
    """Name the days of the records under an object about to be deleted.

    Once it is gone the task could not find their center: the cascaded rows (a posting's
    applications, an application's interviews and offers, a run's certificates) name it
    through this object, and the hires of a posting or an application lose the link by a
    ``SET_NULL`` UPDATE that no signal sees.
    """
    from jobs.models import Employment

    from .summaries.days import days_below

    label = sender._meta.label
    with timezone.override(timezone.get_default_timezone()):
        days = days_below(MOVES[label][1], instance.pk)
    if label == "jobs.Application":
        days |= set(
            Employment.objects.filter(application=instance).values_list(
                "posting__center_id", "start_date"
            )
        )
    enqueue(("center_day", center_id, _day(day)) for center_id, day in days)


def _changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    enqueue([*_keys(instance), *instance.__dict__.pop("_summary_old_keys", ())])


def connect() -> None:
    """Called from ``ReportsConfig.ready``."""
    from django.apps import apps

    for label in WATCHED:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"reports-summary-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"reports-summary-del-{label}")
    for label in KEY_FIELDS:
        model = apps.get_model(label)
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"reports-summary-pre-{label}")
        if label not in WATCHED:
            post_save.connect(_changed, sender=model, dispatch_uid=f"reports-summary-{label}")
    for label in MOVES:
        pre_delete.connect(
            _before_delete, sender=apps.get_model(label), dispatch_uid=f"reports-summary-pd-{label}"
        )
