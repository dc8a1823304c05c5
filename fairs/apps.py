from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "fairs"
    verbose_name = _("Job fairs")

    def ready(self) -> None:
        from core import privacy
        from core.audit import register_actions

        from .privacy import erase_fairs_data, export_fairs_data

        privacy.register("fairs", export=export_fairs_data, erase=erase_fairs_data)
        register_actions(
            {
                "fairs.fair.created": _("Fair created"),
                "fairs.fair.updated": _("Fair changed"),
                "fairs.fair.status_changed": _("Fair status changed"),
                "fairs.booth.invited": _("Company invited to the fair"),
                "fairs.booth.requested": _("Company asked for a booth"),
                "fairs.booth.approved": _("Booth approved"),
                "fairs.booth.declined": _("Booth declined"),
                "fairs.slots.published": _("Interview slots published"),
                "fairs.interview.cancelled": _("Fair interview cancelled by the booth"),
                "fairs.interview.held": _("Fair interview marked held"),
                "fairs.interview.no_show": _("Fair interview marked no-show"),
                "fairs.draw.ran": _("Interview draw run"),
                "fairs.conversation.next_step": _("Next step recorded after a fair conversation"),
            }
        )
