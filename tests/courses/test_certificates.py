"""Completion, certificates (수료증): issuing, the PDF, download rights, revocation and verification."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import RequestFactory, override_settings
from pypdf import PdfReader

from core.ratelimit import client_ip
from courses.models import Certificate, Completion, CourseRun
from courses.selectors import mask_name
from courses.services import (
    attendance_record_bulk,
    certificate_revoke,
    completion_evaluate_run,
    completion_set_scores,
)
from courses.tasks import evaluate_ended_runs
from skills.models import TraineeSkill
from skills.selectors import skills_for_trainee
from tests.core.test_pdf import pdf_fonts, pdf_text
from tests.courses.completion_helpers import enroll, make_course, make_run, make_skill, meetings
from tests.factories import make_trainee


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def skills(db):
    return [
        make_skill("왁스 카빙", ncs_code="0802010204_23v1", ncs_name="왁스 원형 제작", ncs_level=3),
        make_skill("주조"),
    ]


@pytest.fixture
def course(center, skills):
    return make_course(center, skills=[(skills[0], 3), (skills[1], 2)])


@pytest.fixture
def run(course):
    return make_run(course, meetings=4)


def attend(run, enrollment, statuses, by):
    for meeting, status in zip(meetings(run), statuses, strict=True):
        attendance_record_bulk(meeting=meeting, marks={enrollment.pk: status}, by=by)


@pytest.fixture
def finished(run, alice, dave, django_capture_on_commit_callbacks):
    """alice attended 3.5 of 4 (87.5 %), minsu 2.5 of 4 (62.5 %); the run was evaluated."""
    alice_e = enroll(run, alice)
    minsu_e = enroll(run, name="박민수")
    attend(run, alice_e, ["present", "present", "present", "late"], dave)
    attend(run, minsu_e, ["present", "absent", "present", "early_leave"], dave)
    with django_capture_on_commit_callbacks(execute=True):
        completion_evaluate_run(run_id=run.pk, by=dave)
    return alice_e, minsu_e


class TestCompletion:
    def test_it_certifies_those_with_enough_attendance(self, run, finished):
        alice_e, minsu_e = finished

        assert Completion.objects.get(enrollment=alice_e).status == "completed"
        assert Completion.objects.get(enrollment=minsu_e).status == "not_completed"
        certificate = Certificate.objects.get()
        assert certificate.enrollment == alice_e
        assert str(certificate.attendance_rate) == "87.5"
        assert str(certificate.hours_attended) == "14.0"
        assert CourseRun.objects.get(pk=run.pk).status == "completed"

    def test_serial_numbers_count_per_center_and_year(self, finished):
        certificate = Certificate.objects.get()
        assert re.fullmatch(r"JJ-\d{4}-000001", certificate.serial)

    def test_codes_are_long_and_random(self, finished):
        code = Certificate.objects.get().code
        assert len(code) >= 32  # 24 random bytes = 192 bits
        assert re.fullmatch(r"[A-Za-z0-9_-]+", code)

    def test_completers_skills_become_verified_with_the_certificate_as_evidence(
        self, finished, alice, skills
    ):
        certificate = Certificate.objects.get()
        held = {h.skill.name: h for h in skills_for_trainee(alice)}

        assert held["왁스 카빙"].is_verified and held["왁스 카빙"].level == 3
        assert held["주조"].evidence_ref == f"certificate:{certificate.pk}"

    def test_the_evidence_reads_in_the_viewers_language(self, finished, alice, client):
        """Stored as data; Korean viewers read 수료 and the Korean title, English ones neither."""
        from django.utils import translation

        from skills.models import TraineeSkill

        certificate = Certificate.objects.get()
        row = TraineeSkill.objects.filter(user=alice, source="verified").first()
        assert row.evidence["serial"] == certificate.serial and row.evidence_label == ""
        certificate.course_title_en = "Casting basics"
        certificate.save()
        row.evidence["course_title_en"] = "Casting basics"
        row.save()
        [held] = [h for h in skills_for_trainee(alice) if h.skill.pk == row.skill_id]
        with translation.override("ko"):
            korean = held.evidence_label
        with translation.override("en"):
            english = held.evidence_label
        assert "수료" in korean and certificate.course_title in korean
        assert english.startswith("Completed Casting basics") and certificate.serial in english
        assert "수료" not in english and certificate.course_title not in english
        alice.language = "en"
        alice.save(update_fields=["language"])
        client.force_login(alice)
        page = client.get("/skills/mine/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Completed Casting basics" in page and "수료 (" not in page
        api = client.get("/api/v1/me/skills/", HTTP_ACCEPT_LANGUAGE="en").json()
        assert any(r["evidence"].startswith("Completed Casting basics") for r in api)

    def test_evaluating_again_changes_nothing(
        self, run, finished, dave, django_capture_on_commit_callbacks
    ):
        before = list(Certificate.objects.values_list("pk", "serial", "code"))
        with django_capture_on_commit_callbacks(execute=True):
            result = completion_evaluate_run(run_id=run.pk, by=dave)

        assert result.certificates_issued == 0
        assert list(Certificate.objects.values_list("pk", "serial", "code")) == before

    def test_a_run_that_has_not_ended_is_not_evaluated(self, center, alice):
        run = make_run(make_course(center), days_ago_ended=-2, meetings=1, future_meetings=2)
        enroll(run, alice)
        with pytest.raises(ValidationError):
            completion_evaluate_run(run_id=run.pk)
        assert not Completion.objects.exists()

    def test_a_pass_mark_needs_a_score(
        self, center, alice, dave, django_capture_on_commit_callbacks
    ):
        run = make_run(make_course(center, pass_mark=60), meetings=2)
        alice_e = enroll(run, alice)
        bora_e = enroll(run, name="최보라")
        for e in (alice_e, bora_e):
            attend(run, e, ["present", "present"], dave)
        completion_set_scores(run=run, scores={alice_e.pk: 75, bora_e.pk: 40}, by=dave)

        with django_capture_on_commit_callbacks(execute=True):
            completion_evaluate_run(run_id=run.pk)

        assert Completion.objects.get(enrollment=alice_e).status == "completed"
        assert Completion.objects.get(enrollment=bora_e).status == "not_completed"

    def test_scores_outside_0_to_100_are_refused(self, run, alice, dave):
        e = enroll(run, alice)
        with pytest.raises(ValidationError):
            completion_set_scores(run=run, scores={e.pk: 101}, by=dave)
        assert not Completion.objects.exists()

    def test_the_nightly_task_evaluates_ended_runs_only(
        self, run, alice, dave, center, django_capture_on_commit_callbacks
    ):
        e = enroll(run, alice)
        attend(run, e, ["present"] * 4, dave)
        ongoing = make_run(
            make_course(center, title="진행 중 과정"),
            days_ago_ended=-3,
            meetings=1,
            future_meetings=3,
        )

        with django_capture_on_commit_callbacks(execute=True):
            assert evaluate_ended_runs() == 1

        assert Certificate.objects.filter(run=run).count() == 1
        assert CourseRun.objects.get(pk=ongoing.pk).status == "scheduled"
        with django_capture_on_commit_callbacks(execute=True):
            assert evaluate_ended_runs() == 0  # idempotent: the run is completed now


class TestPdf:
    def test_it_is_generated_after_commit_and_kept_privately(self, finished):
        certificate = Certificate.objects.get()
        assert certificate.pdf.name.startswith("certificates/")
        assert certificate.pdf_generated_at is not None
        assert certificate.pdf.storage.exists(certificate.pdf.name)
        # Kept privately: in the private root, which no URL serves, never in public media.
        path = Path(certificate.pdf.path).resolve()
        assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        assert not default_storage.exists(certificate.pdf.name)

    def test_it_shows_the_certificate_in_korean(self, finished):
        certificate = Certificate.objects.get()
        with certificate.pdf.open("rb") as handle:
            pdf = handle.read()

        text = re.sub(r"\s+", "", pdf_text(pdf))
        for expected in (
            "수료증",
            "성명김앨리스",
            "왁스카빙과주조",
            certificate.serial,
            "0802010204_23v1",
            "수료하였으므로",
        ):
            assert expected in text, expected
        assert pdf_fonts(pdf) <= {"Pretendard", "Pretendard-Bold"}
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1

    def test_it_follows_the_holders_language_on_one_page(self, finished, alice):
        from courses.services import certificate_render_pdf

        certificate = Certificate.objects.select_related("user").get()
        certificate.user.language = "en"

        pdf = certificate_render_pdf(certificate)

        text = re.sub(r"\s+", " ", pdf_text(pdf))
        assert "Certificate of Completion" in text
        assert "Wax carving and casting" in text
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        # tagged for screen readers, in the holder's language
        assert str(reader.trailer["/Root"]["/Lang"]) == "en"
        assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
        assert "/StructTreeRoot" in reader.trailer["/Root"]

    def test_regenerating_replaces_the_file(
        self, client, finished, dave, django_capture_on_commit_callbacks
    ):
        certificate = Certificate.objects.get()
        old = certificate.pdf.name
        client.force_login(dave)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/courses/staff/certificates/{certificate.pk}/regenerate/")

        assert response.status_code == 302
        certificate.refresh_from_db()
        assert certificate.pdf.name != old
        assert not certificate.pdf.storage.exists(old)


class TestDownload:
    def test_the_holder_downloads_it(self, client, finished, alice):
        client.force_login(alice)
        certificate = Certificate.objects.get()

        response = client.get(f"/courses/certificates/{certificate.pk}/pdf/")

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")

    def test_center_staff_download_it(self, client, finished, dave):
        client.force_login(dave)
        assert (
            client.get(f"/courses/certificates/{Certificate.objects.get().pk}/pdf/").status_code
            == 200
        )

    @pytest.mark.parametrize("persona", ["charlie", "carol", "bob"])
    def test_anyone_else_gets_404(self, client, finished, persona, request):
        client.force_login(request.getfixturevalue(persona))
        assert (
            client.get(f"/courses/certificates/{Certificate.objects.get().pk}/pdf/").status_code
            == 404
        )

    def test_another_trainee_gets_404(self, client, finished):
        client.force_login(make_trainee(name="남의 사람"))
        assert (
            client.get(f"/courses/certificates/{Certificate.objects.get().pk}/pdf/").status_code
            == 404
        )

    def test_anonymous_visitors_must_log_in(self, client, finished):
        response = client.get(f"/courses/certificates/{Certificate.objects.get().pk}/pdf/")
        assert response.status_code == 302

    def test_my_certificates_lists_it(self, client, finished, alice):
        client.force_login(alice)
        body = client.get("/courses/certificates/").content.decode()
        assert Certificate.objects.get().serial in body


class TestRevocation:
    def test_it_needs_a_reason(self, finished, dave):
        with pytest.raises(ValidationError):
            certificate_revoke(certificate=Certificate.objects.get(), by=dave, reason=" ")
        assert not Certificate.objects.get().is_revoked

    def test_it_drops_the_skills_it_verified(self, finished, dave, alice):
        certificate_revoke(certificate=Certificate.objects.get(), by=dave, reason="출석부 오기재")

        assert not TraineeSkill.objects.filter(user=alice, source="verified").exists()

    def test_staff_revoke_from_the_page(self, client, finished, dave):
        certificate = Certificate.objects.get()
        client.force_login(dave)

        response = client.post(
            f"/courses/staff/certificates/{certificate.pk}/revoke/", {"reason": "중복 발급"}
        )

        assert response.status_code == 302
        certificate.refresh_from_db()
        assert certificate.is_revoked and certificate.revoked_reason == "중복 발급"

    def test_the_holder_cannot_revoke(self, client, finished, alice):
        certificate = Certificate.objects.get()
        client.force_login(alice)
        assert (
            client.post(
                f"/courses/staff/certificates/{certificate.pk}/revoke/", {"reason": "x"}
            ).status_code
            == 404
        )
        assert not Certificate.objects.get().is_revoked

    def test_a_revoked_certificate_is_not_downloaded(self, client, finished, dave, alice):
        certificate_revoke(certificate=Certificate.objects.get(), by=dave, reason="오류")
        client.force_login(alice)
        assert (
            client.get(f"/courses/certificates/{Certificate.objects.get().pk}/pdf/").status_code
            == 410
        )


class TestVerifyPage:
    def test_it_shows_a_valid_certificate_with_a_masked_name(self, client, finished):
        certificate = Certificate.objects.get()

        response = client.get(f"/verify/{certificate.code}/")

        body = response.content.decode()
        assert response.status_code == 200
        assert "김**스" in body and "김앨리스" not in body
        assert "왁스 카빙과 주조" in body
        assert '<meta name="robots" content="noindex' in body
        assert "noindex" in response["X-Robots-Tag"]

    def test_it_says_when_a_certificate_was_revoked(self, client, finished, dave):
        certificate = Certificate.objects.get()
        certificate_revoke(certificate=certificate, by=dave, reason="오류")

        response = client.get(f"/verify/{certificate.code}/")

        assert response.status_code == 200
        assert "<p><strong>취소된 수료증입니다.</strong></p>" in response.content.decode()

    @pytest.mark.parametrize("code", ["unknown-code-0000000000", "x", "a" * 200, "<script>"])
    def test_unknown_codes_get_a_clear_404(self, client, db, code):
        response = client.get(f"/verify/{code}/")
        assert response.status_code == 404
        assert "noindex" in response["X-Robots-Tag"]

    def test_it_is_rate_limited_per_ip(self, client, db, ratelimit_clock):
        statuses = [client.get("/verify/unknown-code-0000000000/").status_code for _ in range(31)]
        assert statuses[:30] == [404] * 30
        assert statuses[30] == 429
        other = client.get("/verify/unknown-code-0000000000/", REMOTE_ADDR="10.9.9.9")
        assert other.status_code == 404


class TestVerifyApi:
    def test_it_answers_valid(self, client, finished):
        certificate = Certificate.objects.get()
        data = client.get(f"/api/v1/certificates/verify/{certificate.code}/").json()
        assert data["status"] == "valid"
        assert data["holder_name"] == "김**스"
        assert data["serial"] == certificate.serial
        assert data["course"] == "왁스 카빙과 주조"

    def test_revoked_is_200_with_status_revoked(self, client, finished, dave):
        certificate = Certificate.objects.get()
        certificate_revoke(certificate=certificate, by=dave, reason="오류")
        response = client.get(f"/api/v1/certificates/verify/{certificate.code}/")
        assert response.status_code == 200
        assert response.json()["status"] == "revoked"

    def test_unknown_is_404(self, client, db):
        response = client.get("/api/v1/certificates/verify/nope-nope-nope-nope-nope/")
        assert response.status_code == 404
        assert response.json()["detail"]


class TestIssueFromTheStaffPage:
    def test_staff_issue_a_whole_run_and_see_progress(
        self, client, run, alice, dave, django_capture_on_commit_callbacks
    ):
        e = enroll(run, alice)
        attend(run, e, ["present"] * 4, dave)
        client.force_login(dave)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/courses/staff/runs/{run.pk}/certificates/issue/")

        assert response.status_code == 302
        assert Certificate.objects.filter(run=run).count() == 1
        fragment = client.get(
            f"/courses/staff/runs/{run.pk}/certificates/progress/"
        ).content.decode()
        assert "hx-trigger" not in fragment  # done: polling stops
        page = client.get(f"/courses/staff/runs/{run.pk}/certificates/")
        assert page.status_code == 200
        assert Certificate.objects.get().serial in page.content.decode()

    def test_it_refuses_a_run_that_has_not_ended(self, client, center, dave):
        run = make_run(make_course(center), days_ago_ended=-3, meetings=1, future_meetings=3)
        client.force_login(dave)
        client.post(f"/courses/staff/runs/{run.pk}/certificates/issue/")
        assert not Certificate.objects.exists()
        assert CourseRun.objects.get(pk=run.pk).status == "scheduled"

    def test_instructors_and_trainees_cannot_issue(self, client, run, alice):
        client.force_login(alice)
        assert client.post(f"/courses/staff/runs/{run.pk}/certificates/issue/").status_code == 404
        assert client.get(f"/courses/staff/runs/{run.pk}/certificates/").status_code == 404


class TestHelpers:
    @pytest.mark.parametrize(
        ("name", "masked"),
        [
            ("김철수", "김*수"),
            ("이수", "이*"),
            ("남궁민수", "남**수"),
            ("김", "김"),
            ("Alice Kim", "A***e K*m"),
        ],
    )
    def test_mask_name(self, name, masked):
        assert mask_name(name) == masked

    def test_client_ip_ignores_forwarded_for_without_trusted_proxies(self):
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
        assert client_ip(request) == "10.0.0.1"

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_client_ip_takes_the_address_our_proxy_saw(self):
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4"
        )
        assert client_ip(request) == "1.2.3.4"


class TestDemoData:
    def test_past_runs_get_attendance_and_certificates_once(
        self, db, django_capture_on_commit_callbacks
    ):
        from io import StringIO

        from django.core.management.base import OutputWrapper

        from accounts import demo as accounts_demo
        from accounts.models import Center
        from core.seeding import Demo
        from courses.demo import seed_attendance_and_certificates
        from courses.models import Attendance, ClassMeeting

        demo = Demo(stdout=OutputWrapper(StringIO()))
        accounts_demo.seed(demo)
        center = Center.objects.get(slug=accounts_demo.JONGNO)
        run = make_run(make_course(center), days_ago_ended=20, meetings=0)
        run.starts_on = run.ends_on - dt.timedelta(days=27)
        run.save()

        with django_capture_on_commit_callbacks(execute=True):
            seed_attendance_and_certificates(demo)
        counts = (
            ClassMeeting.objects.count(),
            Attendance.objects.count(),
            Certificate.objects.count(),
        )
        with django_capture_on_commit_callbacks(execute=True):
            seed_attendance_and_certificates(demo)

        assert counts == (
            ClassMeeting.objects.count(),
            Attendance.objects.count(),
            Certificate.objects.count(),
        )
        assert counts[0] == 8
        assert 0 < counts[2] < 5  # the trainee who missed too much does not complete
        assert all(c.pdf for c in Certificate.objects.all())


class TestAdmin:
    @pytest.mark.parametrize(
        "model", ["certificate", "completion", "attendance", "certificateserialcounter"]
    )
    def test_admin_pages_load(self, client, finished, model):
        from tests.factories import UserFactory, add_totp

        admin_user = UserFactory(is_staff=True, is_superuser=True)
        add_totp(admin_user)
        client.force_login(admin_user)

        assert client.get(f"/admin/courses/{model}/").status_code == 200
        if model == "certificate":
            pk = Certificate.objects.get().pk
            page = client.get(f"/admin/courses/certificate/{pk}/change/")
            assert page.status_code == 200
            # the private PDF is linked through the view that checks who asks
            assert f"/courses/certificates/{pk}/pdf/" in page.content.decode()


class TestPersonalData:
    def test_the_data_download_lists_certificates_and_attendance(self, finished, alice):
        from core.privacy import export_user_data

        data = export_user_data(alice)["certificates"]

        assert data["certificates"][0]["serial"] == Certificate.objects.get().serial
        assert len(data["attendance"]) == 4

    def test_account_deletion_removes_the_name_and_the_file(
        self, finished, alice, django_capture_on_commit_callbacks
    ):
        from django.utils import timezone

        from core.privacy import erase_user_data
        from courses.services import certificate_store_pdf

        certificate = Certificate.objects.get()
        storage, name = certificate.pdf.storage, certificate.pdf.name
        alice.anonymized_at = timezone.now()
        alice.save(update_fields=["anonymized_at"])

        with django_capture_on_commit_callbacks(execute=True):
            erase_user_data(alice)

        certificate.refresh_from_db()
        assert certificate.holder_name == "" and not certificate.pdf
        assert not storage.exists(name)
        assert certificate_store_pdf(certificate_id=certificate.pk) is False  # never rendered again

    def test_an_erasure_that_rolls_back_keeps_the_file(self, transactional_db, finished, alice):
        from django.db import transaction

        from core.privacy import erase_user_data

        certificate = Certificate.objects.get()
        storage, name = certificate.pdf.storage, certificate.pdf.name

        class Abort(Exception):
            pass

        with pytest.raises(Abort), transaction.atomic():
            erase_user_data(alice)
            raise Abort  # e.g. another app's eraser failed after ours ran
        with transaction.atomic():  # later commits must not run the discarded deletion
            Certificate.objects.filter(pk=certificate.pk).update(revoked_reason="")

        certificate.refresh_from_db()
        assert certificate.holder_name == "김앨리스" and certificate.pdf.name == name
        assert storage.exists(name)
