"""The résumé API under /api/v1/me/resume/: CRUD per section, the same date and length rules as
the pages, the photo's checks, and others' rows answering 404."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from jobs.models import EducationEntry, JobSeekerProfile, License, WorkExperience
from tests.factories import make_trainee

from .test_resume import full_resume, jpeg_with_exif, upload

NOW = dt.datetime(2026, 3, 10, 0, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def api(alice):
    client = APIClient()
    client.force_authenticate(alice)
    return client


LICENCE = {"name": "보석감정기능사", "issuer": "한국산업인력공단", "acquired_on": "2023-09-01"}


class TestSections:
    def test_it_creates_lists_changes_and_deletes_a_licence(self, api, alice):
        created = api.post("/api/v1/me/resume/licenses/", LICENCE, format="json")
        assert created.status_code == 201, created.json()
        row_id = created.json()["id"]
        listed = api.get("/api/v1/me/resume/licenses/").json()
        assert [r["name"] for r in listed] == ["보석감정기능사"]
        changed = api.patch(
            f"/api/v1/me/resume/licenses/{row_id}/", {"number": "23-123456"}, format="json"
        )
        assert changed.status_code == 200
        assert License.objects.get(pk=row_id).number == "23-123456"
        assert api.delete(f"/api/v1/me/resume/licenses/{row_id}/").status_code == 204
        assert not License.objects.exists()

    def test_the_whole_resume_reads_back_with_every_section(self, api, alice):
        full_resume(alice)
        body = api.get("/api/v1/me/resume/").json()
        assert body["address"] == "서울 종로구"
        assert body["has_photo"] is True
        assert body["education"][0]["status"] == "graduated"
        assert body["work"][0]["end_date"] is None
        assert body["licenses"][0]["issuer"] == "한국산업인력공단"
        assert body["languages"][0]["test_name"] == "TOEIC"

    def test_an_end_before_the_start_is_400_with_the_field_and_nothing_is_written(self, api):
        response = api.post(
            "/api/v1/me/resume/work/",
            {
                "company": "세운",
                "title": "보조",
                "start_date": "2025-05-01",
                "end_date": "2025-04-01",
            },
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 400
        assert (
            "The end date cannot be before the start date." in response.json()["errors"]["end_date"]
        )
        assert not WorkExperience.objects.exists()

    def test_a_patch_that_breaks_the_dates_changes_nothing(self, api, alice):
        full_resume(alice)
        row = EducationEntry.objects.get(profile__user=alice)
        response = api.patch(
            f"/api/v1/me/resume/education/{row.pk}/", {"end_date": "2030-02-01"}, format="json"
        )
        assert response.status_code == 400
        assert "end_date" in response.json()["errors"]
        row.refresh_from_db()
        assert row.end_date == dt.date(2024, 2, 16)

    def test_another_trainees_row_is_404_for_every_method(self, alice):
        full_resume(alice)
        row = License.objects.get(profile__user=alice)
        mallory = APIClient()
        mallory.force_authenticate(make_trainee(email="mallory@example.com"))
        url = f"/api/v1/me/resume/licenses/{row.pk}/"
        assert mallory.get(url).status_code == 404
        assert mallory.patch(url, {"name": "x"}, format="json").status_code == 404
        assert mallory.delete(url).status_code == 404
        assert License.objects.get(pk=row.pk).name == "보석감정기능사"

    def test_an_employer_is_refused_before_the_body_is_read(self, bob):
        client = APIClient()
        client.force_authenticate(bob)
        response = client.post(
            "/api/v1/me/resume/licenses/", "{not json", content_type="application/json"
        )
        assert response.status_code == 404

    def test_the_twenty_first_row_is_a_conflict(self, api):
        for i in range(20):
            assert (
                api.post(
                    "/api/v1/me/resume/licenses/", {**LICENCE, "number": str(i)}, format="json"
                ).status_code
                == 201
            )
        assert api.post("/api/v1/me/resume/licenses/", LICENCE, format="json").status_code == 409


class TestIntroductionAndPhoto:
    def test_an_introduction_over_the_limit_is_400_and_not_cut(self, api, alice):
        api.patch("/api/v1/me/resume/", {"introduction": "처음 소개"}, format="json")
        response = api.patch("/api/v1/me/resume/", {"introduction": "가" * 1001}, format="json")
        assert response.status_code == 400
        assert "introduction" in response.json()["errors"]
        assert JobSeekerProfile.objects.get(user=alice).introduction == "처음 소개"

    def test_a_photo_is_stored_re_encoded_and_can_be_removed(self, api, alice):
        response = api.post(
            "/api/v1/me/resume/photo/", {"photo": upload(jpeg_with_exif())}, format="multipart"
        )
        assert response.status_code == 201
        assert response.json()["has_photo"] is True
        assert api.delete("/api/v1/me/resume/photo/").status_code == 204
        assert not JobSeekerProfile.objects.get(user=alice).photo

    def test_a_photo_that_is_not_an_image_is_400_and_nothing_is_stored(self, api, alice):
        fake = upload(b"GIF89a-but-not-really" + b"\x00" * 100, name="me.png")
        response = api.post("/api/v1/me/resume/photo/", {"photo": fake}, format="multipart")
        assert response.status_code == 400
        assert "photo" in response.json()["errors"]
        assert not JobSeekerProfile.objects.filter(user=alice).exclude(photo="").exists()

    def test_the_pdf_is_served_to_its_owner(self, api, alice):
        full_resume(alice)
        response = api.get("/api/v1/me/resume/pdf/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
