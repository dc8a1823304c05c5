"""The audit log of what staff do to trainees' course records, and who sees it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from core.audit import entries_about, entries_for
from core.models import AuditEntry
from courses import services
from courses.models import Attendance, Certificate, Completion, CourseRun, Enrollment
from tests.courses.completion_helpers import enroll, make_course, make_run, meetings
from tests.courses.factories import CourseFactory, CourseRunFactory
from tests.factories import make_trainee

S = Enrollment.Status


def actions(obj) -> list[str]:
    return [e.action for e in entries_for(obj)]


@pytest.fixture
def run(center):
    return CourseRunFactory(course=CourseFactory(center=center, title="주얼리 CAD"), capacity=1)


@pytest.fixture
def finished_run(center):
    return make_run(make_course(center), meetings=2)


class TestAttendanceCorrections:
    def test_a_first_mark_is_not_logged_but_a_correction_is(self, finished_run, alice, dave):
        enrollment = enroll(finished_run, alice)
        meeting = meetings(finished_run)[0]

        services.attendance_record_bulk(meeting=meeting, marks={enrollment.pk: "absent"}, by=dave)
        assert not AuditEntry.objects.exists()
        services.attendance_record_bulk(meeting=meeting, marks={enrollment.pk: "late"}, by=dave)

        (entry,) = entries_about(alice)
        assert entry.action == "courses.attendance.corrected"
        assert entry.actor == dave
        assert entry.data == {"from": "absent", "to": "late", "note_changed": False}
        assert entry.object_id == str(Attendance.objects.get().pk)

    def test_the_trainee_sees_the_correction_in_privacy_settings(
        self, client, finished_run, alice, dave
    ):
        enrollment = enroll(finished_run, alice)
        meeting = meetings(finished_run)[0]
        for status in ("absent", "present"):
            services.attendance_record_bulk(meeting=meeting, marks={enrollment.pk: status}, by=dave)
        client.force_login(alice)

        body = client.get("/settings/privacy/").content.decode()

        assert "출결 정정" in body
        assert "정데이브" in body
        assert finished_run.course.title in body

    def test_staff_see_corrections_on_the_attendance_sheet(self, client, finished_run, alice, dave):
        enrollment = enroll(finished_run, alice)
        meeting = meetings(finished_run)[0]
        client.force_login(dave)
        url = f"/courses/staff/meetings/{meeting.pk}/attendance/"
        client.post(url, {f"status-{enrollment.pk}": "absent"})
        assert "출결 정정" not in client.get(url).content.decode()

        client.post(
            url, {f"status-{enrollment.pk}": "present", f"note-{enrollment.pk}": "지각 아님"}
        )

        body = client.get(url).content.decode()
        assert "출결 정정" in body and "정데이브" in body
        assert entries_about(alice).get().data["note_changed"] is True
        assert "지각 아님" not in str(entries_about(alice).get().data)


class TestCertificateRevocation:
    @pytest.fixture
    def certificate(self, finished_run, alice, dave, django_capture_on_commit_callbacks):
        enrollment = enroll(finished_run, alice)
        for meeting in meetings(finished_run):
            services.attendance_record_bulk(
                meeting=meeting, marks={enrollment.pk: "present"}, by=dave
            )
        with django_capture_on_commit_callbacks(execute=True):
            services.completion_evaluate_run(run_id=finished_run.pk, by=dave)
        return Certificate.objects.get()

    def test_issue_and_decision_are_logged_once(self, certificate, finished_run, alice, dave):
        assert actions(certificate) == ["courses.certificate.issued"]
        completion = Completion.objects.get()
        assert actions(completion) == ["courses.completion.completed"]
        assert entries_for(completion).get().subject == alice

        services.completion_evaluate_run(run_id=finished_run.pk)  # the nightly task, again

        assert actions(completion) == ["courses.completion.completed"]
        assert actions(certificate) == ["courses.certificate.issued"]

    def test_a_revocation_is_logged_with_its_reason_and_shown_to_the_holder(
        self, client, certificate, alice, dave
    ):
        client.force_login(dave)
        client.post(
            f"/courses/staff/certificates/{certificate.pk}/revoke/", {"reason": "출석부 오기재"}
        )

        entry = entries_for(certificate).first()
        assert (entry.action, entry.actor, entry.subject) == (
            "courses.certificate.revoked",
            dave,
            alice,
        )
        assert entry.data == {"reason": "출석부 오기재"}
        staff_page = client.get(f"/courses/staff/runs/{certificate.run_id}/certificates/")
        assert "수료증 취소" in staff_page.content.decode()

        client.force_login(alice)
        body = client.get("/settings/privacy/").content.decode()
        assert "수료증 취소" in body and "출석부 오기재" in body
        assert certificate.serial in body

    def test_revoking_twice_is_a_conflict_and_logged_once(self, certificate, dave):
        from core.exceptions import ConflictError

        services.certificate_revoke(certificate=certificate, by=dave, reason="오류")
        with pytest.raises(ConflictError):
            services.certificate_revoke(certificate=certificate, by=dave, reason="다시")
        assert actions(certificate).count("courses.certificate.revoked") == 1

    def test_score_changes_are_logged(self, center, alice, dave):
        run = make_run(make_course(center, pass_mark=60), meetings=1)
        enrollment = enroll(run, alice)

        services.completion_set_scores(run=run, scores={enrollment.pk: 55}, by=dave)
        services.completion_set_scores(run=run, scores={enrollment.pk: 55}, by=dave)
        services.completion_set_scores(run=run, scores={enrollment.pk: 70}, by=dave)

        assert [e.data for e in entries_about(alice)] == [
            {"from": 55, "to": 70},
            {"from": None, "to": 55},
        ]


class TestEnrollmentDecisions:
    def test_approval_and_decline_are_logged_about_the_applicant(self, center, alice, dave):
        screened = CourseRunFactory(
            course=CourseFactory(center=center), is_screened=True, application_questions="동기"
        )
        other = make_trainee(name="최보라")
        mine = services.enrollment_create(run=screened, user=alice, answers={"동기": "창업"})
        theirs = services.enrollment_create(run=screened, user=other, answers={"동기": "취업"})

        services.enrollment_approve(enrollment=mine, by=dave)
        services.enrollment_reject(enrollment=theirs, by=dave, note="다음 기수에 지원해 주세요.")

        assert [(e.action, e.data) for e in entries_about(alice)] == [
            ("courses.enrollment.approved", {"status": "confirmed"})
        ]
        (declined,) = entries_about(other)
        assert declined.action == "courses.enrollment.rejected"
        assert declined.data == {"reason": "다음 기수에 지원해 주세요."}

    def test_staff_cancelling_is_logged_but_a_trainee_cancelling_their_own_is_not(
        self, run, alice, dave
    ):
        own = services.enrollment_create(run=run, user=alice)
        services.enrollment_cancel(enrollment=own)
        assert not AuditEntry.objects.exists()

        again = services.enrollment_create(run=run, user=alice)
        services.enrollment_cancel(enrollment=again, by=dave)
        assert [(e.action, e.actor) for e in entries_about(alice)] == [
            ("courses.enrollment.cancelled", dave)
        ]

    def test_a_move_is_logged_on_the_enrollment_left_behind(self, run, alice, dave):
        target = CourseRunFactory(course=run.course, name="2기")
        enrollment = services.enrollment_create(run=run, user=alice)

        moved = services.enrollment_move(enrollment=enrollment, to_run=target, by=dave)

        (entry,) = entries_for(enrollment)
        assert entry.action == "courses.enrollment.moved" and entry.subject == alice
        assert entry.data["to_enrollment"] == moved.pk


class TestRunChanges:
    def test_a_capacity_change_is_logged_and_shown_on_the_run_page(self, client, run, dave):
        client.force_login(dave)

        client.post(reverse("courses:staff_run_capacity", args=[run.pk]), {"capacity": 5})

        (entry,) = entries_for(run)
        assert (entry.action, entry.actor, entry.data) == (
            "courses.run.capacity_changed",
            dave,
            {"from": 1, "to": 5},
        )
        page = client.get(reverse("courses:staff_run", args=[run.pk])).content.decode()
        assert "정원 변경" in page

    def test_an_unchanged_capacity_leaves_no_entry(self, run, dave):
        services.run_set_capacity(run=run, capacity=1, by=dave)
        assert not AuditEntry.objects.exists()


class TestCancellingARun:
    def test_everyone_in_it_is_emailed_after_commit_and_sees_it_logged(
        self, run, alice, dave, django_capture_on_commit_callbacks
    ):
        waiting = make_trainee(name="대기자", email="waiting@example.com")
        english = make_trainee(name="Sam", email="sam@example.com", language="en")
        gone = make_trainee(name="취소자", email="gone@example.com")
        services.enrollment_create(run=run, user=alice)  # the only seat
        services.enrollment_create(run=run, user=waiting)  # waitlisted
        services.enrollment_create(run=run, user=english)  # waitlisted
        services.enrollment_cancel(enrollment=services.enrollment_create(run=run, user=gone))
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            services.run_cancel(run=run, by=dave)
            assert not mail.outbox  # nothing leaves before the commit
        assert callbacks

        by_address = {m.to[0]: m for m in mail.outbox}
        assert set(by_address) == {"alice@example.com", "waiting@example.com", "sam@example.com"}
        assert "폐강" in by_address["alice@example.com"].subject
        assert "waitlist" in by_address["sam@example.com"].body
        assert "대기" in by_address["waiting@example.com"].body
        assert not Enrollment.objects.filter(run=run, status__in=[S.CONFIRMED, S.WAITLISTED])
        assert actions(run) == ["courses.run.cancelled"]
        assert [e.action for e in entries_about(alice)] == ["courses.enrollment.run_cancelled"]
        assert not entries_about(gone).exists()

    def test_a_run_cannot_be_cancelled_twice(self, run, dave):
        from core.exceptions import ConflictError

        services.run_cancel(run=run, by=dave)
        with pytest.raises(ConflictError):
            services.run_cancel(run=run, by=dave)
        assert CourseRun.objects.get(pk=run.pk).status == CourseRun.Status.CANCELLED
        assert actions(run) == ["courses.run.cancelled"]

    def test_staff_cancel_from_the_run_page_and_people_are_told(
        self, client, run, alice, dave, django_capture_on_commit_callbacks
    ):
        services.enrollment_create(run=run, user=alice)
        mail.outbox.clear()
        client.force_login(dave)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("courses:staff_run_cancel", args=[run.pk]))

        assert response.status_code == 302
        assert [m.to for m in mail.outbox] == [["alice@example.com"]]
        page = client.get(reverse("courses:staff_run", args=[run.pk])).content.decode()
        assert "기수 폐강" in page
