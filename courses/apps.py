from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from consulting.selectors import register_context_provider
        from core import privacy

        from .privacy import (
            erase_certificates,
            erase_enrollments,
            export_certificates,
            export_enrollments,
        )
        from .selectors import counselor_context_section

        privacy.register("enrollments", export=export_enrollments, erase=erase_enrollments)
        privacy.register("certificates", export=export_certificates, erase=erase_certificates)
        # Counselors see a person's courses when the person agreed to share them.
        register_context_provider("courses", counselor_context_section)
