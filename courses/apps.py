from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from core import privacy

        from .privacy import erase_enrollments, export_enrollments

        privacy.register("enrollments", export=export_enrollments, erase=erase_enrollments)

        from .completion_privacy import erase_certificates, export_certificates

        privacy.register("certificates", export=export_certificates, erase=erase_certificates)

        from consulting.selectors import register_context_provider

        from .selectors import counselor_context_section

        # Counselors see a person's courses when the person agreed to share them.
        register_context_provider("courses", counselor_context_section)
