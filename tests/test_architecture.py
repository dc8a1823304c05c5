"""Dependencies point one way (docs/architecture.md, "Dependencies point one way").

Every module of our apps is parsed with ``ast`` (nothing is imported), and two rules
are checked:

1. **Direction.** An app imports only the apps it depends on, at module level or
   inside a function alike:

       core ← accounts ← skills ← courses ← jobs ← fairs
       consulting depends on core, accounts and skills; it sits between skills and
         courses (INSTALLED_APPS order), so courses, jobs and fairs may import it
         (they fill its registry of what counselors see about a person)
       search and reports may read every app above
       nobody imports search or reports (only config/ wires them in)

   core's shared modules (permissions, audit, emails, pdf, api, privacy, video, …)
   import no app at all: an app that needs to act on the apps to its right offers a
   registry that they fill in their ``AppConfig.ready()``.

2. **No module-level cycles inside an app.** The service imports the task at the
   top; the task imports the service inside its function. Imports inside
   functions and under ``if TYPE_CHECKING:`` do not run at import time and so
   break a cycle; imports in a class body do run and do not. Two modules that
   import each other do it in one deliberate direction: one side at the top, the
   other inside a function, never lazily on both sides; for services and tasks the
   top-level side is the service's.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHAIN = ["core", "accounts", "skills", "courses", "jobs", "fairs"]
READERS = ["search", "reports"]  # may read every app in CHAIN and consulting
APPS = [*CHAIN, "consulting", *READERS]

# Which apps each app may import (besides itself).
ALLOWED: dict[str, set[str]] = {app: set(CHAIN[:i]) for i, app in enumerate(CHAIN)}
ALLOWED["consulting"] = {"core", "accounts", "skills"}
for _app in CHAIN[CHAIN.index("courses") :]:
    ALLOWED[_app].add("consulting")
for _reader in READERS:
    ALLOWED[_reader] = {*CHAIN, "consulting"}


@dataclass(frozen=True)
class Import:
    path: str  # relative to the project root, e.g. "jobs/services.py"
    target: str  # the absolute module name imported, e.g. "courses.selectors"
    line: int
    at_import_time: bool  # module level (or a class body), not inside a function


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_files(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "__pycache__" not in p.parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, at_import_time: bool) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _walk(child, False)
        elif isinstance(child, ast.If) and _is_type_checking(child):
            for stmt in child.body:
                yield from _walk(stmt, False)
                yield stmt, False
            for stmt in child.orelse:
                yield stmt, at_import_time
                yield from _walk(stmt, at_import_time)
        else:
            yield child, at_import_time
            yield from _walk(child, at_import_time)


def imports_of(path: Path) -> list[Import]:
    """Every import in a file, with relative imports resolved to absolute module names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    rel = str(path.relative_to(ROOT))
    found = []
    for node, at_import_time in _walk(tree, True):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(rel, alias.name, node.lineno, at_import_time))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            for alias in node.names:
                # "from pkg import name": name may be a submodule; resolved against files below.
                found.append(Import(rel, f"{prefix}.{alias.name}", node.lineno, at_import_time))
    return found


def all_imports() -> list[Import]:
    return [imp for app in APPS for path in app_files(app) for imp in imports_of(path)]


def wrong_way_imports() -> dict[tuple[str, str], list[Import]]:
    found: dict[tuple[str, str], list[Import]] = {}
    for imp in all_imports():
        source_app = imp.path.split("/")[0]
        target_app = imp.target.split(".")[0]
        if target_app in APPS and target_app not in ALLOWED[source_app] | {source_app}:
            found.setdefault((imp.path, target_app), []).append(imp)
    return found


def _existing_module(name: str, modules: set[str]) -> str | None:
    """The longest prefix of ``name`` that is one of our modules."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def import_time_graph(app: str) -> dict[str, set[str]]:
    """Module → modules of the same app it imports at import time (parents' __init__ included)."""
    files = {module_name(p): p for p in app_files(app)}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        for imp in imports_of(path):
            if not imp.at_import_time or imp.target.split(".")[0] != app:
                continue
            target = _existing_module(imp.target, set(files))
            if target is None:
                continue
            # Importing a.b.c runs a/__init__, a/b/__init__, then a/b/c.
            parts = target.split(".")
            for end in range(1, len(parts) + 1):
                step = ".".join(parts[:end])
                if step in files and step != name and not name.startswith(step + "."):
                    graph[name].add(step)
    return graph


def mutual_imports(app: str) -> dict[frozenset[str], dict[str, bool]]:
    """Pairs of modules of one app that import each other: for each side, whether at import time."""
    files = {module_name(p): p for p in app_files(app)}
    edges: dict[tuple[str, str], bool] = {}
    for name, path in files.items():
        for imp in imports_of(path):
            if imp.target.split(".")[0] != app:
                continue
            target = _existing_module(imp.target, set(files))
            if target is None or target == name or name.startswith(target + "."):
                continue
            edges[(name, target)] = edges.get((name, target), False) or imp.at_import_time
    return {
        frozenset({a, b}): {a: top, b: edges[(b, a)]}
        for (a, b), top in edges.items()
        if (b, a) in edges and a < b
    }


def _role(module: str) -> str:
    """ "services" for courses.services and courses.services.enrollment; likewise for tasks."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def undeliberate_mutual_imports() -> dict[frozenset[str], str]:
    """Mutual imports not broken in one direction: lazy on both sides, or a task importing
    its service at the top while the service imports it lazily."""
    found = {}
    for app in APPS:
        for pair, top in mutual_imports(app).items():
            a, b = sorted(pair)
            if not top[a] and not top[b]:
                found[frozenset(_path_of(m) for m in pair)] = "lazy on both sides"
            elif {_role(a), _role(b)} == {"services", "tasks"}:
                tasks = a if _role(a) == "tasks" else b
                if top[tasks]:
                    found[frozenset(_path_of(m) for m in pair)] = (
                        "the task imports the service at the top: import the task at the top "
                        "of the service, and the service inside the task"
                    )
    return found


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _path_of(module: str) -> str:
    path = ROOT / Path(*module.split("."))
    return str(
        (path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).relative_to(ROOT)
    )


def all_cycles() -> set[frozenset[str]]:
    return {
        frozenset(_path_of(m) for m in component)
        for app in APPS
        for component in cycles(import_time_graph(app))
    }


class TestDirection:
    def test_no_app_imports_an_app_it_must_not(self):
        new = dict(sorted(wrong_way_imports().items()))
        assert not new, "imports against the dependency order:\n" + "\n".join(
            f"  {imp.path}:{imp.line} imports {imp.target} ({key[1]} is not allowed here)"
            for key, imps in new.items()
            for imp in imps
        )

    def test_core_imports_no_app(self):
        offenders = [
            f"{imp.path}:{imp.line} imports {imp.target}"
            for path in app_files("core")
            for imp in imports_of(path)
            if imp.target.split(".")[0] in APPS and imp.target.split(".")[0] != "core"
        ]
        assert offenders == []


class TestCycles:
    def test_no_app_has_an_import_time_cycle(self):
        new = all_cycles()
        assert not new, "module-level import cycles (import one side inside a function):\n" + (
            "\n".join(f"  {' ↔ '.join(sorted(c))}" for c in sorted(new, key=sorted))
        )


class TestMutualImports:
    def test_two_modules_that_import_each_other_do_it_in_one_direction(self):
        new = undeliberate_mutual_imports()
        assert not new, "mutual imports:\n" + "\n".join(
            f"  {' ↔ '.join(sorted(pair))}: {why}" for pair, why in new.items()
        )


def _write(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


class TestTheCheckerItself:
    """The rules above are only as good as the parser: it must see what Python would run."""

    @pytest.fixture
    def project(self, tmp_path, monkeypatch):
        monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
        return tmp_path

    def test_it_resolves_relative_and_lazy_imports(self, project):
        _write(
            project,
            {
                "jobs/__init__.py": "",
                "jobs/services.py": (
                    "from . import tasks\n"
                    "from .models import Posting\n"
                    "def f():\n"
                    "    from fairs.models import Booth\n"
                ),
            },
        )
        found = {(i.target, i.at_import_time) for i in imports_of(project / "jobs/services.py")}
        assert found == {
            ("jobs.tasks", True),
            ("jobs.models.Posting", True),
            ("fairs.models.Booth", False),
        }

    def test_it_finds_imports_against_the_order_even_inside_a_function(self, project):
        _write(
            project,
            {
                "skills/__init__.py": "",
                "skills/x.py": "def f():\n    import jobs.models\n",
                "consulting/__init__.py": "",
                "consulting/y.py": "from courses.models import Run\nfrom skills import x\n",
                "jobs/__init__.py": "",
                "jobs/z.py": "from consulting.y import f\nfrom search import index\n",
                "core/__init__.py": "",
                "core/w.py": "from accounts.models import User\n",
            },
        )
        assert sorted(wrong_way_imports()) == [
            ("consulting/y.py", "courses"),
            ("core/w.py", "accounts"),
            ("jobs/z.py", "search"),
            ("skills/x.py", "jobs"),
        ]

    def test_it_finds_a_cycle_through_a_package_init(self, project):
        _write(
            project,
            {
                "courses/__init__.py": "",
                "courses/services/__init__.py": "from .enrollment import enroll\n",
                "courses/services/enrollment.py": "from courses.tasks import send\n",
                "courses/tasks.py": "from courses.services import enroll\n",
            },
        )
        assert cycles(import_time_graph("courses")) == [
            frozenset({"courses.services", "courses.services.enrollment", "courses.tasks"})
        ]

    def test_a_lazy_import_or_type_checking_breaks_a_cycle_and_a_class_body_does_not(self, project):
        _write(
            project,
            {
                "jobs/__init__.py": "",
                "jobs/services.py": "from jobs import tasks\n",
                "jobs/tasks.py": (
                    "from typing import TYPE_CHECKING\n"
                    "if TYPE_CHECKING:\n"
                    "    from jobs.services import x\n"
                    "def run():\n"
                    "    from jobs.services import x\n"
                ),
                "jobs/admin.py": "from jobs import forms\n",
                "jobs/forms.py": "class F:\n    from jobs import admin\n",
            },
        )
        assert cycles(import_time_graph("jobs")) == [frozenset({"jobs.admin", "jobs.forms"})]

    def test_it_wants_one_deliberate_direction_between_services_and_tasks(self, project):
        _write(
            project,
            {
                "consulting/__init__.py": "",
                "consulting/services.py": "def book():\n    from consulting.tasks import remind\n",
                "consulting/tasks.py": "def remind():\n    from consulting.services import book\n",
                "courses/__init__.py": "",
                "courses/services.py": "def enroll():\n    from courses import tasks\n",
                "courses/tasks.py": "from courses import services\n",
                "jobs/__init__.py": "",
                "jobs/services.py": "from jobs import tasks\n",
                "jobs/tasks.py": "def run():\n    from jobs import services\n",
            },
        )
        assert undeliberate_mutual_imports() == {
            frozenset({"consulting/services.py", "consulting/tasks.py"}): "lazy on both sides",
            frozenset({"courses/services.py", "courses/tasks.py"}): (
                "the task imports the service at the top: import the task at the top "
                "of the service, and the service inside the task"
            ),
        }
