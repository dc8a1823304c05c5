"""The world the authorization matrix runs in, built once per test module.

Every object a URL names is created by "the other side": trainee A owns the enrollment,
application and consultation; employer A's company owns the postings; center 1 owns
the courses, runs, consultation types and invitations. Each app adds its objects in its
own module (``tests/authz/world/<app>.py``, function ``build(world)``), so the fairs and
search apps add theirs without touching anyone else's file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.test import Client

from tests.authz.personas import ANON, PERSONAS

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"  # a stored PDF's stand-in


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)  # persona → User
    objects: dict[str, Any] = field(default_factory=dict)  # key → model instance
    secrets: dict[str, str] = field(default_factory=dict)  # key → raw token in a URL
    tokens: dict[str, str] = field(default_factory=dict)  # persona → raw API token
    sessions: dict[str, str] = field(default_factory=dict)  # persona → session key
    files: list[tuple[Any, str, bytes]] = field(default_factory=list)  # storage, name, content

    def add(self, key: str, obj: Any) -> Any:
        if key in self.objects:
            raise ValueError(f"the world already has {key!r}")
        self.objects[key] = obj
        return obj

    def pk(self, key: str) -> int:
        return self.objects[key].pk

    def keep_file(self, fieldfile) -> None:
        """Remember a stored file, to put it back if a request deletes it.

        Some services delete files inside their transaction (issue 8); the matrix rolls
        every request back, which restores the rows but not the files.
        """
        with fieldfile.storage.open(fieldfile.name) as handle:
            self.files.append((fieldfile.storage, fieldfile.name, handle.read()))

    def restore_files(self) -> None:
        from django.core.files.base import ContentFile

        for storage, name, content in self.files:
            if not storage.exists(name):
                storage.save(name, ContentFile(content))


def build_world() -> World:
    """Create the personas and every object the table's rows name; sign every persona in."""
    from tests.authz.world import (
        accounts,
        admin,
        consulting,
        courses,
        fairs,
        jobs,
        reports,
        search,
        skills,
    )

    world = World()
    # In dependency order (docs/architecture.md); admin last: it fills in any model the
    # admin site lists that the apps' worlds left empty.
    for module in (accounts, skills, courses, jobs, fairs, consulting, search, reports, admin):
        module.build(world)
    _sign_in(world)
    return world


def _sign_in(world: World) -> None:
    """One session per persona, as after a fresh login (allauth's re-authentication is satisfied)."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    for persona in PERSONAS:
        if persona == ANON:
            continue
        user = world.users[persona]
        client = Client()
        client.force_login(user)
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        session = SessionStore(session_key=key)
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "email": user.email}
        ]
        session.save()
        world.sessions[persona] = key
