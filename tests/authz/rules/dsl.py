"""The small vocabulary the authorization table is written in.

A row names one route (or a glob over a family of routes, such as ``admin:*_add``), the
URL kwargs it is called with, and for each method it accepts who may call it:

    row("courses:enrollment_cancel", kwargs={"enrollment_id": pk("enrollment_a")},
        POST=only(TRAINEE_A))

``only(...)``, ``signed_in()`` and ``everyone()`` list who gets through. Everyone else
gets the refusal the house rules prescribe, without writing it out:

- anonymous: the login page (pages) or 401 (API);
- staff without TOTP: the MFA setup page (pages) or 403 (API), unless the row is
  ``mfa_exempt`` (allauth's own pages, the language switch, certificate checks);
- any other signed-in persona: 404, as if the page did not exist (``other=`` changes it).

``also={PERSONA: outcome}`` overrides one persona (e.g. ``{STAFF_OTHER: E403}``), and
``known={PERSONA: "issue N: why"}`` marks a cell where today's code answers something
else: it runs as ``xfail(strict=True)``, so the mark must go once the code is fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.authz.personas import ANON, PERSONAS, SIGNED_IN, STAFF_NOTOTP

# What a persona gets. OK: the request was served, or answered with a validation error
# (2xx, a redirect that is not to a login or MFA page, 400, 409, 410, 413, 422).
OK = "ok"
LOGIN = "login"  # redirect to the login page
MFA = "mfa"  # redirect to the TOTP setup page (pages); 403 on the API
ADMIN_LOGIN = "admin_login"  # redirect to the admin site's login page
E401 = "401"
E403 = "403"
E404 = "404"
E405 = "405"
OUTCOMES = {OK, LOGIN, MFA, ADMIN_LOGIN, E401, E403, E404, E405}

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
METHODS = ("GET", *WRITE_METHODS)


# --- references to objects of the world (resolved when the test runs) ----------------------


@dataclass(frozen=True)
class Ref:
    """A value taken from the world: an object's pk, one of its fields, or a raw secret."""

    key: str
    attr: str = "pk"
    secret: bool = False

    def resolve(self, world) -> Any:
        if self.secret:
            return world.secrets[self.key]
        return getattr(world.objects[self.key], self.attr)


def pk(key: str) -> Ref:
    return Ref(key)


def attr(key: str, name: str) -> Ref:
    return Ref(key, attr=name)


def secret(key: str) -> Ref:
    return Ref(key, secret=True)


class AdminObject:
    """The pk of the world's object of the model an admin URL is about (admin/<app>/<model>/…)."""

    def resolve(self, world, route) -> Any:
        match = re.match(r"admin/(\w+)/(\w+)/", route.template)
        if match is None:
            raise ValueError(f"{route.key} is not about one model")
        return world.objects["admin:{}_{}".format(*match.groups())].pk


ADMIN_OBJECT = AdminObject()


def resolve(value: Any, world, route=None) -> Any:
    """Resolve refs (and callables of the world) inside kwargs, query strings and bodies."""
    if isinstance(value, Ref):
        return value.resolve(world)
    if isinstance(value, AdminObject):
        return value.resolve(world, route)
    if callable(value) and not hasattr(value, "read"):
        return resolve(value(world), world, route)
    if isinstance(value, Mapping):
        return {k: resolve(v, world, route) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, world, route) for v in value]
    return value


# --- who gets through -----------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    ok: frozenset[str]
    other: str = E404
    anon: str | None = None
    also: Mapping[str, Any] = field(default_factory=dict)
    known: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        unknown = (set(self.ok) | set(self.also) | set(self.known)) - set(PERSONAS)
        if unknown:
            raise ValueError(f"unknown personas: {sorted(unknown)}")
        for outcome in [self.other, self.anon, *self.also.values()]:
            values = outcome.values() if isinstance(outcome, Mapping) else [outcome]
            if any(v is not None and v not in OUTCOMES for v in values):
                raise ValueError(f"unknown outcome: {outcome!r}")


def _access(
    personas: Iterable[str],
    *,
    other: str = E404,
    anon: str | None = None,
    also: Mapping[str, Any] | None = None,
    known: Mapping[str, str] | None = None,
) -> Access:
    return Access(frozenset(personas), other, anon, dict(also or {}), dict(known or {}))


def only(*personas: str, **options) -> Access:
    """These personas get through; the others are refused (see the module docstring)."""
    return _access(personas, **options)


def signed_in(**options) -> Access:
    """Every signed-in persona gets through; anonymous visitors are sent to log in (401 on the API)."""
    return _access(SIGNED_IN, **options)


def nobody(outcome: str) -> Access:
    """The same answer for everyone, signed in or not (e.g. a login callback without its state)."""
    return _access((), anon=outcome, other=outcome)


def everyone(**options) -> Access:
    """Everyone, signed in or not (staff without TOTP still go to the MFA setup first)."""
    return _access(PERSONAS, **options)


# --- what a page shows ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shows:
    """A text (e.g. another person's posting title) that only ``to`` may find on the page.

    Checked on every successful GET of the row: the personas in ``to`` must find it (so the
    check can fail), everyone else must not. Lists are where a status code cannot tell.
    """

    text: Any
    to: frozenset[str]


def shows(text: Any, *, to: Iterable[str]) -> Shows:
    unknown = set(to) - set(PERSONAS)
    if unknown:
        raise ValueError(f"unknown personas: {sorted(unknown)}")
    return Shows(text, frozenset(to))


# --- rows -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    route: str  # a route key ("courses:detail") or a glob over keys ("admin:*_add")
    methods: Mapping[str, Access]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    query: Mapping[str, Any] = field(default_factory=dict)
    body: Any = None  # the valid body of the write methods (dict or callable of the world)
    multipart: bool = False  # API rows whose valid body is multipart (file uploads)
    mfa_exempt: bool = False  # RequireStaffMFAMiddleware lets staff without TOTP through
    variant: str = ""  # a second row for the same route with other kwargs
    shows: tuple[Shows, ...] = ()  # texts only some personas may find on the page (GET)
    note: str = ""

    @property
    def is_glob(self) -> bool:
        return any(ch in self.route for ch in "*?[")

    @property
    def label(self) -> str:
        return f"{self.route}[{self.variant}]" if self.variant else self.route


def row(
    route: str,
    *,
    GET: Access | None = None,  # noqa: N803 - the HTTP method names read best in the table
    POST: Access | None = None,  # noqa: N803
    PUT: Access | None = None,  # noqa: N803
    PATCH: Access | None = None,  # noqa: N803
    DELETE: Access | None = None,  # noqa: N803
    kwargs: Mapping[str, Any] | None = None,
    query: Mapping[str, Any] | None = None,
    body: Any = None,
    multipart: bool = False,
    mfa_exempt: bool = False,
    variant: str = "",
    shows: Shows | Iterable[Shows] = (),
    note: str = "",
) -> Rule:
    methods = {
        m: a
        for m, a in (
            ("GET", GET),
            ("POST", POST),
            ("PUT", PUT),
            ("PATCH", PATCH),
            ("DELETE", DELETE),
        )
        if a is not None
    }
    if not methods:
        raise ValueError(f"{route}: a row lists at least one method")
    return Rule(
        route=route,
        methods=methods,
        kwargs=dict(kwargs or {}),
        query=dict(query or {}),
        body=body,
        multipart=multipart,
        mfa_exempt=mfa_exempt,
        variant=variant,
        shows=(shows,) if isinstance(shows, Shows) else tuple(shows),
        note=note,
    )


def expected_outcome(rule: Rule, access: Access, persona: str, *, api: bool) -> Any:
    """What ``persona`` should get, by the defaults above and the row's overrides."""
    if persona in access.also:
        outcome = access.also[persona]
    elif persona == ANON:
        outcome = OK if ANON in access.ok else access.anon or (E401 if api else LOGIN)
    elif persona == STAFF_NOTOTP and not rule.mfa_exempt:
        outcome = MFA
    elif persona in access.ok:
        outcome = OK
    else:
        outcome = access.other
    return outcome


def outcome_for_body(outcome: Any, body_kind: str | None) -> str:
    """A row may give one persona different answers for the valid and the invalid body."""
    if isinstance(outcome, Mapping):
        return outcome[body_kind or "valid"]
    return outcome
