"""Who may see a person's résumé, contact details, photo and portfolio, and the résumé itself."""

from __future__ import annotations

from django.http import Http404

from accounts.consents import EMPLOYER_DISCOVERY
from accounts.models import User
from accounts.selectors import consenting_user_ids, has_consent

from ..models import (
    Application,
    ContactRequest,
    EducationEntry,
    JobSeekerProfile,
    LanguageSkill,
    License,
    PortfolioImage,
    WorkExperience,
)
from .employers import member_company_ids


def get_portfolio_image_for_viewer(user: User, image_id: int) -> PortfolioImage:
    """A portfolio image, for its owner and whoever may see their résumé; else 404."""
    image = PortfolioImage.objects.select_related("profile__user").filter(pk=image_id).first()
    if image is None or not can_see_profile(user, image.profile.user):
        raise Http404
    return image


def is_discoverable(trainee: User) -> bool:
    """Whether employers may find the person now: their "employer_discovery" consent is in force."""
    return has_consent(trainee, EMPLOYER_DISCOVERY)


def staff_serve(viewer: User, trainee: User) -> bool:
    """Whether ``viewer`` is staff of a center that serves ``trainee``: the trainee enrolled in
    one of its courses (any status: the center holds their file) or applied to a posting it
    reviews. Staff of other centers see nothing of the person."""
    centers = viewer.staff_center_ids() if viewer.is_authenticated else []
    if not centers:
        return False
    from courses.models import Enrollment

    return (
        Enrollment.objects.filter(user=trainee, run__course__center_id__in=centers).exists()
        or Application.objects.filter(applicant=trainee, posting__center_id__in=centers).exists()
    )


def can_see_contact(viewer: User, trainee: User) -> bool:
    """Contact details: the person, staff of a center that serves them (``staff_serve``), a
    company they applied to, or one whose request they accepted while they still consent to
    being discovered (withdrawing ends what it gave)."""
    if viewer.pk == trainee.pk or staff_serve(viewer, trainee):
        return True
    companies = member_company_ids(viewer)
    if not companies:
        return False
    return (
        Application.objects.filter(applicant=trainee, posting__company_id__in=companies).exists()
        or ContactRequest.objects.filter(
            trainee=trainee,
            trainee__in=consenting_user_ids(EMPLOYER_DISCOVERY),
            company_id__in=companies,
            status=ContactRequest.Status.ACCEPTED,
        ).exists()
    )


def can_see_profile(viewer: User, trainee: User) -> bool:
    """The résumé (without contact): applied to the viewer's company, or discoverable to employers."""
    if can_see_contact(viewer, trainee):
        return True
    return bool(member_company_ids(viewer)) and is_discoverable(trainee)


def get_trainee_for_employer(viewer: User, trainee_id: int) -> User:
    trainee = User.objects.filter(pk=trainee_id, is_trainee=True, is_active=True).first()
    if trainee is None or not can_see_profile(viewer, trainee):
        raise Http404
    return trainee


def resume_context(user: User, *, viewer: User | None = None) -> dict:
    """Everything the platform résumé shows (``jobs.resume``); contact details and the photo
    only when ``viewer`` may see them (``can_see_contact``; no viewer means the person)."""
    from ..resume import build_resume_context

    show_contact = viewer is None or can_see_contact(viewer, user)
    return build_resume_context(user, show_contact=show_contact)


RESUME_SECTION_MODELS = {
    "education": EducationEntry,
    "work": WorkExperience,
    "licenses": License,
    "languages": LanguageSkill,
}


def get_resume_row_for_owner(user: User, section: str, pk: int):
    """One row of the person's own résumé section; another person's row or section is 404."""
    model = RESUME_SECTION_MODELS.get(section)
    row = model and model.objects.filter(pk=pk, profile__user=user).first()
    if not row:
        raise Http404
    return row


def get_profile_photo_for_viewer(viewer: User, trainee_id: int) -> JobSeekerProfile:
    """A person's profile with a photo, for them and whoever may see their contact details."""
    profile = JobSeekerProfile.objects.select_related("user").filter(user_id=trainee_id).first()
    if (
        profile is None
        or not profile.photo
        or not viewer.is_authenticated
        or not can_see_contact(viewer, profile.user)
    ):
        raise Http404
    return profile
