from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = _("Skills")

    def ready(self) -> None:
        from core import privacy

        from .privacy import erase_skills, export_skills

        privacy.register("skills", export=export_skills, erase=erase_skills)
