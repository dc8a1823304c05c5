"""Erasing a person's job data: what goes, what stays, and files only once the erasure commits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core import privacy
from jobs import services
from jobs.models import Application, JobSeekerProfile, PortfolioImage, SavedSearch

from .conftest import pdf_upload
from .conftest import png_upload as png


def _alice_with_files(posting, alice):
    application = services.application_create(
        posting=posting, applicant=alice, cover_letter="지원합니다", resume_file=pdf_upload()
    )
    image = services.portfolio_image_add(user=alice, image=png(), caption="반지")
    services.saved_search_create(user=alice, name="종로", params={"district": "jongno"})
    return application.resume_file, image.image


class TestErasure:
    def test_it_erases_the_profile_and_files_and_keeps_the_application(
        self, posting, alice, django_capture_on_commit_callbacks
    ):
        resume, picture = _alice_with_files(posting, alice)
        with django_capture_on_commit_callbacks(execute=True):
            privacy.erase_user_data(alice)  # the eraser jobs registers
        application = Application.objects.get(applicant=alice)
        assert not application.resume_file
        assert application.cover_letter == ""
        assert not JobSeekerProfile.objects.filter(user=alice).exists()
        assert not PortfolioImage.objects.exists()
        assert not SavedSearch.objects.filter(user=alice).exists()
        assert not resume.storage.exists(resume.name)
        assert not picture.storage.exists(picture.name)

    def test_a_rolled_back_erasure_keeps_the_files(
        self, posting, alice, django_capture_on_commit_callbacks
    ):
        resume, picture = _alice_with_files(posting, alice)
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    services.person_data_erase(user=alice)
                    raise ValidationError("account deletion failed further on")
            except ValidationError:
                pass
        assert resume.storage.exists(resume.name)
        assert picture.storage.exists(picture.name)
        assert Application.objects.get(applicant=alice).resume_file.name == resume.name
        assert PortfolioImage.objects.filter(profile__user=alice).count() == 1
