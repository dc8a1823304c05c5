from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What the consulting services write to the audit log (core.audit), as people read it.
AUDIT_ACTIONS = {
    "consulting.booking.confirmed": _("Consultation confirmed"),
    "consulting.booking.declined": _("Consultation request declined"),
    "consulting.booking.cancelled": _("Consultation cancelled by the counselor or center"),
    "consulting.booking.outcome_recorded": _("Consultation outcome recorded"),
    "consulting.booking.no_show": _("Consultation marked as a no-show"),
    "consulting.availability.changed": _("Counselor's hours changed by center staff"),
    "consulting.type.created": _("Consultation type created"),
    "consulting.type.changed": _("Consultation type changed"),
}


class ConsultingConfig(AppConfig):
    name = "consulting"
    verbose_name = _("Consulting")

    def ready(self) -> None:
        from core import audit, privacy, scheduling

        from .privacy import erase_person, export_person
        from .selectors import consultation_at

        privacy.register("consulting", export=export_person, erase=erase_person)
        # Other apps that give a person a time (interviews) check their consultations.
        scheduling.register_busy_source("consulting", consultation_at)
        audit.register_actions(AUDIT_ACTIONS)
