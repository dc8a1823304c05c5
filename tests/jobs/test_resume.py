"""The full résumé: its sections and their dates, the introduction's limit, the photo's checks,
the previews and the PDF an employer downloads, and who may see what."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from accounts.consents import EMPLOYER_DISCOVERY
from accounts.services import consents_record
from core.privacy import export_user_data
from jobs import services
from jobs.models import EducationEntry, JobSeekerProfile, LanguageSkill, License, WorkExperience
from jobs.resume import resume_pdf_bytes
from skills.models import TraineeSkill
from tests.core.test_pdf import pdf_text

from .conftest import give_skill

# 2026-03-10 09:00 in Seoul: "today" for every date rule below.
NOW = dt.datetime(2026, 3, 10, 0, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def jpeg_with_exif(size=(2400, 3200), *, orientation: int | None = None) -> bytes:
    """A camera-like JPEG whose EXIF names the camera and a GPS position."""
    image = Image.new("RGB", size, (200, 170, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    if orientation:
        exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (37.0, 34.0, 12.0), 3: "E", 4: (126.0, 59.0, 30.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=95)
    return buffer.getvalue()


def pdf_images(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) of every picture drawn in the PDF, inside form XObjects too."""
    found = []

    def walk(resources):
        xobjects = resources.get("/XObject") if resources else None
        for ref in (xobjects.get_object() if xobjects else {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((obj["/Width"], obj["/Height"]))
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        walk(page["/Resources"])
    return found


def upload(data: bytes, name="me.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def full_resume(user) -> JobSeekerProfile:
    services.profile_update(user=user, data={"headline": "보석 감정사 지망"})
    services.resume_basics_update(
        user=user,
        data={"address": "서울 종로구", "introduction": "원석을 보는 눈을 키워 왔습니다."},
    )
    services.resume_row_save(
        user=user,
        section="education",
        data={
            "school": "한국주얼리직업전문학교",
            "major": "보석감정",
            "degree": "other",
            "status": "graduated",
            "start_date": dt.date(2022, 3, 2),
            "end_date": dt.date(2024, 2, 16),
        },
    )
    services.resume_row_save(
        user=user,
        section="work",
        data={
            "company": "종로귀금속상사",
            "title": "감정 보조",
            "start_date": dt.date(2024, 3, 4),
            "end_date": None,
            "duties": "다이아몬드 4C 1차 판정",
        },
    )
    services.resume_row_save(
        user=user,
        section="licenses",
        data={
            "name": "보석감정기능사",
            "issuer": "한국산업인력공단",
            "acquired_on": dt.date(2023, 9, 1),
            "number": "23-123456",
        },
    )
    services.resume_row_save(
        user=user,
        section="languages",
        data={"language": "영어", "level": "business", "test_name": "TOEIC", "score": "850"},
    )
    services.profile_photo_set(user=user, upload=upload(jpeg_with_exif()))
    return JobSeekerProfile.objects.get(user=user)


def applied(alice, posting):
    return services.application_create(
        posting=posting,
        applicant=alice,
        cover_letter="",
        resume_file=None,
        use_platform_resume=True,
    )


class TestSections:
    def test_a_trainee_adds_edits_and_deletes_a_row_of_each_section(self, client, alice):
        client.force_login(alice)
        bodies = {
            "education": {
                "school": "서울공업고등학교",
                "major": "귀금속공예",
                "degree": "high_school",
                "status": "graduated",
                "start_date": "2016-03-02",
                "end_date": "2019-02-14",
            },
            "work": {"company": "세운주얼리", "title": "세팅 보조", "start_date": "2019-03-04"},
            "licenses": {
                "name": "귀금속가공기능사",
                "issuer": "한국산업인력공단",
                "acquired_on": "2018-08-30",
            },
            "languages": {"language": "영어", "level": "conversational"},
        }
        for section, body in bodies.items():
            data = {f"{section}-{k}": v for k, v in body.items()}
            response = client.post(reverse("jobs:my_resume_row_add", args=[section]), data)
            assert response.status_code == 302, response.content.decode()[:2000]
        page = client.get(reverse("jobs:my_resume")).content.decode()
        for text in ("서울공업고등학교", "세운주얼리", "귀금속가공기능사", "영어"):
            assert text in page

        work = WorkExperience.objects.get(profile__user=alice)
        response = client.post(
            reverse("jobs:my_resume_row_edit", args=["work", work.pk]),
            {
                "work-company": "세운주얼리",
                "work-title": "세팅 기능공",
                "work-start_date": "2019-03-04",
                "work-end_date": "2025-12-31",
            },
        )
        assert response.status_code == 302
        work.refresh_from_db()
        assert (work.title, work.end_date) == ("세팅 기능공", dt.date(2025, 12, 31))

        license_ = License.objects.get(profile__user=alice)
        client.post(reverse("jobs:my_resume_row_delete", args=["licenses", license_.pk]))
        assert not License.objects.filter(profile__user=alice).exists()

    def test_another_trainees_row_is_not_found(self, client, alice):
        other = full_resume(alice)
        row = EducationEntry.objects.get(profile=other)
        from tests.factories import make_trainee

        mallory = make_trainee(email="mallory@example.com")
        client.force_login(mallory)
        assert (
            client.get(reverse("jobs:my_resume_row_edit", args=["education", row.pk])).status_code
            == 404
        )
        assert (
            client.post(
                reverse("jobs:my_resume_row_delete", args=["education", row.pk])
            ).status_code
            == 404
        )
        # A row of one section is not reachable through another section's address either.
        WorkExperience.objects.filter(profile=other).delete()
        client.force_login(alice)
        assert (
            client.get(reverse("jobs:my_resume_row_edit", args=["work", row.pk])).status_code == 404
        )
        assert EducationEntry.objects.filter(pk=row.pk).exists()

    def test_an_employer_has_no_resume_editor(self, client, bob):
        client.force_login(bob)
        assert client.get(reverse("jobs:my_resume")).status_code == 404


class TestDates:
    def add(self, client, section, **fields):
        data = {f"{section}-{k}": v for k, v in fields.items()}
        return client.post(reverse("jobs:my_resume_row_add", args=[section]), data)

    def test_an_end_before_the_start_is_refused_on_the_page(self, client, alice):
        client.force_login(alice)
        response = self.add(
            client, "work", company="세운주얼리", title="보조", start_date="2024-05-01",
            end_date="2024-04-30",
        )  # fmt: skip
        assert response.status_code == 400
        assert "종료일은 시작일보다 앞설 수 없습니다" in response.content.decode()
        assert not WorkExperience.objects.exists()

    def test_a_start_in_the_future_is_refused(self, client, alice):
        client.force_login(alice)
        response = self.add(
            client, "education", school="학교", degree="bachelor", status="enrolled",
            start_date="2026-03-11",
        )  # fmt: skip
        assert response.status_code == 400
        assert "미래의 날짜" in response.content.decode()
        assert not EducationEntry.objects.exists()

    def test_a_school_one_is_still_at_may_end_ahead_but_a_finished_one_may_not(self, alice):
        data = {
            "school": "서울과학기술대학교",
            "major": "금속공예디자인",
            "degree": "bachelor",
            "start_date": dt.date(2023, 3, 2),
            "end_date": dt.date(2027, 2, 20),
        }
        row = services.resume_row_save(
            user=alice, section="education", data={**data, "status": "expected"}
        )
        assert row.end_date == dt.date(2027, 2, 20)
        with pytest.raises(Exception) as exc:
            services.resume_row_save(
                user=alice, section="education", data={**data, "status": "graduated"}
            )
        assert "end_date" in exc.value.message_dict
        with pytest.raises(Exception) as exc:
            services.resume_row_save(
                user=alice,
                section="education",
                data={**data, "status": "dropped", "end_date": None},
            )
        assert "end_date" in exc.value.message_dict
        assert EducationEntry.objects.count() == 1

    def test_a_licence_or_test_dated_tomorrow_is_refused_and_today_is_fine(self, alice):
        base = {"name": "보석감정기능사", "issuer": "한국산업인력공단"}
        with pytest.raises(Exception) as exc:
            services.resume_row_save(
                user=alice,
                section="licenses",
                data={**base, "acquired_on": TODAY + dt.timedelta(1)},
            )
        assert "acquired_on" in exc.value.message_dict
        services.resume_row_save(
            user=alice, section="licenses", data={**base, "acquired_on": TODAY}
        )
        with pytest.raises(Exception) as exc:
            services.resume_row_save(
                user=alice,
                section="languages",
                data={"language": "영어", "level": "basic", "test_name": "TOEIC", "score": "700",
                      "taken_on": TODAY + dt.timedelta(1)},
            )  # fmt: skip
        assert "taken_on" in exc.value.message_dict

    def test_a_score_without_its_test_is_refused_with_the_constraints_message(self, alice):
        with translation.override("en"), pytest.raises(Exception) as exc:
            services.resume_row_save(
                user=alice,
                section="languages",
                data={"language": "영어", "level": "basic", "score": "850"},
            )
        assert "Name the test the score is from." in exc.value.messages


class TestIntroduction:
    def test_it_is_refused_not_cut_when_too_long_and_the_page_counts_without_maxlength(
        self, client, alice
    ):
        client.force_login(alice)
        client.post(reverse("jobs:my_resume_basics"), {"address": "", "introduction": "짧은 소개"})
        response = client.post(
            reverse("jobs:my_resume_basics"), {"address": "", "introduction": "가" * 1001}
        )
        assert response.status_code == 400
        assert "1,000" in response.content.decode()  # the limit, as Korean formats it
        assert JobSeekerProfile.objects.get(user=alice).introduction == "짧은 소개"
        page = client.get(reverse("jobs:my_resume")).content.decode()
        textarea = page[
            page.index('name="introduction"') - 200 : page.index('name="introduction"') + 200
        ]
        assert 'data-maxlength="1000"' in textarea
        assert " maxlength" not in textarea

    def test_exactly_the_limit_is_kept_whole(self, alice):
        services.resume_basics_update(user=alice, data={"introduction": "가" * 1000})
        assert len(JobSeekerProfile.objects.get(user=alice).introduction) == 1000


class TestPhoto:
    def test_the_admin_links_the_photo_through_the_view_that_checks_access(self, client, alice):
        from tests.factories import UserFactory, add_totp

        admin_user = UserFactory(is_staff=True, is_superuser=True)
        add_totp(admin_user)
        client.force_login(admin_user)
        services.profile_photo_set(user=alice, upload=upload(jpeg_with_exif()))
        profile = JobSeekerProfile.objects.get(user=alice)
        page = client.get(
            reverse("admin:jobs_jobseekerprofile_change", args=[profile.pk])
        ).content.decode()
        assert reverse("jobs:resume_photo", args=[alice.pk]) in page
        assert profile.photo.name not in page  # the private file's name, let alone a URL

    def test_a_camera_photo_is_stored_upright_small_and_without_exif(self, client, alice):
        client.force_login(alice)
        response = client.post(
            reverse("jobs:my_resume_photo"),
            {"photo": upload(jpeg_with_exif((3200, 2400), orientation=6))},
        )
        assert response.status_code == 302
        profile = JobSeekerProfile.objects.get(user=alice)
        with profile.photo.open("rb") as handle:
            data = handle.read()
        stored = Image.open(io.BytesIO(data))
        assert stored.format == "JPEG"
        # Orientation 6 (rotate 90°) was applied, then the picture shrunk into 600×800.
        assert stored.size == (600, 800)
        assert not stored.getexif()
        assert b"PhoneMaker" not in data and b"GPS" not in data
        assert len(data) <= 200 * 1024

    def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_stored(self, client, alice):
        client.force_login(alice)
        fake = upload(b"%PDF-1.7 not a picture at all", name="photo.jpg")
        response = client.post(reverse("jobs:my_resume_photo"), {"photo": fake})
        assert response.status_code == 400
        assert "JPEG, PNG, WebP 형식의 사진" in response.content.decode()
        assert not JobSeekerProfile.objects.get(user=alice).photo

    def test_a_truncated_picture_is_refused(self, alice):
        data = jpeg_with_exif((800, 800))[:600]
        with pytest.raises(Exception) as exc:
            services.profile_photo_set(user=alice, upload=upload(data))
        assert "photo" in exc.value.message_dict

    def test_a_picture_of_too_many_pixels_is_refused_before_decoding(self, alice):
        buffer = io.BytesIO()
        Image.new("1", (9000, 9000)).save(buffer, "PNG")  # 81 MP, a few KB on disk
        with pytest.raises(Exception) as exc:
            services.profile_photo_set(user=alice, upload=upload(buffer.getvalue(), "big.png"))
        assert "photo" in exc.value.message_dict
        assert not JobSeekerProfile.objects.filter(user=alice).exclude(photo="").exists()

    def test_a_png_with_transparency_becomes_a_jpeg_on_white(self, alice):
        buffer = io.BytesIO()
        Image.new("RGBA", (300, 400), (0, 0, 0, 0)).save(buffer, "PNG")
        profile = services.profile_photo_set(user=alice, upload=upload(buffer.getvalue(), "me.png"))
        with profile.photo.open("rb") as handle:
            stored = Image.open(io.BytesIO(handle.read()))
            assert stored.format == "JPEG"
            assert stored.getpixel((10, 10)) == (255, 255, 255)

    def test_replacing_or_removing_deletes_the_old_file_after_commit(
        self, alice, django_capture_on_commit_callbacks
    ):
        first = services.profile_photo_set(user=alice, upload=upload(jpeg_with_exif((100, 100))))
        old = first.photo.name
        storage = first.photo.storage
        with django_capture_on_commit_callbacks(execute=True):
            services.profile_photo_set(user=alice, upload=upload(jpeg_with_exif((120, 100))))
        assert not storage.exists(old)
        new = JobSeekerProfile.objects.get(user=alice).photo.name
        with django_capture_on_commit_callbacks(execute=True):
            services.profile_photo_remove(user=alice)
        assert not storage.exists(new)
        assert not JobSeekerProfile.objects.get(user=alice).photo

    def test_the_photo_is_shown_to_the_person_and_a_company_they_applied_to_only(
        self, client, alice, bob, charlie, posting
    ):
        full_resume(alice)
        url = reverse("jobs:resume_photo", args=[alice.pk])
        # Discoverable, so charlie may read the résumé, but not the photo or contact details.
        consents_record(user=alice, granted={EMPLOYER_DISCOVERY: True})
        client.force_login(charlie)
        assert client.get(url).status_code == 404
        page = client.get(reverse("jobs:employer_candidate", args=[alice.pk])).content.decode()
        assert "보석감정기능사" in page
        assert url not in page and alice.email not in page
        client.force_login(bob)
        assert client.get(url).status_code == 404
        applied(alice, posting)
        assert client.get(url).status_code == 200
        client.force_login(alice)
        response = client.get(url)
        assert response["Content-Type"] == "image/jpeg"
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


class TestPreviewAndPdf:
    def test_the_apply_page_links_to_both_previews(self, client, alice, posting):
        client.force_login(alice)
        page = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
        assert f"{reverse('jobs:my_resume_preview')}?posting={posting.pk}" in page
        assert f"{reverse('jobs:my_resume_pdf')}?preview=1" in page

    def test_the_html_preview_shows_every_section(self, client, alice, posting):
        full_resume(alice)
        client.force_login(alice)
        response = client.get(reverse("jobs:my_resume_preview"), {"posting": posting.pk})
        page = response.content.decode()
        for text in (
            "이력서", "인적사항", "서울 종로구", alice.email, "한국주얼리직업전문학교", "졸업",
            "종로귀금속상사", "현재", "보석감정기능사", "한국산업인력공단", "TOEIC", "850",
            "원석을 보는 눈을", reverse("jobs:resume_photo", args=[alice.pk]),
            reverse("jobs:detail", args=[posting.pk]),
        ):  # fmt: skip
            assert text in page, text

    def test_the_pdf_shows_the_whole_person_with_skill_evidence(
        self, client, alice, skills, center, dave
    ):
        full_resume(alice)
        from tests.courses.factories import CourseFactory, CourseRunFactory, EnrollmentFactory

        course = CourseFactory(
            center=center, title="보석 감정 실무", title_en="Gem Appraisal Practice"
        )
        run = CourseRunFactory(course=course, name="2025년 2기")
        from courses.models import Certificate

        cert = Certificate.objects.create(
            enrollment=EnrollmentFactory(run=run, user=alice),
            user=alice,
            run=run,
            serial="JJ-2025-000042",
            holder_name=alice.name,
            course_title=course.title,
            course_title_en=course.title_en,
            hours_attended=120,
            attendance_rate=95,
            issued_at=dt.datetime(2025, 12, 19, 6, 0, tzinfo=dt.UTC),
        )
        TraineeSkill.objects.create(
            user=alice, skill=skills["Jewelry CAD"], level=3, source="verified",
            evidence_label="수료", evidence_ref=cert.evidence_ref,
        )  # fmt: skip
        give_skill(alice, skills["Wax carving"], 2, source="declared")
        client.force_login(alice)
        response = client.get(reverse("jobs:my_resume_pdf"), {"preview": "1"})
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline;")
        text = pdf_text(response.content)
        for expected in (
            "이력서", "인적사항", alice.name, alice.email, "서울 종로구", "학력",
            "한국주얼리직업전문학교", "2022.03", "경력", "종로귀금속상사", "자격증",
            "보석감정기능사", "한국산업인력공단", "23-123456", "어학", "TOEIC", "850",
            "교육 이수", "보유 기술", "보석 감정 실무", "2025년 2기", "2025.12.19", "JJ-2025-000042",
            "자기소개", "원석을 보는 눈을",
        ):  # fmt: skip
            assert expected in text, expected
        reader = PdfReader(io.BytesIO(response.content))
        assert reader.metadata.title == f"{alice.name}님의 이력서"
        assert str(reader.trailer["/Root"]["/Lang"]) == "ko"
        assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
        assert (600, 800) in pdf_images(response.content)  # the photo
        # The certificate's verify link is a link in the PDF.
        links = [
            a.get_object()["/A"]["/URI"]
            for page in reader.pages
            for a in page.get("/Annots", [])
            if "/A" in a.get_object()
        ]
        assert cert.verify_url in links

        with translation.override("en"):
            english = pdf_text(resume_pdf_bytes(alice, show_contact=True))
        for expected in ("Résumé", "Education", "Work experience", "Licences and qualifications",
                         "Gem Appraisal Practice", "present", "Training completed"):  # fmt: skip
            assert expected in english, expected

    def test_a_company_downloads_its_applicants_pdf_and_another_gets_404(
        self, client, alice, bob, charlie, posting
    ):
        full_resume(alice)
        application = applied(alice, posting)
        url = reverse("jobs:employer_application_pdf", args=[application.pk])
        client.force_login(charlie)
        assert client.get(url).status_code == 404
        client.force_login(bob)
        response = client.get(url)
        assert response.status_code == 200
        text = pdf_text(response.content)
        assert alice.email in text and "보석감정기능사" in text and "서울 종로구" in text

    def test_without_contact_rights_the_pdf_hides_contact_and_photo(self, alice):
        full_resume(alice)
        pdf = resume_pdf_bytes(alice, show_contact=False)
        text = pdf_text(pdf)
        assert alice.email not in text and "서울 종로구" not in text
        assert "보석감정기능사" in text
        assert pdf_images(pdf) == []


class TestPrivacy:
    def test_the_download_has_the_resume_and_deletion_erases_it(
        self, alice, django_capture_on_commit_callbacks
    ):
        profile = full_resume(alice)
        data = json.loads(json.dumps(export_user_data(alice), default=str))
        resume = data["jobs"]["resume"]
        assert resume["licenses"][0]["name"] == "보석감정기능사"
        assert resume["education"][0]["status"] == "graduated"
        assert resume["work_experience"][0]["end_date"] is None
        assert resume["languages"][0]["score"] == "850"
        assert resume["introduction"].startswith("원석을")
        assert resume["photo"].startswith("data:image/jpeg;base64,")

        storage, name = profile.photo.storage, profile.photo.name
        with django_capture_on_commit_callbacks(execute=True):
            services.person_data_erase(user=alice)
        assert not storage.exists(name)
        for model in (EducationEntry, WorkExperience, License, LanguageSkill):
            assert not model.objects.exists()
