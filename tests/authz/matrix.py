"""The authorization matrix: every route of the resolver × every persona × every method.

- ``all_routes()`` walks the URL resolver (pages, API, allauth, admin).
- ``rules_for(route)`` finds the route's row (one per variant) in tests/authz/rules/.
- ``cells()`` crosses rows with personas and methods; ``run_cell()`` sends the requests
  (for writes: an invalid body and a valid one) and compares what came back with the row.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import transaction
from django.test import Client
from django.test.client import encode_multipart
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from tests.authz.personas import ANON, PERSONAS, STAFF_NOTOTP
from tests.authz.rules import RULES, STAFF_WITHOUT_TOTP_API_TOKENS
from tests.authz.rules.dsl import (
    ADMIN_LOGIN,
    E403,
    LOGIN,
    MFA,
    OK,
    WRITE_METHODS,
    Rule,
    expected_outcome,
    outcome_for_body,
)
from tests.authz.rules.dsl import (
    resolve as resolve_refs,
)

# Statuses that mean "served" or "answered the input", not "refused".
VALIDATION_STATUSES = {400, 409, 410, 413, 422}
INVALID_JSON = b'{"title": ["not", "closed"'  # a body no JSON parser accepts
BOUNDARY = "AuthzMatrixBoundary"


# --- routes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the namespaced name, or "<namespace>:<pattern>" for an unnamed route
    name: str | None
    parts: tuple  # the pattern objects from the root resolver down to the route
    callback: Any

    @property
    def template(self) -> str:
        return "".join(str(p) for p in self.parts)

    @property
    def is_api(self) -> bool:
        return self.template.startswith("api/")

    def path(self, kwargs: dict[str, Any]) -> str:
        """The URL path for these kwargs (unnamed routes too, so no reverse())."""
        return "/" + "".join(_fill(p, kwargs) for p in self.parts)


def _fill(pattern, kwargs: dict[str, Any]) -> str:
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), str(pattern))
    if isinstance(pattern, RegexPattern):
        text = str(pattern).removeprefix("^").removesuffix("$")
        out, i = [], 0
        while i < len(text):
            m = re.compile(r"\(\?P<(\w+)>").match(text, i)
            if m:  # skip the group, parentheses balanced
                depth, j = 1, m.end()
                while depth:
                    depth += {"(": 1, ")": -1}.get(text[j], 0) if text[j - 1] != "\\" else 0
                    j += 1
                out.append(str(kwargs[m.group(1)]))
                i = j
            elif text[i] == "\\":
                out.append(text[i + 1])
                i += 2
            else:
                out.append(text[i])
                i += 1
        return "".join(out)
    raise TypeError(f"unknown pattern type {type(pattern)}")


@cache
def all_routes(urlconf: str | None = None) -> tuple[Route, ...]:
    """Every route the resolver knows, the first of any two with the same name and pattern."""
    routes: dict[str, Route] = {}

    def walk(patterns, parts: tuple, namespace: str) -> Iterator[Route]:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                yield from walk(p.url_patterns, (*parts, p.pattern), ns)
            elif isinstance(p, URLPattern):
                chain = (*parts, p.pattern)
                template = "".join(str(x) for x in chain)
                if p.name:
                    name = f"{namespace}:{p.name}" if namespace else p.name
                    key = name
                else:
                    name = None
                    key = f"{namespace}:{template}" if namespace else template
                yield Route(key=key, name=name, parts=chain, callback=p.callback)

    for route in walk(get_resolver(urlconf).url_patterns, (), ""):
        seen = routes.get(route.key)
        if seen is None:
            routes[route.key] = route
        elif seen.template != route.template:
            raise AssertionError(
                f"two routes named {route.key!r}: {seen.template}, {route.template}"
            )
        # the same name and pattern again (allauth's signup behind ours): unreachable, skipped
    return tuple(routes.values())


# --- rules ----------------------------------------------------------------------------------


class RuleProblem(Exception):
    pass


def rules_for(route: Route) -> list[Rule]:
    """The route's exact rows (one per variant), else the one glob row that matches it."""
    exact = [r for r in RULES if not r.is_glob and r.route == route.key]
    if exact:
        return exact
    globs = [r for r in RULES if r.is_glob and fnmatch.fnmatchcase(route.key, r.route)]
    if len(globs) > 1:
        raise RuleProblem(
            f"{route.key} ({route.template}) matches several rows: "
            + ", ".join(r.route for r in globs)
        )
    if not globs:
        raise RuleProblem(f"{route.key} ({route.template}) has no row")
    return globs


def coverage_problems(routes: tuple[Route, ...] | None = None) -> list[str]:
    """Routes without a row (or with several), and rows that name no route."""
    problems = []
    keys = set()
    for route in all_routes() if routes is None else routes:
        keys.add(route.key)
        try:
            rules_for(route)
        except RuleProblem as problem:
            problems.append(str(problem))
    for rule in RULES:
        if rule.is_glob:
            if not any(fnmatch.fnmatchcase(k, rule.route) for k in keys):
                problems.append(f"the row {rule.route!r} matches no route")
        elif rule.route not in keys:
            problems.append(f"the row {rule.route!r} names no route")
    labels = [r.label for r in RULES]
    problems += [
        f"two rows for {label!r}" for label in sorted({x for x in labels if labels.count(x) > 1})
    ]
    return problems


def skeleton_row(route: Route) -> str:
    """A row to paste into tests/authz/rules/, to be completed by hand."""
    names = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route.template)
    kwargs = ", ".join(f'"{a or b}": pk("…")' for a, b in names)
    methods = _api_methods(route) or ["GET"]
    access = ", ".join(f"{m}=only(…)" for m in methods)
    kw = f", kwargs={{{kwargs}}}" if kwargs else ""
    return f'row("{route.key}"{kw}, {access}),'


def _api_methods(route: Route) -> list[str] | None:
    """The HTTP methods a DRF view implements (None for other views)."""
    cls = getattr(route.callback, "cls", None)
    if cls is None:
        return None
    from rest_framework.views import APIView

    if not issubclass(cls, APIView):
        return None
    return [m.upper() for m in ("get", "post", "put", "patch", "delete") if hasattr(cls, m)]


def api_method_problems() -> list[str]:
    """API rows must list exactly the methods their view implements."""
    problems = []
    for route in all_routes():
        implemented = _api_methods(route)
        if implemented is None or not route.is_api:
            continue
        for rule in rules_for(route):
            listed = sorted(rule.methods)
            if listed != sorted(implemented):
                problems.append(
                    f"{rule.label}: the row lists {listed}, the view implements {sorted(implemented)}"
                )
    return problems


# --- cells ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    route: Route
    rule: Rule
    method: str
    persona: str
    expected: Any
    known_failure: str | None

    @property
    def id(self) -> str:
        label = f"{self.route.key}[{self.rule.variant}]" if self.rule.variant else self.route.key
        return f"{label}-{self.method}-{self.persona}"


def cells() -> list[Cell]:
    result = []
    for route in all_routes():
        try:
            rules = rules_for(route)
        except RuleProblem:
            continue  # reported by the coverage test
        for rule in rules:
            for method, access in rule.methods.items():
                for persona in PERSONAS:
                    expected = expected_outcome(rule, access, persona, api=route.is_api)
                    known = access.known.get(persona)
                    if (
                        known is None
                        and persona == STAFF_NOTOTP
                        and route.is_api
                        and not rule.mfa_exempt
                        and STAFF_WITHOUT_TOTP_API_TOKENS
                    ):
                        known = STAFF_WITHOUT_TOTP_API_TOKENS
                    result.append(Cell(route, rule, method, persona, expected, known))
    return result


# --- requests -------------------------------------------------------------------------------


@cache
def _redirect_targets() -> dict[str, str]:
    return {
        reverse(settings.LOGIN_URL): LOGIN,
        reverse("mfa_activate_totp"): MFA,
        reverse("admin:login"): ADMIN_LOGIN,
    }


def classify(response) -> str:
    """What a person would notice: served (OK), sent to a login or MFA page, or a refusal."""
    status = response.status_code
    if 300 <= status < 400:
        target = urlsplit(response.headers.get("Location", "")).path
        return _redirect_targets().get(target, OK)
    if status < 300 or status in VALIDATION_STATUSES:
        return OK
    return str(status)


def describe(response) -> str:
    status = response.status_code
    if 300 <= status < 400:
        return f"{status} → {response.headers.get('Location', '')}"
    detail = ""
    if response.get("Content-Type", "").startswith("application/json"):
        with contextlib.suppress(ValueError):
            detail = " " + json.dumps(json.loads(response.content), ensure_ascii=False)[:160]
    return f"{status}{detail}"


def invalid_body(valid: dict | None, *, api: bool) -> Any:
    """A body no view should accept: malformed JSON (API); nonsense in every field (forms)."""
    if api:
        return INVALID_JSON
    fields = [k for k in (valid or {}) if not k.startswith("csrf")] or ["unexpected"]
    return dict.fromkeys(fields, "\u2063invalid\u2063")


def transports(cell: Cell) -> list[str]:
    """How the persona authenticates: a session for pages, a Bearer token for the API.

    Staff without TOTP call the API both ways: the MFA rule must hold for either.
    """
    if cell.persona == ANON:
        return ["none"]
    if cell.route.is_api:
        return ["token", "session"] if cell.persona == STAFF_NOTOTP else ["token"]
    return ["session"]


def build_path(cell: Cell, world) -> str:
    rule = cell.rule
    path = cell.route.path(resolve_refs(dict(rule.kwargs), world, cell.route))
    matched = resolve(path)
    if matched.func is not cell.route.callback:
        raise AssertionError(
            f"{rule.label}: {path} resolves to {matched.view_name}, not to its route"
        )
    query = resolve_refs(dict(rule.query), world, cell.route)
    return path + ("?" + urlencode(query, doseq=True) if query else "")


def send(cell: Cell, world, path: str, *, body_kind: str | None, transport: str):
    client = Client()
    headers = {}
    if transport == "session":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[cell.persona]
    elif transport == "token":
        headers["Authorization"] = f"Bearer {world.tokens[cell.persona]}"
    if body_kind is None:
        return client.generic(cell.method, path, headers=headers)
    rule = cell.rule
    valid = resolve_refs(rule.body, world, cell.route) if rule.body is not None else {}
    data = valid if body_kind == "valid" else invalid_body(valid, api=cell.route.is_api)
    if cell.route.is_api and not (rule.multipart and body_kind == "valid"):
        payload = data if isinstance(data, bytes) else json.dumps(data, default=str)
        return client.generic(cell.method, path, payload, "application/json", headers=headers)
    payload = encode_multipart(BOUNDARY, data)
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    return client.generic(cell.method, path, payload, content_type, headers=headers)


def body_kinds(cell: Cell) -> list[str | None]:
    return ["invalid", "valid"] if cell.method in WRITE_METHODS else [None]


def expected_for(cell: Cell, body_kind: str | None) -> str:
    outcome = outcome_for_body(cell.expected, body_kind)
    if outcome == MFA and cell.route.is_api:
        return E403
    return outcome


def run_cell(cell: Cell, world) -> list[str]:
    """Send the cell's requests and list every answer that differs from the table."""
    problems: list[str] = []
    path = build_path(cell, world)
    for body_kind in body_kinds(cell):
        expected = expected_for(cell, body_kind)
        for transport in transports(cell):
            got, detail, seen = _request(cell, world, path, body_kind, transport, expected)
            what = f"{cell.method} {path}"
            if body_kind:
                what += f" ({body_kind} body)"
            if cell.route.is_api:
                what += f" [{transport}]"
            if got != expected:
                problems.append(f"{what}: expected {expected}, got {got} ({detail})")
            problems += [f"{what}: {problem}" for problem in seen]
    return problems


def _request(cell: Cell, world, path: str, body_kind, transport: str, expected: str):
    """One request, in a savepoint that is rolled back: (outcome, detail, what it showed wrongly)."""
    django_cache.clear()  # rate limits and throttles count in the cache
    seen: list[str] = []
    with transaction.atomic():
        try:
            response = send(cell, world, path, body_kind=body_kind, transport=transport)
        except Exception as exc:  # noqa: BLE001 - an exception is a 500 to the person
            got, detail = "500", f"500 {type(exc).__name__}: {exc}"
        else:
            got, detail = classify(response), describe(response)
            if got == expected == OK and body_kind is None and cell.rule.shows:
                texts = [(resolve_refs(s.text, world, cell.route), s.to) for s in cell.rule.shows]
                seen = seen_problems(response, texts, cell.persona)
        transaction.set_rollback(True)
    world.restore_files()
    return got, detail, seen


def seen_problems(response, texts: list[tuple[str, frozenset]], persona: str) -> list[str]:
    """Texts the persona finds on the page but must not, or must find and does not."""
    if not texts or response.status_code != 200 or response.streaming:
        return []
    body = response.content.decode(response.charset or "utf-8", errors="replace")
    problems = []
    for text, to in texts:
        found = str(text) in body
        if persona in to and not found:
            problems.append(f"does not show {text!r}, which it should")
        elif persona not in to and found:
            problems.append(f"shows {text!r}, which only {sorted(to)} may see")
    return problems
