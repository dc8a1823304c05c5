from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultingConfig(AppConfig):
    name = "consulting"
    verbose_name = _("Consulting")

    def ready(self) -> None:
        from core import privacy

        from .privacy import erase_person, export_person

        privacy.register("consulting", export=export_person, erase=erase_person)
