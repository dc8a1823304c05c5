from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Jobs")

    def ready(self) -> None:
        from consulting.selectors import register_context_provider
        from core import audit, privacy, scheduling
        from skills import hooks

        from . import public_cache
        from .privacy import erase_person, export_person
        from .selectors import counselor_context_section
        from .services.feed import trainee_feed_invalidate
        from .services.interviews import interview_at

        privacy.register("jobs", export=export_person, erase=erase_person)
        # Anonymous job pages revalidate against a version replaced on every change.
        public_cache.connect()
        # A trainee's stored recommendations follow their skills (skills cannot import jobs).
        hooks.register("jobs.recommendations", trainee_feed_invalidate)
        # Counselors see a person's applications when the person agreed to share them.
        register_context_provider("jobs", counselor_context_section)
        # Consultations are not booked over a confirmed interview (and the reverse).
        scheduling.register_busy_source("jobs", interview_at)
        audit.register_actions(
            {
                "jobs.posting.submitted": pgettext_lazy("audit", "Posting submitted for review"),
                "jobs.posting.approved": pgettext_lazy("audit", "Posting approved and published"),
                "jobs.posting.returned": pgettext_lazy("audit", "Posting returned to the company"),
                "jobs.posting.closed": pgettext_lazy("audit", "Posting closed"),
                "jobs.application.status_changed": pgettext_lazy(
                    "audit", "Application moved in the pipeline"
                ),
                "jobs.contact_request.accepted": pgettext_lazy("audit", "Contact request accepted"),
                "jobs.contact_request.declined": pgettext_lazy("audit", "Contact request declined"),
                "jobs.interview.proposed": pgettext_lazy("audit", "Interview times proposed"),
                "jobs.interview.rescheduled": pgettext_lazy("audit", "Interview rescheduled"),
                "jobs.interview.cancelled": pgettext_lazy(
                    "audit", "Interview cancelled by the company"
                ),
                "jobs.interview.held": pgettext_lazy("audit", "Interview marked as held"),
                "jobs.interview.no_show": pgettext_lazy("audit", "Interview marked as a no-show"),
                "jobs.offer.made": pgettext_lazy("audit", "Job offer made"),
                "jobs.offer.withdrawn": pgettext_lazy("audit", "Job offer withdrawn"),
                "jobs.application.hire_recorded": pgettext_lazy(
                    "audit", "Hire recorded by center staff"
                ),
                "jobs.thread.reported": pgettext_lazy("audit", "Conversation reported for abuse"),
                "jobs.thread.opened_by_staff": pgettext_lazy(
                    "audit", "Reported conversation read by center staff"
                ),
            }
        )
