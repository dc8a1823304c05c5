"""The plumbing of ``manage.py seed_demo``: find each app's ``demo.py`` and run it.

An app adds demo data by shipping ``<app>/demo.py`` with a ``seed(demo: Demo)``
function. ``seed_demo`` calls them in ``INSTALLED_APPS`` order (so ``courses``
can rely on the centers and counselors ``accounts`` made), all inside one
transaction. Every ``seed`` must be idempotent: look rows up by their natural
key (a slug, an email, a 사업자등록번호) and create only what is missing.
See docs/demo-data.md.
"""

from __future__ import annotations

import importlib
import importlib.util
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.core.management.base import OutputWrapper
from django.core.management.color import Style, no_style

# One password for every demo account, printed at the end. It passes the
# project's password validators (10+ characters, not common, not numeric).
DEMO_PASSWORD = "ilteo-demo-2026"
# Base32 TOTP secret shared by the demo accounts that must use MFA (center
# staff, the admin). Add it to an authenticator app, or print the current code
# with `python manage.py seed_demo --totp-code`.
DEMO_TOTP_SECRET = "ILTEODEMOJONGNOSTAFFTOTP"


@dataclass
class DemoLogin:
    role: str
    email: str
    name: str
    note: str = ""


@dataclass
class Demo:
    """What every app's ``seed`` receives: output, the shared password, and the logins table."""

    stdout: OutputWrapper
    style: Style = field(default_factory=no_style)
    password: str = DEMO_PASSWORD
    totp_secret: str = DEMO_TOTP_SECRET
    logins: list[DemoLogin] = field(default_factory=list)

    def section(self, title: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"· {title}"))

    def log(self, message: str) -> None:
        self.stdout.write(f"  {message}")

    def add_login(self, role: str, email: str, name: str, note: str = "") -> None:
        if not any(login.email == email and login.role == role for login in self.logins):
            self.logins.append(DemoLogin(role=role, email=email, name=name, note=note))


def demo_modules() -> Iterator[tuple[str, ModuleType]]:
    """``(app label, module)`` for each of our apps that has a ``demo.py``, in INSTALLED_APPS order."""
    base = Path(settings.BASE_DIR).resolve()
    for app_config in apps.get_app_configs():
        if not Path(app_config.path).resolve().is_relative_to(base):
            continue  # Django's and third-party apps
        name = f"{app_config.name}.demo"
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        seed: Callable[[Demo], None] | None = getattr(module, "seed", None)
        if callable(seed):
            yield app_config.label, module


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(_width(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        "  ".join(_pad(cell, w) for cell, w in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += [
        "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The current six-digit code for a TOTP secret, as an authenticator app would show it."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
