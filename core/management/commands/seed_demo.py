"""``python manage.py seed_demo``: demo centers, people and data, safe to run again.

Each app contributes through its own ``demo.py`` (see core/seeding.py and
docs/demo-data.md); this command runs them in INSTALLED_APPS order inside one
transaction and prints the demo logins.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.management.base import BaseCommand, no_translations
from django.db import transaction

from core.seeding import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    Demo,
    demo_modules,
    format_table,
    totp_code,
)

ROLE_ORDER = ["admin", "staff", "counselor", "employer", "trainee"]


def _row_counts() -> dict[str, int]:
    """Rows per model of our apps and of the allauth tables the demo fills."""
    counts = {}
    for model in apps.get_models():
        app_label = model._meta.app_label
        if model._meta.proxy or not model._meta.managed:
            continue
        ours = str(apps.get_app_config(app_label).path).startswith(str(settings.BASE_DIR))
        if ours or app_label in ("account", "mfa"):
            counts[model._meta.label] = model._default_manager.count()
    return counts


class Command(BaseCommand):
    help = "Create the demo centers, people and data (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--totp-code",
            action="store_true",
            help="Only print the current two-factor code of the demo staff and admin accounts.",
        )

    @no_translations
    def handle(self, *args, **options):
        if options["totp_code"]:
            self.stdout.write(totp_code())
            return

        password_validation.validate_password(DEMO_PASSWORD)
        demo = Demo(stdout=self.stdout, style=self.style)
        before = _row_counts()
        with transaction.atomic():
            for label, module in demo_modules():
                self.stdout.write(self.style.MIGRATE_HEADING(f"[{label}]"))
                module.seed(demo)
        after = _row_counts()

        added = {
            label: after[label] - before.get(label, 0)
            for label in after
            if after[label] != before.get(label, 0)
        }
        self.stdout.write("")
        if added:
            summary = ", ".join(f"{label} +{n}" for label, n in sorted(added.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {summary}"))
        else:
            self.stdout.write(
                self.style.SUCCESS("Demo data already present: nothing new was created.")
            )
        self._print_logins(demo)

    def _print_logins(self, demo: Demo) -> None:
        logins = sorted(
            demo.logins,
            key=lambda login: ROLE_ORDER.index(login.role) if login.role in ROLE_ORDER else 99,
        )
        rows = [[login.role, login.email, login.name, login.note] for login in logins]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        self.stdout.write(format_table(["role", "email", "name", "note"], rows))
        self.stdout.write("")
        self.stdout.write(f"Password for every demo account: {demo.password}")
        self.stdout.write(
            "Staff and admin accounts use two-factor authentication (TOTP). "
            f"Secret: {DEMO_TOTP_SECRET} (add it to an authenticator app), "
            "or print the current code with: python manage.py seed_demo --totp-code"
        )
        self.stdout.write(f"Sign in at {settings.SITE_URL}/accounts/login/")
