from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from . import privacy
        from .api import fields

        fields.install()
        from .audit import entries_about

        def export_audit(user) -> list[dict]:
            return [
                {
                    "time": e.created_at.isoformat(),
                    "action": e.action,
                    "label": e.label,
                    "record": e.object_repr,
                    "by": e.actor.email if e.actor else None,
                    "details": e.data,
                }
                for e in entries_about(user)
            ]

        privacy.register("audit_log", export=export_audit)
