"""Every environment variable the settings read is documented in .env.example."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_DIR = ROOT / "config" / "settings"
ENV_EXAMPLE = ROOT / ".env.example"
# Read by manage.py / wsgi.py / asgi.py rather than by the settings.
DOCUMENTED_ELSEWHERE = {"DJANGO_SETTINGS_MODULE"}


def _env_reads(tree: ast.AST) -> tuple[set[str], set[str]]:
    """Names passed to ``env(...)`` / ``env.<cast>(...)``, and f-string names as regex patterns."""
    names: set[str] = set()
    patterns: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        is_env = (isinstance(func, ast.Name) and func.id == "env") or (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "env"
        )
        if not is_env:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
        elif isinstance(first, ast.JoinedStr):
            parts = [
                re.escape(v.value) if isinstance(v, ast.Constant) else "[A-Z0-9_]+"
                for v in first.values
            ]
            patterns.add("^" + "".join(parts) + "$")
    return names, patterns


def settings_env_vars() -> tuple[set[str], set[str]]:
    names: set[str] = set()
    patterns: set[str] = set()
    for path in sorted(SETTINGS_DIR.glob("*.py")):
        found, found_patterns = _env_reads(ast.parse(path.read_text(encoding="utf-8")))
        names |= found
        patterns |= found_patterns
    return names, patterns


def documented_vars() -> set[str]:
    """``NAME=`` lines, commented out (``# NAME=``) or not."""
    return set(
        re.findall(
            r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.MULTILINE
        )
    )


class TestEnvExample:
    def test_it_finds_the_variables_the_settings_read(self):
        names, patterns = settings_env_vars()
        # A guard against the parser silently finding nothing.
        assert {"DATABASE_URL", "SECRET_KEY", "CELERY_BROKER_URL", "SECURE_HSTS_SECONDS"} <= names
        assert patterns, "expected the social-login f-strings (GOOGLE_CLIENT_ID, …)"

    def test_it_documents_every_variable_the_settings_read(self):
        names, _patterns = settings_env_vars()
        missing = sorted(names - documented_vars())
        assert not missing, f"add these to .env.example with a comment and their default: {missing}"

    def test_it_documents_variables_whose_names_are_built(self):
        _names, patterns = settings_env_vars()
        documented = documented_vars()
        for pattern in patterns:
            assert any(re.match(pattern, name) for name in documented), (
                f"no variable in .env.example matches {pattern}"
            )
        for provider in ("GOOGLE", "KAKAO", "NAVER"):
            assert {f"{provider}_CLIENT_ID", f"{provider}_CLIENT_SECRET"} <= documented

    def test_it_documents_nothing_the_settings_do_not_read(self):
        names, patterns = settings_env_vars()
        stale = sorted(
            name
            for name in documented_vars() - names - DOCUMENTED_ELSEWHERE
            if not any(re.match(p, name) for p in patterns)
        )
        assert not stale, f".env.example documents variables nothing reads: {stale}"

    def test_every_variable_has_a_comment_saying_what_it_does(self):
        lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            match = re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=", line)
            if not match:
                continue
            before = lines[index - 1] if index else ""
            assert before.startswith("#"), f"{match.group(1)} needs a comment above it"
