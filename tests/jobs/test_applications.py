import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jobs import services
from jobs.models import Application, ApplicationEvent, EmployerNote

from .conftest import docx_upload, hwp_upload, pdf_upload


class TestApply:
    def test_it_applies_with_a_pdf_stored_under_a_random_name(self, posting, alice):
        application = services.application_create(
            posting=posting, applicant=alice, cover_letter="안녕하세요", resume_file=pdf_upload()
        )
        assert application.resume_filename == "이력서.pdf"
        assert "이력서" not in application.resume_file.name
        assert application.resume_file.storage.exists(application.resume_file.name)
        assert application.events.count() == 1

    @pytest.mark.parametrize("upload", [docx_upload, hwp_upload])
    def test_it_accepts_docx_and_hwp_by_content(self, posting, alice, upload):
        application = services.application_create(
            posting=posting, applicant=alice, resume_file=upload()
        )
        assert application.resume_content_type

    def test_it_rejects_a_renamed_file(self, posting, alice):
        fake = SimpleUploadedFile("resume.pdf", b"MZ\x90\x00 this is an exe")
        with pytest.raises(ValidationError) as exc:
            services.application_create(posting=posting, applicant=alice, resume_file=fake)
        assert "resume_file" in exc.value.message_dict
        assert not Application.objects.exists()

    def test_it_rejects_a_file_over_10_mb(self, posting, alice):
        with pytest.raises(ValidationError):
            services.application_create(
                posting=posting, applicant=alice, resume_file=pdf_upload(size=10 * 1024 * 1024 + 1)
            )
        assert not Application.objects.exists()

    @pytest.mark.parametrize("name", ["bad\x00name.pdf", "a\nb.pdf", "x" * 200 + ".pdf"])
    def test_it_rejects_hostile_names(self, posting, alice, name):
        with pytest.raises(ValidationError):
            services.application_create(
                posting=posting, applicant=alice, resume_file=pdf_upload(name=name)
            )
        assert not Application.objects.exists()

    def test_it_refuses_a_second_application(self, posting, alice):
        services.application_create(posting=posting, applicant=alice)
        with pytest.raises(ValidationError):
            services.application_create(posting=posting, applicant=alice)
        assert Application.objects.count() == 1

    def test_it_refuses_a_closed_posting(self, posting, alice, bob):
        services.posting_close(posting=posting, by=bob)
        posting.refresh_from_db()
        with pytest.raises(ValidationError):
            services.application_create(posting=posting, applicant=alice)
        assert not Application.objects.exists()


class TestPipeline:
    def test_each_step_is_recorded_and_notified(
        self, posting, alice, bob, django_capture_on_commit_callbacks
    ):
        application = services.application_create(posting=posting, applicant=alice)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            for status in ("screening", "interview", "offer", "rejected"):
                services.application_set_status(application=application, status=status, by=bob)
        application.refresh_from_db()
        assert application.status == "rejected"
        assert list(application.events.values_list("to_status", flat=True)) == [
            "submitted",
            "screening",
            "interview",
            "offer",
            "rejected",
        ]
        assert len([m for m in mail.outbox if m.to == [alice.email]]) == 4

    def test_hired_is_not_a_move_the_employer_makes(self, posting, alice, bob):
        """취업 follows an accepted offer (tests/jobs/test_offers.py) or a staff record."""
        application = services.application_create(posting=posting, applicant=alice)
        with pytest.raises(ValidationError):
            services.application_set_status(application=application, status="hired", by=bob)
        application.refresh_from_db()
        assert application.status == "submitted"
        assert not application.events.filter(to_status="hired").exists()

    def test_notes_are_kept_privately(self, posting, alice, bob):
        application = services.application_create(posting=posting, applicant=alice)
        services.application_set_status(
            application=application, status="", by=bob, note="포트폴리오 우수"
        )
        assert EmployerNote.objects.get().body == "포트폴리오 우수"

    def test_the_trainee_withdraws_and_the_employer_cannot_move_it_again(self, posting, alice, bob):
        application = services.application_create(posting=posting, applicant=alice)
        services.application_withdraw(application=application, by=alice)
        with pytest.raises(ValidationError):
            services.application_set_status(application=application, status="interview", by=bob)
        assert ApplicationEvent.objects.filter(to_status="withdrawn").count() == 1
