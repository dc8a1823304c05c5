"""The jobs API of section 7: shapes, the one error format, and 404 for anyone else's objects."""

import datetime as dt

import pytest
from django.utils import timezone

from jobs import services
from jobs.models import Application, Posting

from .conftest import give_skill, pdf_upload, posting_data


def _login(client, user):
    client.force_login(user)
    return client


class TestPublic:
    def test_it_lists_filters_and_sorts(self, client, posting):
        body = client.get(
            "/api/v1/jobs/",
            {
                "district": "jongno",
                "employment_type": "full_time",
                "sort": "salary",
                "remote": "false",
            },
        ).json()
        assert body["count"] == 1
        job = body["results"][0]
        assert job["title"] == "귀금속 세공사"
        assert {s["kind"] for s in job["skills"]} == {"required", "preferred"}
        assert client.get("/api/v1/jobs/", {"salary_min": 50_000_000}).json()["count"] == 0
        assert (
            client.get(
                "/api/v1/jobs/", {"skills": str(posting.posting_skills.first().skill_id)}
            ).json()["count"]
            == 1
        )

    def test_bad_filters_get_400_in_the_one_format(self, client, db):
        response = client.get("/api/v1/jobs/", {"district": "atlantis", "salary_min": "lots"})
        assert response.status_code == 400
        body = response.json()
        assert set(body) == {"detail", "errors"}
        assert {"district", "salary_min"} <= set(body["errors"])

    def test_a_draft_is_404_to_the_public_and_visible_to_its_company(self, client, draft, bob):
        assert client.get(f"/api/v1/jobs/{draft.pk}/").status_code == 404
        assert _login(client, bob).get(f"/api/v1/jobs/{draft.pk}/").json()["status"] == "draft"

    def test_company_detail(self, client, posting):
        body = client.get(f"/api/v1/companies/{posting.company_id}/").json()
        assert body["open_postings"][0]["id"] == posting.pk


class TestEmployer:
    def test_create_patch_submit_approve_close(self, client, bob, bob_company, dave, skills):
        _login(client, bob)
        response = client.post(
            "/api/v1/jobs/",
            {
                **{
                    k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in posting_data().items()
                },
                "company": bob_company.pk,
                "skills": [{"skill": skills["Jewelry CAD"].pk, "kind": "required", "min_level": 3}],
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.json()
        pk = response.json()["id"]
        response = client.patch(
            f"/api/v1/jobs/{pk}/", {"title": "주얼리 CAD 디자이너"}, content_type="application/json"
        )
        assert response.json()["title"] == "주얼리 CAD 디자이너"
        assert client.post(f"/api/v1/jobs/{pk}/submit/").json()["status"] == "pending"
        assert client.post(f"/api/v1/jobs/{pk}/approve/").status_code == 404  # bob is not staff
        _login(client, dave)
        assert client.post(f"/api/v1/jobs/{pk}/approve/").json()["status"] == "published"
        _login(client, bob)
        assert client.post(f"/api/v1/jobs/{pk}/close/").json()["status"] == "closed"

    def test_bad_input_is_refused_and_nothing_is_written(self, client, bob, bob_company):
        _login(client, bob)
        past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
        for bad in ({"salary_min": 50_000_000, "salary_max": 10_000_000}, {"deadline": past}):
            response = client.post(
                "/api/v1/jobs/",
                {"company": bob_company.pk, "title": "x", "description": "y", **bad},
                content_type="application/json",
            )
            assert response.status_code == 400, response.json()
            assert response.json()["errors"]
        assert not Posting.objects.exists()

    def test_charlie_cannot_touch_bobs_posting(self, client, posting, charlie, alice):
        application = services.application_create(posting=posting, applicant=alice)
        _login(client, charlie)
        assert (
            client.patch(
                f"/api/v1/jobs/{posting.pk}/", {"title": "x"}, content_type="application/json"
            ).status_code
            == 404
        )
        assert client.post(f"/api/v1/jobs/{posting.pk}/close/").status_code == 404
        assert client.get(f"/api/v1/jobs/{posting.pk}/applications/").status_code == 404
        assert client.get(f"/api/v1/jobs/{posting.pk}/candidates/").status_code == 404
        response = client.patch(
            f"/api/v1/applications/{application.pk}/",
            {"status": "rejected", "note": "x"},
            content_type="application/json",
        )
        assert response.status_code == 404
        application.refresh_from_db()
        assert application.status == "submitted"
        posting.refresh_from_db()
        assert posting.status == "published"

    @pytest.mark.parametrize("persona", ["alice", "carol", "dave"])
    @pytest.mark.parametrize("body", [{}, {"title": "", "salary_min": "lots"}, {"company": "x"}])
    def test_other_roles_get_404_whatever_the_body(self, client, request, persona, body):
        response = _login(client, request.getfixturevalue(persona)).post(
            "/api/v1/jobs/", body, content_type="application/json"
        )
        assert response.status_code == 404
        assert set(response.json()) == {"detail", "errors"}
        assert not Posting.objects.exists()

    def test_anonymous_callers_must_sign_in_first(self, client, db):
        response = client.post("/api/v1/jobs/", {}, content_type="application/json")
        assert response.status_code == 401
        assert not Posting.objects.exists()

    def test_an_edit_of_a_published_posting_is_a_conflict(self, client, posting, bob):
        response = _login(client, bob).patch(
            f"/api/v1/jobs/{posting.pk}/", {"title": "x"}, content_type="application/json"
        )
        assert response.status_code == 409
        posting.refresh_from_db()
        assert posting.title == "귀금속 세공사"

    def test_submitting_an_incomplete_draft_is_a_conflict(self, client, draft, bob):
        Posting.objects.filter(pk=draft.pk).update(description=" ")
        response = _login(client, bob).post(f"/api/v1/jobs/{draft.pk}/submit/")
        assert response.status_code == 409
        draft.refresh_from_db()
        assert draft.status == Posting.Status.DRAFT

    def test_charlie_cannot_post_for_bobs_company(self, client, bob_company, charlie):
        response = _login(client, charlie).post(
            "/api/v1/jobs/",
            {"company": bob_company.pk, "title": "x", "description": "y"},
            content_type="application/json",
        )
        assert response.status_code == 404
        assert not Posting.objects.exists()

    def test_applicants_and_pipeline(self, client, posting, bob, alice):
        application = services.application_create(
            posting=posting, applicant=alice, resume_file=pdf_upload()
        )
        _login(client, bob)
        rows = client.get(f"/api/v1/jobs/{posting.pk}/applications/").json()["results"]
        assert rows[0]["applicant"]["email"] == alice.email
        response = client.patch(
            f"/api/v1/applications/{application.pk}/",
            {"status": "interview", "note": "좋음"},
            content_type="application/json",
        )
        assert response.json()["status"] == "interview"
        assert response.json()["notes"][0]["body"] == "좋음"
        bad = client.patch(
            f"/api/v1/applications/{application.pk}/",
            {"status": "married"},
            content_type="application/json",
        )
        assert bad.status_code == 400


class TestTrainee:
    def test_apply_with_a_file_then_twice_then_withdraw(self, client, posting, alice):
        _login(client, alice)
        response = client.post(
            f"/api/v1/jobs/{posting.pk}/apply/",
            {"cover_letter": "안녕하세요", "resume_file": pdf_upload()},
        )
        assert response.status_code == 201, response.json()
        pk = response.json()["id"]
        again = client.post(f"/api/v1/jobs/{posting.pk}/apply/", {"cover_letter": "또"})
        assert again.status_code == 409
        assert Application.objects.count() == 1
        mine = client.get("/api/v1/me/applications/").json()["results"]
        assert mine[0]["id"] == pk
        assert client.post(f"/api/v1/applications/{pk}/withdraw/").json()["status"] == "withdrawn"

    def test_a_fake_file_is_refused_with_a_field_error(self, client, posting, alice):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = _login(client, alice).post(
            f"/api/v1/jobs/{posting.pk}/apply/",
            {"resume_file": SimpleUploadedFile("a.hwp", b"GIF89a....")},
        )
        assert response.status_code == 400
        assert "resume_file" in response.json()["errors"]
        assert not Application.objects.exists()

    def test_applying_to_a_closed_posting_is_refused(self, client, posting, alice, bob):
        services.posting_close(posting=posting, by=bob)
        response = _login(client, alice).post(
            f"/api/v1/jobs/{posting.pk}/apply/", {"cover_letter": "x"}
        )
        assert response.status_code == 404
        assert not Application.objects.exists()

    def test_another_trainee_cannot_withdraw_alices_application(self, client, posting, alice):
        from tests.factories import make_trainee

        application = services.application_create(posting=posting, applicant=alice)
        response = _login(client, make_trainee()).post(
            f"/api/v1/applications/{application.pk}/withdraw/"
        )
        assert response.status_code == 404
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_recommendations_explain_the_match(self, client, posting, alice, skills):
        give_skill(alice, skills["Wax carving"], 4)
        give_skill(alice, skills["Polishing"], 2, source="declared")
        body = _login(client, alice).get("/api/v1/me/recommendations/").json()
        assert body[0]["job"]["id"] == posting.pk
        assert {s["name"] for s in body[0]["matched_skills"]} == {
            "Wax carving",
            "Polishing",
        } or body[0]["matched_skills"]
        assert [s["skill_id"] for s in body[0]["missing_skills"]] == [skills["Stone setting"].pk]
        assert set(body[0]) >= {
            "job",
            "score",
            "matched_skills",
            "missing_skills",
            "suggested_courses",
        }


@pytest.mark.parametrize("url", ["/api/v1/me/recommendations/"])
def test_employers_have_no_recommendations(client, bob, url):
    assert _login(client, bob).get(url).status_code == 404
