from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Jobs")

    def ready(self) -> None:
        from core import privacy
        from skills import hooks

        from .feed import trainee_feed_invalidate
        from .selectors import export_jobs_data

        privacy.register("jobs", export=export_jobs_data, erase=_erase_jobs_data)
        # A trainee's stored recommendations follow their skills (skills cannot import jobs).
        hooks.register("jobs.recommendations", trainee_feed_invalidate)

        from consulting.selectors import register_context_provider

        from .selectors import counselor_context_section

        # Counselors see a person's applications when the person agreed to share them.
        register_context_provider("jobs", counselor_context_section)


def _erase_jobs_data(user) -> None:
    """Delete a person's job profile, portfolio, saved searches and uploaded résumé files.

    Applications stay (employers' records of a hiring process) without the file or cover letter.
    """
    from .models import (
        Application,
        ContactRequest,
        JobSeekerProfile,
        Recommendation,
        RecommendationState,
        SavedSearch,
    )

    Recommendation.objects.filter(user=user).delete()
    RecommendationState.objects.filter(user=user).delete()

    for profile in JobSeekerProfile.objects.filter(user=user):
        for image in profile.portfolio_images.all():
            image.image.delete(save=False)
        profile.delete()
    for application in Application.objects.filter(applicant=user).exclude(resume_file=""):
        application.resume_file.delete(save=False)
    Application.objects.filter(applicant=user).update(
        resume_file="", resume_filename="", cover_letter=""
    )
    SavedSearch.objects.filter(user=user).delete()
    ContactRequest.objects.filter(trainee=user).delete()
