"""Index updates follow writes: each indexed model (and each related model an index watches)
queues an update after commit. The receivers only enqueue; the work happens in the task."""

from __future__ import annotations

import logging

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save

from . import indexing, registry

logger = logging.getLogger(__name__)

_connected: list = []


def _own(kind: str):
    def receiver(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return
        indexing.enqueue(kind, [instance.pk])

    return receiver


def _watched(kind: str, affected):
    def receiver(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return
        try:
            ids = list(affected(instance))
        except ObjectDoesNotExist:
            return  # the parent went too; its own signal updates the index
        indexing.enqueue(kind, ids)

    return receiver


def connect() -> None:
    """Connect receivers for every registered index (called from ``SearchConfig.ready``)."""
    for spec in registry.all_indexes():
        receiver = _own(spec.kind)
        _connected.append(receiver)
        post_save.connect(receiver, sender=spec.model, weak=False)
        post_delete.connect(receiver, sender=spec.model, weak=False)
        for label, affected in spec.watch.items():
            model = apps.get_model(label)
            receiver = _watched(spec.kind, affected)
            _connected.append(receiver)
            post_save.connect(receiver, sender=model, weak=False)
            post_delete.connect(receiver, sender=model, weak=False)
