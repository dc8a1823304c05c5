"""The audit log: who did what to whose data (pretix's ``log_action``).

A service that acts on someone else's data (approve, return, verify, revoke,
change a status, correct attendance, change capacity, decide a request) calls
``log_action(by, "courses.certificate.revoked", certificate, {"reason": …})``
inside its transaction. Action codes are dotted, ``<app>.<object>.<verb>``;
each app registers a human label for its codes with ``register_actions`` in its
``AppConfig.ready()``.

Staff see an object's entries in the admin and, through ``{% audit_trail obj %}``,
on the pages where they act; a person sees the entries about their own data in
their privacy settings.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

_labels: dict[str, Any] = {}


def register_actions(labels: dict[str, Any]) -> None:
    """Give action codes a (lazily translated) label for people to read."""
    _labels.update(labels)


def action_label(action: str) -> str:
    return str(_labels.get(action, action))


def _subject_of(obj) -> Any:
    subject = getattr(obj, "audit_subject", None)
    return subject() if callable(subject) else subject


def log_action(
    actor,
    action: str,
    obj: models.Model,
    data: dict[str, Any] | None = None,
    *,
    subject=None,
) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``obj``.

    ``subject`` is the person the data belongs to; when left out it is read from
    ``obj.audit_subject`` where the model defines one.
    """
    if subject is None:
        subject = _subject_of(obj)
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        subject=subject,
        data=data or {},
    )


def entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The log of one object, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")


def entries_for_objects(objs, *, limit: int = 20) -> dict[Any, list[AuditEntry]]:
    """The latest ``limit`` entries of each object, by primary key, in one query (for lists)."""
    objs = list(objs)
    found: dict[Any, list[AuditEntry]] = {obj.pk: [] for obj in objs}
    if not objs:
        return found
    content_type = ContentType.objects.get_for_model(objs[0], for_concrete_model=False)
    by_id = {str(obj.pk): obj.pk for obj in objs}
    for entry in AuditEntry.objects.filter(
        content_type=content_type, object_id__in=list(by_id)
    ).select_related("actor"):
        kept = found[by_id[entry.object_id]]
        if len(kept) < limit:
            kept.append(entry)
    return found


def entries_about(person) -> models.QuerySet[AuditEntry]:
    """Everything logged about one person's data, newest first."""
    return AuditEntry.objects.filter(subject=person).select_related("actor")
