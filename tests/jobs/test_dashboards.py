"""Trainee and employer dashboards show their real applications and postings."""

from jobs import services


class TestTraineeDashboard:
    def test_it_lists_my_applications_with_their_stage(self, client, alice, posting):
        services.application_create(posting=posting, applicant=alice, cover_letter="지원합니다")
        client.force_login(alice)
        page = client.get("/dashboard/trainee/").content.decode()
        assert "귀금속 세공사" in page
        assert "종로보석공방" in page
        assert "지원 완료" in page  # the stage, in Korean

    def test_another_trainees_application_does_not_show(self, client, alice, posting):
        from tests.factories import make_trainee

        other = make_trainee(email="other@example.com")
        theirs = services.application_create(posting=posting, applicant=other)
        client.force_login(alice)
        response = client.get("/dashboard/trainee/")

        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="my-jobs"' in page  # the jobs card is there, and it is empty
        assert "아직 지원 내역이 없습니다" in page
        assert f"/jobs/me/applications/{theirs.pk}/" not in page
        assert "귀금속 세공사" not in page


class TestEmployerDashboard:
    def test_it_lists_open_postings_and_counts_new_applications(
        self, client, alice, bob, posting, draft
    ):
        services.application_create(posting=posting, applicant=alice)
        client.force_login(bob)
        page = client.get("/dashboard/employer/").content.decode()
        assert f"/jobs/employer/postings/{posting.pk}/" in page
        assert "주조 기능공" in page  # the draft
        assert f"/jobs/employer/postings/{posting.pk}/board/" in page
        assert "새 지원서 1건" in page

    def test_another_companys_postings_do_not_show(self, client, charlie, posting):
        client.force_login(charlie)
        response = client.get("/dashboard/employer/")

        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="my-postings"' in page  # the postings card is there, and it is empty
        assert "아직 등록한 채용공고가 없습니다" in page
        assert f"/jobs/employer/postings/{posting.pk}/" not in page
        assert "귀금속 세공사" not in page
