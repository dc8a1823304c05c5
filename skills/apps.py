from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What the skills services write to the audit log (core.audit), as people read it.
AUDIT_ACTIONS = {
    "skills.trainee_skill.added": _("Skill added by center staff"),
    "skills.trainee_skill.corrected": _("Skill corrected by center staff"),
    "skills.trainee_skill.removed": _("Skill removed by center staff"),
}


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = _("Skills")

    def ready(self) -> None:
        from core import audit, privacy

        from .privacy import erase_skills, export_skills

        privacy.register("skills", export=export_skills, erase=erase_skills)
        audit.register_actions(AUDIT_ACTIONS)
