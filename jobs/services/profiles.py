"""Writes for a job seeker's profile: preferences, portfolio images, and erasing it all."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from accounts.consents import EMPLOYER_DISCOVERY
from accounts.models import User
from accounts.services import consents_record
from core.exceptions import ConflictError

from ..models import (
    Application,
    ApplicationEvent,
    Bookmark,
    ContactRequest,
    Interview,
    JobSeekerProfile,
    Message,
    Offer,
    PortfolioImage,
    Recommendation,
    RecommendationState,
    SavedSearch,
    Thread,
)
from . import feed

MAX_PORTFOLIO_IMAGES = 12
# Timeline steps whose detail holds what the candidate wrote (erased with their account).
PERSON_WRITES = (
    ApplicationEvent.Kind.INTERVIEW_TIMES_REQUESTED,
    ApplicationEvent.Kind.INTERVIEW_RESCHEDULED,
    ApplicationEvent.Kind.INTERVIEW_CANCELLED,
    ApplicationEvent.Kind.OFFER_DECLINED,
)


def delete_files_on_commit(files: list[FieldFile]) -> None:
    """Delete stored files once the transaction commits; a rollback keeps them with their rows."""
    doomed = [(f.storage, f.name) for f in files if f]
    if doomed:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in doomed])


def profile_for(user: User) -> JobSeekerProfile:
    profile, _created = JobSeekerProfile.objects.get_or_create(user=user)
    return profile


def profile_update(*, user: User, data: dict[str, Any]) -> JobSeekerProfile:
    """Save job preferences; ``discoverable`` gives or withdraws the "employer_discovery" consent."""
    profile = profile_for(user)
    for key in JobSeekerProfile.DETAIL_FIELDS:
        if key in data:
            setattr(profile, key, data[key])
    if "preferred_districts" in data:
        profile.preferred_districts = ",".join(data["preferred_districts"])
    if "employment_types" in data:
        profile.employment_types = ",".join(data["employment_types"])
    profile.full_clean(exclude=["user"])
    with transaction.atomic():
        profile.save()
        if "discoverable" in data:
            # The same consent as in privacy settings, given or withdrawn here (and logged there).
            consents_record(user=user, granted={EMPLOYER_DISCOVERY: bool(data["discoverable"])})
        feed.trainee_feed_invalidate([user.pk])
    return profile


@transaction.atomic
def portfolio_image_add(*, user: User, image, caption: str = "") -> PortfolioImage:
    """Add a picture of the person's work, at most ``MAX_PORTFOLIO_IMAGES``.

    Locks the person's profile row and counts under the lock, so two uploads at once cannot
    both take the last place.
    """
    profile = JobSeekerProfile.objects.select_for_update().get(pk=profile_for(user).pk)
    if profile.portfolio_images.count() >= MAX_PORTFOLIO_IMAGES:
        raise ConflictError(_("You can keep at most 12 portfolio images."))
    return PortfolioImage.objects.create(profile=profile, image=image, caption=caption or "")


@transaction.atomic
def portfolio_image_delete(*, image: PortfolioImage) -> None:
    """Remove a portfolio image; its file goes once the removal commits."""
    delete_files_on_commit([image.image])
    image.delete()


@transaction.atomic
def person_data_erase(*, user: User) -> None:
    """Delete a person's job profile, résumé (photo, sections), portfolio, lists, saved searches,
    uploaded résumé files and their conversations with companies (messages and attachments).

    Applications stay (employers' records of a hiring process) without the file or cover letter;
    so do interviews (without the person's notes), offers and employments (outcome figures).
    Files are deleted after commit, so a rolled-back erasure leaves them with their rows.
    """
    Recommendation.objects.filter(user=user).delete()
    RecommendationState.objects.filter(user=user).delete()
    images = PortfolioImage.objects.filter(profile__user=user)
    resumes = Application.objects.filter(applicant=user).exclude(resume_file="")
    photos = [p.photo for p in JobSeekerProfile.objects.filter(user=user).exclude(photo="")]
    delete_files_on_commit([i.image for i in images] + [a.resume_file for a in resumes] + photos)
    # The résumé's sections (학력, 경력, 자격증, 어학) go with the profile (CASCADE).
    JobSeekerProfile.objects.filter(user=user).delete()
    Application.objects.filter(applicant=user).update(
        resume_file="", resume_filename="", cover_letter=""
    )
    SavedSearch.objects.filter(user=user).delete()
    Bookmark.objects.filter(user=user).delete()
    # The person's conversations with companies, with their attachments (files after commit).
    threads = Thread.objects.filter(candidate=user)
    delete_files_on_commit(
        [m.attachment for m in Message.objects.filter(thread__in=threads).exclude(attachment="")]
    )
    threads.delete()
    ContactRequest.objects.filter(trainee=user).delete()
    # What the person wrote when asking for other times, cancelling or declining.
    Interview.objects.filter(candidate=user).update(candidate_note="")
    Interview.objects.filter(candidate=user, changed_by=user).update(status_reason="")
    Offer.objects.filter(application__applicant=user, status=Offer.Status.DECLINED).update(
        status_reason=""
    )
    ApplicationEvent.objects.filter(
        application__applicant=user, actor=user, kind__in=PERSON_WRITES
    ).update(detail={})
