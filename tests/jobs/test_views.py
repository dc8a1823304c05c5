"""Pages: public list/detail, applying, the employer's pages and who may open what (404 otherwise)."""

import pytest
from django.urls import reverse

from jobs import services
from jobs.models import Application, EmployerNote, ResumeAccess
from tests.clock import NOW

from .conftest import give_skill, pdf_upload


@pytest.fixture
def application(posting, alice):
    return services.application_create(
        posting=posting, applicant=alice, cover_letter="지원합니다", resume_file=pdf_upload()
    )


class TestPublicPages:
    def test_it_lists_and_filters_published_postings(self, client, posting, draft):
        response = client.get(reverse("jobs:index"))
        assert response.status_code == 200
        assert "귀금속 세공사" in response.content.decode()
        assert "주조 기능공" not in response.content.decode()  # a draft
        response = client.get(reverse("jobs:index"), {"district": "gangnam"})
        assert "귀금속 세공사" not in response.content.decode()

    def test_the_list_runs_a_fixed_number_of_queries(
        self, client, posting, bob, bob_company, dave, django_assert_max_num_queries
    ):
        from .conftest import posting_data, publish

        for i in range(5):
            publish(
                services.posting_create(
                    company=bob_company, by=bob, data=posting_data(title=f"세팅 {i}")
                ),
                dave,
            )
        with django_assert_max_num_queries(8):
            client.get(reverse("jobs:index"))

    def test_a_draft_is_not_public(self, client, draft):
        assert client.get(reverse("jobs:detail", args=[draft.pk])).status_code == 404

    def test_the_detail_shows_the_trainees_match_and_missing_skills(
        self, client, posting, alice, skills
    ):
        give_skill(alice, skills["Wax carving"], 4)
        client.force_login(alice)
        body = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
        assert "보석 세팅" in body  # the missing skill, named in Korean (the default language)
        assert "match-score" in body

    def test_the_company_page_shows_open_postings(self, client, posting):
        body = client.get(reverse("jobs:company", args=[posting.company_id])).content.decode()
        assert posting.title in body


class TestApplyPage:
    def test_a_trainee_applies_with_a_file(self, client, posting, alice):
        client.force_login(alice)
        response = client.post(
            reverse("jobs:apply", args=[posting.pk]),
            {
                "cover_letter": "안녕하세요",
                "use_platform_resume": "on",
                "resume_file": pdf_upload(),
            },
        )
        assert response.status_code == 302
        assert Application.objects.get().resume_filename == "이력서.pdf"

    def test_a_fake_pdf_gets_a_message_and_nothing_is_saved(self, client, posting, alice):
        from django.core.files.uploadedfile import SimpleUploadedFile

        client.force_login(alice)
        response = client.post(
            reverse("jobs:apply", args=[posting.pk]),
            {"resume_file": SimpleUploadedFile("cv.pdf", b"not a pdf at all")},
        )
        assert response.status_code == 400
        assert "이 파일은 그중 어느 것도 아닙니다." in response.content.decode()
        assert not Application.objects.exists()


class TestAccess:
    def test_another_company_gets_404_on_everything_of_bobs(self, client, application, charlie):
        client.force_login(charlie)
        posting = application.posting
        for url in [
            reverse("jobs:employer_posting", args=[posting.pk]),
            reverse("jobs:employer_board", args=[posting.pk]),
            reverse("jobs:employer_candidates", args=[posting.pk]),
            reverse("jobs:employer_application", args=[application.pk]),
            reverse("jobs:employer_application_file", args=[application.pk]),
            reverse("jobs:employer_application_pdf", args=[application.pk]),
        ]:
            assert client.get(url).status_code == 404, url
        response = client.post(
            reverse("jobs:employer_application", args=[application.pk]),
            {"status": "rejected", "note": "x"},
        )
        assert response.status_code == 404
        application.refresh_from_db()
        assert application.status == "submitted"
        assert not EmployerNote.objects.exists()
        assert not ResumeAccess.objects.exists()

    def test_another_trainee_gets_404_on_alices_application(self, client, application):
        from tests.factories import make_trainee

        client.force_login(make_trainee(email="mallory@example.com"))
        assert client.get(reverse("jobs:my_application", args=[application.pk])).status_code == 404
        assert (
            client.get(reverse("jobs:my_application_file", args=[application.pk])).status_code
            == 404
        )
        assert (
            client.post(reverse("jobs:my_application_withdraw", args=[application.pk])).status_code
            == 404
        )

    @pytest.mark.time_machine(NOW, tick=False)
    def test_bob_downloads_the_file_as_an_attachment_and_alice_sees_it_logged(
        self, client, application, bob, alice
    ):
        client.force_login(alice)
        before = client.get(reverse("jobs:my_applications")).content.decode()
        assert "아직 내 이력서를 본 기업이 없습니다." in before
        client.force_login(bob)
        response = client.get(reverse("jobs:employer_application_file", args=[application.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert ResumeAccess.objects.filter(owner=alice, viewer=bob, kind="file").exists()
        client.force_login(alice)
        body = client.get(reverse("jobs:my_applications")).content.decode()
        assert "아직 내 이력서를 본 기업이 없습니다." not in body
        # "Who looked at my résumé": when, which company, what (the clock is frozen at NOW).
        assert (
            f"<tr><td>{NOW:%Y-%m-%d %H:%M}</td><td>종로보석공방</td><td>첨부 이력서 내려받음</td></tr>"
            in body
        )

    def test_the_board_moves_an_application_and_keeps_a_note(self, client, application, bob):
        client.force_login(bob)
        assert (
            client.get(reverse("jobs:employer_board", args=[application.posting_id])).status_code
            == 200
        )
        client.post(
            reverse("jobs:employer_application", args=[application.pk]),
            {"status": "interview", "note": "면접 일정 조율"},
        )
        application.refresh_from_db()
        assert application.status == "interview"
        assert EmployerNote.objects.get().body == "면접 일정 조율"

    def test_staff_pages_are_404_for_employers(self, client, draft, bob):
        client.force_login(bob)
        assert client.get(reverse("jobs:staff_review")).status_code == 404
        assert client.get(reverse("jobs:staff_posting", args=[draft.pk])).status_code == 404


class TestEmployerFlow:
    def test_bob_writes_a_draft_submits_and_dave_approves(
        self, client, bob, bob_company, dave, skills
    ):
        client.force_login(bob)
        response = client.post(
            reverse("jobs:employer_posting_new") + f"?company={bob_company.pk}",
            {
                "company": bob_company.pk,
                "title": "주얼리 CAD 디자이너",
                "description": "Rhino 3D",
                "employment_type": "full_time",
                "experience_level": "any",
                "education": "any",
                "district": "jongno",
                "work_mode": "hybrid",
                "openings": 1,
                "required_level": 3,
                "required_skills": [skills["Jewelry CAD"].pk],
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        posting = bob_company.postings.get()
        client.post(reverse("jobs:employer_posting_action", args=[posting.pk, "submit"]))
        posting.refresh_from_db()
        assert posting.status == "pending"
        client.force_login(dave)
        assert client.get(reverse("jobs:staff_review")).status_code == 200
        client.post(reverse("jobs:staff_posting", args=[posting.pk]), {"action": "approve"})
        posting.refresh_from_db()
        assert posting.status == "published"

    def test_a_salary_min_above_max_is_refused_with_a_message(self, client, bob, bob_company):
        client.force_login(bob)
        response = client.post(
            reverse("jobs:employer_posting_new"),
            {
                "company": bob_company.pk,
                "title": "x",
                "description": "y",
                "employment_type": "full_time",
                "experience_level": "any",
                "education": "any",
                "district": "jongno",
                "work_mode": "onsite",
                "openings": 1,
                "required_level": 2,
                "salary_min": 5000,
                "salary_max": 100,
            },
        )
        assert response.status_code == 400
        assert "최소 급여가 최대 급여보다 큽니다." in response.content.decode()
        assert not bob_company.postings.exists()


class TestCompanyProfile:
    def test_the_owner_edits_the_profile_and_a_recruiter_cannot(
        self, client, bob, bob_company, charlie
    ):
        from accounts.models import CompanyMembership

        url = reverse("jobs:employer_company", args=[bob_company.pk])
        data = {
            "name": "종로보석공방 본점",
            "industry": "귀금속 제조",
            "size": "small",
            "district": "jongno",
            "address": "서울 종로구 돈화문로 1",
            "website": "example.com",
            "description": "반지 공방",
        }
        client.force_login(bob)
        assert client.post(url, data).status_code == 302
        bob_company.refresh_from_db()
        assert bob_company.name == "종로보석공방 본점"
        assert bob_company.website == "https://example.com"
        CompanyMembership.objects.create(company=bob_company, user=charlie, role="recruiter")
        client.force_login(charlie)
        assert client.get(url).status_code == 200
        assert client.post(url, {**data, "name": "가짜"}).status_code == 404
        bob_company.refresh_from_db()
        assert bob_company.name == "종로보석공방 본점"


class TestResumePdf:
    def test_the_trainee_and_the_employer_download_the_platform_resume(
        self, client, application, alice, bob, skills
    ):
        from .conftest import give_skill

        give_skill(alice, skills["Wax carving"], 4)
        client.force_login(alice)
        response = client.get(reverse("jobs:my_resume_pdf"))
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF-")
        assert not ResumeAccess.objects.exists()  # the owner's own downloads are not logged
        client.force_login(bob)
        response = client.get(reverse("jobs:employer_application_pdf", args=[application.pk]))
        assert response["Content-Type"] == "application/pdf"
        assert ResumeAccess.objects.filter(owner=alice, viewer=bob, kind="pdf").exists()


class TestPortfolioImages:
    def test_images_are_private_to_those_who_may_see_the_resume(self, client, alice, bob, charlie):
        import io

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (4, 4), "gold").save(buffer, "PNG")
        client.force_login(alice)
        client.post(
            reverse("jobs:my_portfolio_add"),
            {"image": SimpleUploadedFile("ring.png", buffer.getvalue()), "caption": "반지"},
        )
        image = alice.job_profile.portfolio_images.get()
        assert client.get(reverse("jobs:portfolio_image", args=[image.pk])).status_code == 200
        client.force_login(
            charlie
        )  # an employer alice never applied to, and she is not discoverable
        assert client.get(reverse("jobs:portfolio_image", args=[image.pk])).status_code == 404
