from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

AUDIT_ACTIONS = {
    "reports.exclusion.recorded": pgettext_lazy(
        "audit action", "Completer excluded from the employment rate"
    ),
    "reports.exclusion.removed": pgettext_lazy(
        "audit action", "Completer counted in the employment rate again"
    ),
    "reports.employment.recorded": pgettext_lazy(
        "audit action", "Employment recorded from a follow-up"
    ),
}


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Outcome reports")

    def ready(self) -> None:
        from core import audit

        audit.register_actions(AUDIT_ACTIONS)

        from . import signals

        signals.connect()
