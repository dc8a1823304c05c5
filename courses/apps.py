from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# What each audit log code of the app means, on staff pages and in the person's own view.
AUDIT_ACTIONS = {
    "courses.enrollment.approved": pgettext_lazy("audit action", "Application approved"),
    "courses.enrollment.rejected": pgettext_lazy("audit action", "Application declined"),
    "courses.enrollment.cancelled": pgettext_lazy("audit action", "Enrollment cancelled by staff"),
    "courses.enrollment.run_cancelled": pgettext_lazy(
        "audit action", "Enrollment cancelled with the run"
    ),
    "courses.enrollment.moved": pgettext_lazy("audit action", "Moved to another run"),
    "courses.run.capacity_changed": pgettext_lazy("audit action", "Capacity changed"),
    "courses.run.cancelled": pgettext_lazy("audit action", "Run cancelled"),
    "courses.attendance.corrected": pgettext_lazy("audit action", "Attendance corrected"),
    "courses.completion.score_changed": pgettext_lazy("audit action", "Assessment score entered"),
    "courses.completion.completed": pgettext_lazy("audit action", "Completion confirmed"),
    "courses.completion.not_completed": pgettext_lazy("audit action", "Judged not completed"),
    "courses.certificate.issued": pgettext_lazy("audit action", "Certificate issued"),
    "courses.certificate.revoked": pgettext_lazy("audit action", "Certificate revoked"),
}


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from consulting.selectors import register_context_provider
        from core import audit, privacy

        from .privacy import (
            erase_certificates,
            erase_enrollments,
            export_certificates,
            export_enrollments,
        )
        from .selectors import counselor_context_section

        privacy.register("enrollments", export=export_enrollments, erase=erase_enrollments)
        privacy.register("certificates", export=export_certificates, erase=erase_certificates)
        audit.register_actions(AUDIT_ACTIONS)
        # Counselors see a person's courses when the person agreed to share them.
        register_context_provider("courses", counselor_context_section)
