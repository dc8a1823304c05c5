"""Reads from PostgreSQL read replicas, writes and read-your-writes on the primary.

Switched on by ``DATABASE_REPLICA_URLS``: settings add one ``replica_N`` alias per URL and
list them in ``DATABASE_REPLICAS``; without them every read goes to the primary. Which reads may go to a replica:

- every ORM read of a request made with a safe method (GET, HEAD, OPTIONS) by a client that
  has not written in the last ``REPLICA_PIN_SECONDS`` — catalog pages, search, lists, API
  reads;

and which stay on the primary:

- everything a request with an unsafe method (POST, PUT, PATCH, DELETE) reads: it decides
  on what it then writes;
- every read of the same client for ``REPLICA_PIN_SECONDS`` after such a request (a
  signed-in person sees their own change at once, whatever the replication lag), carried
  by a short-lived cookie;
- reads inside ``transaction.atomic()`` on the primary, and ``select_for_update()`` (Django
  routes it as a write);
- raw SQL through ``django.db.connection`` (the primary), Celery tasks, management commands
  and WebSocket consumers (no request pins them to a replica: they run ``primary_only``).

Replicas are picked per request at random, so a page's reads come from one replica.
"""

from __future__ import annotations

import contextvars
import random
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

PIN_COOKIE = "db_primary_until"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# The alias reads go to in the current context; None: the primary.
_read_alias: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "replica_read_alias", default=None
)


def replica_aliases() -> list[str]:
    return list(settings.DATABASE_REPLICAS)


@contextmanager
def reads_from(alias: str | None):
    """Route this context's ORM reads to ``alias`` (None: the primary)."""
    token = _read_alias.set(alias)
    try:
        yield
    finally:
        _read_alias.reset(token)


def primary_only():
    return reads_from(None)


def reading_from_primary() -> bool:
    """Whether this context's reads see every committed change (they go to the primary).

    What is cached under a data version must be read here: a replica may lag behind the change
    the version stands for, and its rows would stay cached until the next change.
    """
    return _read_alias.get() is None


class ReplicaRouter:
    """Database router: reads where the current context says, writes and migrations on default."""

    def db_for_read(self, model, **hints):
        alias = _read_alias.get()
        if alias is None or connections["default"].in_atomic_block:
            return "default"
        return alias

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the primary's rows: an object read from one relates to any other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Chooses where a request's reads go, and pins a client that wrote to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replicas = replica_aliases()
        if not replicas:
            return self.get_response(request)
        now = time.time()
        writes = request.method not in _SAFE_METHODS
        try:
            pinned = float(request.COOKIES.get(PIN_COOKIE, "0")) > now
        except ValueError:
            pinned = False
        alias = None if writes or pinned else random.choice(replicas)  # noqa: S311 - load spreading
        request.reads_from = alias or "default"
        with reads_from(alias):
            response = self.get_response(request)
        if writes:
            seconds = settings.REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                f"{now + seconds:.3f}",
                max_age=seconds,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response
